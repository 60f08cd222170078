/**
 * Floor-state snapshots in SQLite: one row per seq, the newest (highest seq) wins.
 *
 * A big floor's snapshot is tens of MB. Written in one statement it held SQLite's write
 * lock for most of a second, and every log append (the floor accepting events) waited for
 * it. So the text is written in parts, each in a transaction of its own with a turn of the
 * event loop between them, and only then does the snapshot row appear, naming its parts:
 * a crash half-way leaves parts no row names (removed by the next prune), never a snapshot
 * with missing text.
 */
import { randomUUID } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { toBound, toCount } from '../limits.js';
import type { SnapshotStore, StoredSnapshot } from '../types.js';
import { sqlLimit, type SqliteConnection } from './connection.js';

/** Characters per part: about a megabyte, a few ms of lock each. */
export const SNAPSHOT_PART_CHARS = 1 << 20;

/**
 * Cuts `text` into parts of at most `size` characters, never between the two halves of a
 * surrogate pair (SQLite stores UTF-8, where half a pair would become U+FFFD).
 */
export function cutIntoParts(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let from = 0; from < text.length;) {
    let to = Math.min(text.length, from + size);
    const last = text.charCodeAt(to - 1);
    if (to < text.length && last >= 0xd800 && last <= 0xdbff && to - 1 > from) to -= 1;
    parts.push(text.slice(from, to));
    from = to;
  }
  return parts;
}

interface SnapshotRow {
  seq: number;
  takenAt: number;
  state: string;
  partsId: string | null;
}

export function createSqliteSnapshotStore(connection: SqliteConnection, partChars = SNAPSHOT_PART_CHARS): SnapshotStore {
  const db = connection.db;
  const insertPart = db.prepare<[string, number, string]>('INSERT INTO snapshot_parts (parts_id, part, text) VALUES (?, ?, ?)');
  const upsertSnapshot = db.prepare<[number, number, string]>(
    `INSERT INTO snapshots (seq, taken_at, state, parts_id) VALUES (?, ?, '', ?)
     ON CONFLICT (seq) DO UPDATE SET taken_at = excluded.taken_at, state = '', parts_id = excluded.parts_id`);
  const selectLatest = db.prepare<[], SnapshotRow>(
    'SELECT seq, taken_at AS takenAt, state, parts_id AS partsId FROM snapshots ORDER BY seq DESC LIMIT 1');
  const selectParts = db.prepare<[string], { text: string }>('SELECT text FROM snapshot_parts WHERE parts_id = ? ORDER BY part');
  const deleteAllButNewest = db.prepare<[number]>(
    'DELETE FROM snapshots WHERE seq NOT IN (SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)');
  // Parts of replaced or pruned snapshots, and of a write a crash cut short.
  const deleteUnnamedParts = db.prepare(
    'DELETE FROM snapshot_parts WHERE parts_id NOT IN (SELECT parts_id FROM snapshots WHERE parts_id IS NOT NULL)');

  return {
    async save(snapshot: StoredSnapshot): Promise<void> {
      connection.assertOpen();
      const seq = toBound('seq', snapshot.seq);
      const partsId = randomUUID();
      const parts = cutIntoParts(snapshot.state, partChars);
      for (let i = 0; i < parts.length; i++) {
        // Between parts, whoever else waits for the write lock (the log) gets it.
        if (i > 0) await nextTurn();
        connection.assertOpen();
        insertPart.run(partsId, i, parts[i]);
      }
      upsertSnapshot.run(seq, snapshot.takenAt, partsId);
    },

    async latest(): Promise<StoredSnapshot | null> {
      connection.assertOpen();
      const row = selectLatest.get();
      if (!row) return null;
      const state = row.partsId === null ? row.state : selectParts.all(row.partsId).map((p) => p.text).join('');
      return { seq: row.seq, takenAt: row.takenAt, state };
    },

    async prune(keep: number): Promise<void> {
      connection.assertOpen();
      const limit = sqlLimit(toCount('keep', keep));
      db.transaction(() => {
        deleteAllButNewest.run(limit);
        deleteUnnamedParts.run();
      })();
    },
  };
}
