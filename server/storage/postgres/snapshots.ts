/** Floor-state snapshots in PostgreSQL: one row per seq, the newest (highest seq) wins. */
import { toBound, toCount } from '../limits.js';
import type { SnapshotStore, StoredSnapshot } from '../types.js';
import { pgLimit, type PgConnection } from './connection.js';

export function createPostgresSnapshotStore(connection: PgConnection): SnapshotStore {
  return {
    async save(snapshot: StoredSnapshot): Promise<void> {
      connection.assertOpen();
      await connection.query(
        `INSERT INTO snapshots (seq, taken_at, state) VALUES ($1, $2, $3)
         ON CONFLICT (seq) DO UPDATE SET taken_at = excluded.taken_at, state = excluded.state`,
        [toBound('seq', snapshot.seq), snapshot.takenAt, snapshot.state]);
    },

    async latest(): Promise<StoredSnapshot | null> {
      connection.assertOpen();
      const { rows } = await connection.query<{ seq: string; taken_at: number; state: string }>(
        'SELECT seq, taken_at, state FROM snapshots ORDER BY seq DESC LIMIT 1');
      const row = rows[0];
      return row === undefined ? null : { seq: Number(row.seq), takenAt: row.taken_at, state: row.state };
    },

    async prune(keep: number): Promise<void> {
      connection.assertOpen();
      await connection.query(
        'DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT $1)',
        [pgLimit(toCount('keep', keep))]);
    },
  };
}
