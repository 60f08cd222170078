import fs from 'node:fs';
import { Option } from 'commander';
import { createSqliteAccessStore } from '../access/sqlite/index.js';
import type { AccessStore } from '../access/types.js';
import { checkPostgresUrl, redactPostgresUrl } from '../storage/postgres/url.js';

/**
 * The access store in the server's database file. These commands run beside a server, so
 * a --db that does not exist is a typo or the wrong directory: opening it would create an
 * empty database and hand out a token (or a password) no server knows. Only `create`, on
 * request, makes a new file (setting up before the server's first start).
 */
export function openServerDatabase(db: string, { create = false } = {}): AccessStore {
  if (!create && !fs.statSync(db, { throwIfNoEntry: false })?.isFile()) {
    throw new Error(`no such database file: ${db} (pass the --db the server runs with)`);
  }
  return createSqliteAccessStore(db);
}

/** `--postgres URL` / FLOORWATCH_POSTGRES, as `serve` takes it: where a PostgreSQL server keeps its accounts and feed tokens. */
export function postgresOption(): Option {
  return new Option(
    '--postgres <url>',
    'the PostgreSQL the server runs with (serve --postgres / FLOORWATCH_POSTGRES): its accounts and feed tokens are there, not in --db; prefer the environment variable (a flag shows in ps)',
  ).env('FLOORWATCH_POSTGRES');
}

/** Where the server keeps its accounts: its SQLite file, or PostgreSQL when it runs with one. */
export interface ServerAccessPlace {
  db: string;
  postgres?: string;
  /** Make the file (or, in PostgreSQL, the access tables) when there is none yet. */
  create?: boolean;
}

/**
 * The access store the server itself uses. With PostgreSQL the same care as with a --db
 * typo: a URL naming another database or schema (another search_path) would get access
 * tables of its own and a token or password no server knows, so a schema without the
 * server's access tables is refused unless `create` asks for them.
 */
export async function openServerAccess({ db, postgres, create = false }: ServerAccessPlace): Promise<AccessStore> {
  if (postgres === undefined) return openServerDatabase(db, { create });
  // Checked here, not by commander, whose message would repeat the URL and its password.
  const url = checkPostgresUrl(postgres, '--postgres / FLOORWATCH_POSTGRES');
  const where = redactPostgresUrl(url);
  const [{ PgConnection }, { schemaVersion }, { ACCESS_COMPONENT }, { createPostgresAccessStore }] = await Promise.all([
    import('../storage/postgres/connection.js'), import('../storage/postgres/migrate.js'),
    import('../access/postgres/schema.js'), import('../access/postgres/index.js'),
  ]);
  const said = (err: unknown): Error => new Error(`PostgreSQL at ${where}: ${err instanceof Error ? err.message : String(err)}`);
  if (!create) {
    const probe = new PgConnection({ url, onIdleError: () => undefined }, 1);
    let version: number;
    try {
      version = await schemaVersion(probe, ACCESS_COMPONENT);
    } catch (err) {
      throw said(err);
    } finally {
      await probe.close();
    }
    if (version === 0) {
      throw new Error(`no Floorwatch accounts in PostgreSQL at ${where} (no access tables where its search_path points): pass the --postgres URL the server runs with, the same database and search_path`);
    }
  }
  try {
    return await createPostgresAccessStore({ url, onIdleError: () => undefined });
  } catch (err) {
    throw said(err);
  }
}
