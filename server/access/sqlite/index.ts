/**
 * The access store in SQLite (WAL). It can have a file of its own or share the event
 * storage's: its tables are all `access_`-prefixed and it tracks its schema in
 * `access_meta`, leaving `PRAGMA user_version` to the event storage. better-sqlite3 is
 * synchronous; the methods return promises because AccessStore is shaped for any backend.
 */
import { SqliteConnection } from '../../storage/sqlite/connection.js';
import type { AccessStore } from '../types.js';
import { createSqliteAccounts } from './accounts.js';
import { createSqliteAudit } from './audit.js';
import { createSqliteDevices, createSqliteFeedTokens } from './token-credentials.js';
import { openAccessDatabase } from './open.js';
import type { SharedFileOptions } from '../../storage/sqlite/open.js';
import { createSqlitePairRequests } from './pair-requests.js';
import { createSqliteSessions } from './sessions.js';

export { ACCESS_SCHEMA_VERSION } from './schema.js';

/**
 * Opens (creating if needed, parent directories included) the database at `path`, or a
 * private in-memory one for `:memory:`. Throws if the file cannot be opened or migrated.
 */
export function createSqliteAccessStore(path: string, options: SharedFileOptions = {}): AccessStore {
  const connection = new SqliteConnection(openAccessDatabase(path, options));
  try {
    return {
      accounts: createSqliteAccounts(connection),
      sessions: createSqliteSessions(connection),
      devices: createSqliteDevices(connection),
      pairRequests: createSqlitePairRequests(connection),
      feedTokens: createSqliteFeedTokens(connection),
      audit: createSqliteAudit(connection),
      async close() {
        connection.close();
      },
    };
  } catch (error) {
    connection.close();
    throw error;
  }
}
