/**
 * The pool a PostgreSQL store works through. Every store method checks here first, so a
 * call after close() gets a StorageClosedError (as with SQLite) instead of pg's own
 * "Cannot use a pool after calling end on the pool".
 */
import pg from 'pg';
import { StorageClosedError } from '../errors.js';

export interface PostgresOptions {
  /** `postgres://user:password@host:5432/database`; or give `pool` instead. */
  url?: string;
  /**
   * A pool the caller owns (and ends): close() then only stops this store from using it.
   * Its connections must already have the right search_path.
   */
  pool?: pg.Pool;
  /**
   * The schema the tables live in, created if missing (only with `url`). Without it the
   * server's default search_path decides (normally `public`). Tests use one per test.
   */
  schema?: string;
  /** Most connections the pool opens (with `url`). */
  maxConnections?: number;
  /**
   * An idle pooled connection broke (the server restarted, a proxy timed it out). pg
   * emits this on the pool; unhandled it would crash the process. The next query opens a
   * fresh connection, so this is for the log only.
   */
  onIdleError?: (err: Error) => void;
}

/** How long a query waits for a free connection or a new one before failing. */
const CONNECT_TIMEOUT_MS = 10_000;

/** A schema name is put into SQL as an identifier: plain names only, no quoting games. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class PgConnection {
  #pool: pg.Pool | null;
  readonly #owned: boolean;
  /** The schema named in the options, if any (migrations create it). */
  readonly schema: string | undefined;

  constructor(options: PostgresOptions, defaultMaxConnections: number) {
    if ((options.url === undefined) === (options.pool === undefined)) {
      throw new TypeError('postgres storage: give exactly one of `url` or `pool`');
    }
    if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
      throw new RangeError(`postgres schema must be a lower-case name (a-z, 0-9, _), got ${JSON.stringify(options.schema)}`);
    }
    if (options.pool !== undefined && options.schema !== undefined) {
      throw new TypeError('postgres storage: `schema` only applies with `url`; set search_path on your own pool');
    }
    this.schema = options.schema;
    this.#owned = options.pool === undefined;
    this.#pool = options.pool ?? new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? defaultMaxConnections,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      // A startup parameter, so every connection of the pool has it before its first query.
      ...(options.schema !== undefined && { options: `-c search_path=${options.schema}` }),
    });
    if (this.#owned) this.#pool.on('error', (err) => options.onIdleError?.(err));
  }

  /** The open pool; throws once closed. */
  get pool(): pg.Pool {
    if (this.#pool === null) throw new StorageClosedError('postgres');
    return this.#pool;
  }

  assertOpen(): void {
    if (this.#pool === null) throw new StorageClosedError('postgres');
  }

  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, values);
  }

  /**
   * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK
   * when it throws. A connection whose ROLLBACK failed too is dropped, not reused.
   */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Stops the store; ends the pool if this store opened it. A second call does nothing. */
  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = null;
    if (pool !== null && this.#owned) await pool.end();
  }
}

/** SQL's LIMIT has no "infinity"; LIMIT NULL means no limit. */
export function pgLimit(count: number): number | null {
  return Number.isFinite(count) ? count : null;
}

/**
 * Seqs are whole numbers in a bigint column; a bound given as a fraction or an infinity
 * (the contract allows both) is turned into the whole number that selects the same rows.
 * `seq <= 2.5` is `seq <= 2`; `seq > 2.5` is `seq > 2`.
 */
export function seqBound(value: number): number {
  if (value === Infinity) return Number.MAX_SAFE_INTEGER;
  if (value === -Infinity) return -1;
  return Math.floor(value);
}

/**
 * PostgreSQL text cannot hold the NUL character, which an event's ids may contain (the
 * contract only bounds their length). Key columns (ids, agent and call ids) go through
 * this injective escape so such an event is stored, not refused; `fromKey` undoes it.
 * JSON columns need nothing: JSON.stringify already writes NUL as \u0000.
 */
export function toKey(value: string): string;
export function toKey(value: string | null | undefined): string | null;
export function toKey(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value.includes('\\') || value.includes('\0') ? value.replace(/\\/g, '\\\\').replace(/\0/g, '\\0') : value;
}

export function fromKey(value: string): string {
  return value.includes('\\') ? value.replace(/\\(\\|0)/g, (_match, escaped: string) => (escaped === '0' ? '\0' : '\\')) : value;
}
