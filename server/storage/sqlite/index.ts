/**
 * The embedded default storage: one SQLite file (WAL) holding the event log, snapshots
 * and alerts. better-sqlite3 is synchronous; the methods still return promises because
 * the Storage interface is shaped for networked backends too.
 */
import type { Storage } from '../types.js';
import { createSqliteAlertStore } from './alerts.js';
import { SqliteConnection } from './connection.js';
import { createSqliteEventLog } from './event-log.js';
import { checkpointInBackground } from './checkpointer.js';
import { keepLookups, type LookupsKeeper } from './lookups-keeper.js';
import { isInMemoryPath, openDatabase, type SqliteStorageOptions } from './open.js';
import { createSqlitePointsLedger } from './points.js';
import { createSqliteSnapshotStore } from './snapshots.js';

export type { SqliteStorageOptions } from './open.js';
export { SCHEMA_VERSION } from './schema.js';

/**
 * Opens (creating if needed, parent directories included) the database at `path`, or a
 * private in-memory one for `:memory:`. Throws if the file cannot be opened or migrated.
 */
export function createSqliteStorage(path: string, options?: SqliteStorageOptions): Storage {
  const connection = new SqliteConnection(openDatabase(path, options));
  const inMemory = isInMemoryPath(path);
  let lookups: LookupsKeeper | undefined;
  try {
    lookups = keepLookups(connection.db, path, inMemory, {
      background: options?.backgroundLookups === true,
      ...(options?.onLookupsFailure && { onFailure: options.onLookupsFailure }),
    });
    const stores = {
      log: createSqliteEventLog(connection, lookups),
      snapshots: createSqliteSnapshotStore(connection),
      alerts: createSqliteAlertStore(connection),
      points: createSqlitePointsLedger(connection),
    };
    // Last, once nothing can throw: a failed open must not leave a thread behind.
    const checkpoints = options?.backgroundCheckpoints === true && !inMemory
      ? checkpointInBackground(connection.db, path, { ...(options.onCheckpointThreadFailure && { onFailure: options.onCheckpointThreadFailure }) })
      : undefined;
    const kept = lookups;
    return {
      ...stores,
      async close() {
        // The threads first: the last connection to close is the one that checkpoints the rest.
        await kept.close();
        await checkpoints?.close();
        connection.close();
      },
    };
  } catch (error) {
    void lookups?.close();
    connection.close();
    throw error;
  }
}
