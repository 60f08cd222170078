/**
 * The event storage in PostgreSQL, for when several hosts run Floorwatch (or the board
 * must outlive a machine): the same Storage contract as SQLite and the memory store, held
 * to it by the same suite (test/unit/storage/postgres.test.ts).
 */
import type { Storage } from '../types.js';
import { createPostgresAlertStore } from './alerts.js';
import { PgConnection, type PostgresOptions } from './connection.js';
import { createPostgresEventLog } from './event-log.js';
import { applyMigrations } from './migrate.js';
import { createPostgresPointsLedger } from './points.js';
import { STORAGE_COMPONENT, STORAGE_MIGRATIONS } from './schema.js';
import { createPostgresSnapshotStore } from './snapshots.js';

export type { PostgresOptions } from './connection.js';
export { STORAGE_SCHEMA_VERSION } from './schema.js';

/** Enough for the floor's one-at-a-time writes plus the HTTP reads beside them. */
const DEFAULT_MAX_CONNECTIONS = 8;

/**
 * Connects and brings the schema up to date. Rejects (and closes what it opened) when the
 * server cannot be reached or the schema is newer than this build.
 */
export async function createPostgresStorage(options: PostgresOptions): Promise<Storage> {
  const connection = new PgConnection(options, DEFAULT_MAX_CONNECTIONS);
  try {
    await applyMigrations(connection, STORAGE_COMPONENT, STORAGE_MIGRATIONS);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    log: createPostgresEventLog(connection),
    snapshots: createPostgresSnapshotStore(connection),
    alerts: createPostgresAlertStore(connection),
    points: createPostgresPointsLedger(connection),
    close: () => connection.close(),
  };
}
