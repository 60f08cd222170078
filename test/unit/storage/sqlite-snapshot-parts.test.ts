/**
 * SQLite writes a snapshot's text in parts (snapshots.ts), so a big floor's snapshot never
 * holds the write lock long: the parts must come back as the very text saved, a write cut
 * short must never be read, and its leftovers must go.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteConnection } from '../../../server/storage/sqlite/connection.js';
import { openDatabase } from '../../../server/storage/sqlite/open.js';
import { createSqliteSnapshotStore, cutIntoParts } from '../../../server/storage/sqlite/snapshots.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-snap-parts-'));
  dirs.push(dir);
  return join(dir, 'floor.db');
}

describe('cutIntoParts', () => {
  it('cuts into parts of the size asked, the last one shorter, and joins back to the text', () => {
    const parts = cutIntoParts('abcdefghij', 4);
    expect(parts).toEqual(['abcd', 'efgh', 'ij']);
    expect(cutIntoParts('', 4)).toEqual([]);
  });

  it('never cuts a surrogate pair in two', () => {
    // '😀' is two UTF-16 units; a cut after 'ab' + its first half would split it.
    const text = 'ab😀cd😀';
    const parts = cutIntoParts(text, 3);
    expect(parts.join('')).toBe(text);
    for (const part of parts) expect(part).toBe(Buffer.from(part, 'utf8').toString('utf8'));
    expect(parts[0]).toBe('ab');
  });
});

describe('sqlite snapshots in parts', () => {
  it('a snapshot many parts long (non-ASCII text across the cuts) reads back as saved', async () => {
    const connection = new SqliteConnection(openDatabase(file()));
    const store = createSqliteSnapshotStore(connection, 7);
    const state = JSON.stringify({ agents: Array.from({ length: 50 }, (_, i) => ({ id: `a${i}`, name: `王小明 😀 ${i}` })) });
    await store.save({ seq: 5, takenAt: 100, state });
    expect(await store.latest()).toEqual({ seq: 5, takenAt: 100, state });
    const parts = connection.db.prepare('SELECT COUNT(*) AS n FROM snapshot_parts').get() as { n: number };
    expect(parts.n).toBeGreaterThan(100);
    connection.close();
  });

  it('a save cut short (parts written, no row yet) is never read, and prune removes its parts', async () => {
    const connection = new SqliteConnection(openDatabase(file()));
    const store = createSqliteSnapshotStore(connection, 4);
    await store.save({ seq: 1, takenAt: 10, state: '{"first":true}' });
    // What a crash between the parts and the row leaves behind.
    connection.db.prepare('INSERT INTO snapshot_parts (parts_id, part, text) VALUES (?, ?, ?)').run('cut-short', 0, '{"second"');
    expect(await store.latest()).toEqual({ seq: 1, takenAt: 10, state: '{"first":true}' });
    await store.prune(3);
    const left = connection.db.prepare("SELECT COUNT(*) AS n FROM snapshot_parts WHERE parts_id = 'cut-short'").get() as { n: number };
    expect(left.n).toBe(0);
    expect(await store.latest()).toEqual({ seq: 1, takenAt: 10, state: '{"first":true}' });
    connection.close();
  });

  it('a snapshot saved again at the same seq replaces the text, and the old parts go at the next prune', async () => {
    const connection = new SqliteConnection(openDatabase(file()));
    const store = createSqliteSnapshotStore(connection, 4);
    await store.save({ seq: 1, takenAt: 10, state: 'aaaaaaaaaa' });
    await store.save({ seq: 1, takenAt: 20, state: 'bbbbbb' });
    expect(await store.latest()).toEqual({ seq: 1, takenAt: 20, state: 'bbbbbb' });
    await store.prune(1);
    const n = (connection.db.prepare('SELECT COUNT(*) AS n FROM snapshot_parts').get() as { n: number }).n;
    expect(n).toBe(2);
    connection.close();
  });

  it('a snapshot written before parts existed (text in its row) is still read', async () => {
    const path = file();
    const before = openDatabase(path);
    before.close();
    // Written as the earlier schema did: the text in the row, no parts.
    const { default: Database } = await import('better-sqlite3');
    const raw = new Database(path);
    raw.prepare('INSERT INTO snapshots (seq, taken_at, state) VALUES (?, ?, ?)').run(9, 90, '{"old":true}');
    raw.close();
    const connection = new SqliteConnection(openDatabase(path));
    expect(await createSqliteSnapshotStore(connection).latest()).toEqual({ seq: 9, takenAt: 90, state: '{"old":true}' });
    connection.close();
  });
});
