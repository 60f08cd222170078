/** Floor-state snapshots in SQLite: one row per seq, the newest (highest seq) wins. */
import { toBound, toCount } from '../limits.js';
import type { SnapshotStore, StoredSnapshot } from '../types.js';
import { sqlLimit, type SqliteConnection } from './connection.js';

export function createSqliteSnapshotStore(connection: SqliteConnection): SnapshotStore {
  const db = connection.db;
  const upsertSnapshot = db.prepare<[number, number, string]>(
    `INSERT INTO snapshots (seq, taken_at, state) VALUES (?, ?, ?)
     ON CONFLICT (seq) DO UPDATE SET taken_at = excluded.taken_at, state = excluded.state`);
  const selectLatest = db.prepare<[], StoredSnapshot>(
    'SELECT seq, taken_at AS takenAt, state FROM snapshots ORDER BY seq DESC LIMIT 1');
  const deleteAllButNewest = db.prepare<[number]>(
    'DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)');

  return {
    async save(snapshot: StoredSnapshot): Promise<void> {
      connection.assertOpen();
      upsertSnapshot.run(toBound('seq', snapshot.seq), snapshot.takenAt, snapshot.state);
    },

    async latest(): Promise<StoredSnapshot | null> {
      connection.assertOpen();
      return selectLatest.get() ?? null;
    },

    async prune(keep: number): Promise<void> {
      connection.assertOpen();
      deleteAllButNewest.run(sqlLimit(toCount('keep', keep)));
    },
  };
}
