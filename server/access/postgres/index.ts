/**
 * The access store in PostgreSQL (accounts, sessions, TV devices and pairing, feed tokens,
 * the append-only audit log), for several hosts sharing one database. Its tables are
 * `access_`-prefixed and versioned as their own component, so it can share a database and
 * schema with the event storage. The same contract suite as SQLite and memory holds it.
 */
import { PgConnection, type PostgresOptions } from '../../storage/postgres/connection.js';
import { applyMigrations } from '../../storage/postgres/migrate.js';
import type { AccessStore } from '../types.js';
import { createPostgresAccounts } from './accounts.js';
import { createPostgresAudit } from './audit.js';
import { createPostgresPairRequests } from './pair-requests.js';
import { ACCESS_COMPONENT, ACCESS_MIGRATIONS } from './schema.js';
import { createPostgresSessions } from './sessions.js';
import { createPostgresDevices, createPostgresFeedTokens } from './token-credentials.js';

export { ACCESS_SCHEMA_VERSION } from './schema.js';

/** Sign-ins and session checks are short queries; a few connections are plenty. */
const DEFAULT_MAX_CONNECTIONS = 4;

/** Connects and brings the access tables up to date; rejects (closing what it opened) on failure. */
export async function createPostgresAccessStore(options: PostgresOptions): Promise<AccessStore> {
  const connection = new PgConnection(options, DEFAULT_MAX_CONNECTIONS);
  try {
    await applyMigrations(connection, ACCESS_COMPONENT, ACCESS_MIGRATIONS);
  } catch (error) {
    await connection.close();
    throw error;
  }
  return {
    accounts: createPostgresAccounts(connection),
    sessions: createPostgresSessions(connection),
    devices: createPostgresDevices(connection),
    pairRequests: createPostgresPairRequests(connection),
    feedTokens: createPostgresFeedTokens(connection),
    audit: createPostgresAudit(connection),
    close: () => connection.close(),
  };
}
