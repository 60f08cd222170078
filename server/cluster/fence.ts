/**
 * The fence in PostgreSQL: the storage's own record of the newest lease token, so a
 * holder whose lease ran out without it noticing cannot write over its successor
 * (Kleppmann's fencing tokens, with the database as the resource that checks them).
 *
 * One row per floor. A new owner claims its token (UPDATE ... WHERE token < new) before it
 * reads anything. Each write of an owner runs inside a transaction that holds the row
 * FOR SHARE and checks the token first: the claim's UPDATE waits until writes already
 * under way have committed, and every write that starts after the claim sees the new
 * token and is refused. So a rebuild that starts after its claim has seen every write the
 * old owner will ever make.
 */
import pg from 'pg';

export class FenceLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FenceLostError';
  }
}

export interface FenceOptions {
  /** The --postgres URL: the row lives in the schema of the floor's tables (the URL's search_path). */
  url: string;
  floorId: string;
  onIdleError?: (err: Error) => void;
  /** How long a claim waits for a stalled writer's transaction before giving up (then retried). */
  claimTimeoutMs?: number;
}

const TABLE = 'floorwatch_cluster_fence';
/** First key of the advisory lock around the table's creation (several processes start at once). */
const CREATE_LOCK = 0x4657_4346; // "FWCF"

export class PostgresFence {
  private constructor(
    private readonly pool: pg.Pool,
    private readonly floorId: string,
    private readonly claimTimeoutMs: number,
  ) {}

  /**
   * Connects, creates the table if needed, and refuses a schema that already belongs to
   * another floor: two floors in one schema would write one event log.
   */
  static async open(options: FenceOptions): Promise<PostgresFence> {
    const pool = new pg.Pool({ connectionString: options.url, max: 4, connectionTimeoutMillis: 10_000 });
    pool.on('error', (err) => options.onIdleError?.(err));
    try {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [CREATE_LOCK]);
        await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (
          floor_id   text             PRIMARY KEY,
          token      bigint           NOT NULL,
          holder     text             NOT NULL,
          claimed_at double precision NOT NULL
        )`);
        const other = await client.query<{ floor_id: string }>(`SELECT floor_id FROM ${TABLE} WHERE floor_id <> $1 LIMIT 1`, [options.floorId]);
        if (other.rows.length > 0) {
          throw new Error(
            `this PostgreSQL schema holds floor "${other.rows[0].floor_id}": give floor "${options.floorId}" a schema of its own ` +
            '(the search_path in the --postgres URL)');
        }
        await client.query(`INSERT INTO ${TABLE} (floor_id, token, holder, claimed_at) VALUES ($1, 0, '', 0) ON CONFLICT DO NOTHING`, [options.floorId]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresFence(pool, options.floorId, options.claimTimeoutMs ?? 5000);
  }

  /** The newest token the storage has seen (0 before the first owner). */
  async current(): Promise<number> {
    const { rows } = await this.pool.query<{ token: string }>(`SELECT token FROM ${TABLE} WHERE floor_id = $1`, [this.floorId]);
    return Number(rows[0]?.token ?? 0);
  }

  /**
   * Records `token` as the newest; false when the storage has already seen it or a newer
   * one (a Redis that lost its counter handed out a stale token: acquire again above it).
   * Waits for writes under the old token to finish (at most the claim timeout).
   */
  async claim(token: number, holder: string): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = ${Math.max(1, Math.round(this.claimTimeoutMs))}`);
      const { rowCount } = await client.query(
        `UPDATE ${TABLE} SET token = $2, holder = $3, claimed_at = $4 WHERE floor_id = $1 AND token < $2`,
        [this.floorId, token, holder, Date.now()]);
      await client.query('COMMIT');
      return rowCount === 1;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Runs `work` (a write of the owner holding `token`) while the fence row is held FOR
   * SHARE; throws FenceLostError, without running it, when a newer token was claimed.
   */
  async guard<T>(token: number, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ token: string }>(`SELECT token FROM ${TABLE} WHERE floor_id = $1 FOR SHARE`, [this.floorId]);
      const newest = Number(rows[0]?.token ?? 0);
      if (newest !== token) throw new FenceLostError(`fenced off: the storage has seen token ${newest}, this owner holds ${token}`);
      const result = await work();
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw err;
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
