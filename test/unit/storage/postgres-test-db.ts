/**
 * PostgreSQL for tests: the server CI runs on this machine (FLOORWATCH_TEST_POSTGRES, by
 * default postgres://postgres@127.0.0.1:5432/test), a fresh schema per store made, all of
 * them dropped after the file. Unreachable, the tests FAIL saying so; only
 * FLOORWATCH_SKIP_POSTGRES=1 skips them (a machine without PostgreSQL, on purpose).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL = process.env.FLOORWATCH_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SKIP_POSTGRES = process.env.FLOORWATCH_SKIP_POSTGRES === '1';

/** Throws a message saying what to do when the server cannot be reached. */
export async function requirePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${POSTGRES_URL} (${(error as Error).message}). These tests need it: ` +
      'start PostgreSQL, point FLOORWATCH_TEST_POSTGRES at one, or set FLOORWATCH_SKIP_POSTGRES=1 to skip them.');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Unique schema names for this run; `dropAll` removes every one handed out. */
export function testSchemas(prefix: string) {
  const run = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const made: string[] = [];
  let n = 0;
  return {
    next(): string {
      const name = `${run}_${++n}`;
      made.push(name);
      return name;
    },
    async dropAll(): Promise<void> {
      if (made.length === 0) return;
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        for (const name of made.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A client on one schema, for checks made behind the store's back (a DBA's psql). */
export async function connectTo(schema: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  await client.connect();
  return client;
}
