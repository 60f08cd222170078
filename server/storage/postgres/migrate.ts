/**
 * Versioned migrations for PostgreSQL. Each component (the event storage, the access
 * store) has an ordered list; `floorwatch_migrations` records which versions of which
 * component were applied, and when. Never edit a shipped migration: append a new one.
 *
 * Several processes may start at once against a new database (the scaled-out setup): an
 * advisory lock per schema lets one migrate while the others wait, and since DDL is
 * transactional in PostgreSQL a failed migration leaves the schema as it was.
 */
import type { PgConnection } from './connection.js';

/** The first key of the advisory lock; the second is the schema's hash. */
const MIGRATION_LOCK = 0x4657; // "FW"

export async function applyMigrations(
  connection: PgConnection,
  component: string,
  migrations: readonly string[],
): Promise<void> {
  await connection.transaction(async (client) => {
    // current_schema() is null while the named schema does not exist yet, so lock on the name.
    const schema = connection.schema ?? (await client.query<{ s: string | null }>('SELECT current_schema() AS s')).rows[0].s;
    if (schema === null) {
      throw new Error('PostgreSQL: no schema of the search_path exists; create it (CREATE SCHEMA ...) or fix the URL\'s search_path');
    }
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
    if (connection.schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS ${connection.schema}`);
    await client.query(`CREATE TABLE IF NOT EXISTS floorwatch_migrations (
      component  text        NOT NULL,
      version    integer     NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (component, version)
    )`);
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM floorwatch_migrations WHERE component = $1', [component]);
    const current = rows[0].v ?? 0;
    if (current > migrations.length) {
      throw new Error(
        `${component} schema is version ${current}, newer than this build of Floorwatch knows ` +
        `(${migrations.length}); upgrade Floorwatch or use another database or schema`);
    }
    for (let version = current; version < migrations.length; version++) {
      await client.query(migrations[version]);
      await client.query('INSERT INTO floorwatch_migrations (component, version) VALUES ($1, $2)', [component, version + 1]);
    }
  });
}

/** The version of `component` recorded in the schema (0 before its first migration). */
export async function schemaVersion(connection: PgConnection, component: string): Promise<number> {
  const table = await connection.query<{ t: string | null }>("SELECT to_regclass('floorwatch_migrations')::text AS t");
  if (table.rows[0].t === null) return 0;
  const { rows } = await connection.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM floorwatch_migrations WHERE component = $1', [component]);
  return rows[0].v ?? 0;
}
