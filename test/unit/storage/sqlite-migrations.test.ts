/**
 * Databases written by earlier versions are brought up to date when opened, keeping what
 * they hold: built here by applying the migrations up to a version, as that version did.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.js';
import { lookupsPath } from '../../../server/storage/sqlite/lookups.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../server/storage/sqlite/schema.js';
import { commandEntry, eventEntry, ids, seqs } from './fixtures.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A database file as Floorwatch at schema `version` left it, with `fill` run on it. */
function databaseAt(version: number, fill: (db: Database.Database) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'fw-migrate-'));
  dirs.push(dir);
  const path = join(dir, 'floor.db');
  const db = new Database(path);
  for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]!);
  db.pragma(`user_version = ${version}`);
  fill(db);
  db.close();
  return path;
}

function versionOf(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

describe('SQLite migrations', () => {
  it('a database from before snapshot parts gains the table, and its snapshots are still read', async () => {
    const path = databaseAt(4, (db) => {
      db.prepare('INSERT INTO snapshots (seq, taken_at, state) VALUES (?, ?, ?)').run(9, 90, '{"old":true}');
    });
    const storage = createSqliteStorage(path);
    await storage.snapshots.save({ seq: 10, takenAt: 100, state: '{"new":true}' });
    expect(await storage.snapshots.latest()).toEqual({ seq: 10, takenAt: 100, state: '{"new":true}' });
    await storage.close();
    expect(versionOf(path)).toBe(SCHEMA_VERSION);
  });

  it('the log keyed by time and id (6) keeps every row, its seq high-water mark and its repeats', async () => {
    const path = databaseAt(5, (db) => {
      const insert = db.prepare(
        'INSERT INTO event_log (seq, id, received_at, kind, payload, agent_id, call_id, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const [seq, entry] of [[1, eventEntry('e1', 10, 500)], [2, commandEntry('c1', 11)], [3, eventEntry('e3', 12, 600)]] as const) {
        const event = entry.payload.kind === 'event' ? entry.payload.event : undefined;
        insert.run(seq, entry.id, entry.receivedAt, entry.payload.kind, JSON.stringify(entry.payload),
          event?.agentId ?? null, null, event?.ts ?? null);
      }
      // The newest row pruned: the high-water mark (3) is above every seq left.
      db.prepare('DELETE FROM event_log WHERE seq = 3').run();
    });
    const storage = createSqliteStorage(path);
    expect(await storage.log.lastSeq()).toBe(3);
    expect((await storage.log.read(0, 10)).map((entry) => [entry.seq, entry.id, entry.receivedAt])).toEqual([[1, 'e1', 10], [2, 'c1', 11]]);
    const result = await storage.log.append([eventEntry('e1', 20, 500), commandEntry('c1', 21), eventEntry('e1', 22, 501), eventEntry('e4', 23)]);
    expect(result.duplicateIds).toEqual(['e1', 'c1']);
    expect(ids(result.appended)).toEqual(['e1', 'e4']);
    expect(seqs(result.appended)).toEqual([4, 5]);
    // The agent's day still reads from the log's own columns (the index tables catch up from them).
    expect(ids(await storage.log.eventsAbout({ agentId: 'agent-7', from: 0, to: 2_000 }))).toEqual(['e1', 'e1', 'e4']);
    await storage.close();
    expect(versionOf(path)).toBe(SCHEMA_VERSION);
  });

  it("the lookup tables (7) move from the log's file to a file of their own, without being rebuilt", async () => {
    const path = databaseAt(6, (db) => {
      const insert = db.prepare(
        'INSERT INTO event_log (seq, id, received_at, kind, payload, agent_id, call_id, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const seq of [1, 2, 3]) {
        const entry = eventEntry(`e${seq}`, seq * 10, seq * 100);
        insert.run(seq, entry.id, entry.receivedAt, 'event', JSON.stringify(entry.payload), 'agent-7', `call-${seq}`, seq * 100);
      }
      // Indexed through 2, as the last catch-up left them; a row only the old tables hold
      // tells the move from a rebuild (a rebuild reads the log's columns, not the tables).
      db.exec(`INSERT INTO event_index_agent VALUES ('agent-7', 100, 1), ('agent-7', 200, 2), ('agent-9', 150, 2);
        INSERT INTO event_index_call VALUES ('call-1', 1), ('call-2', 2);
        UPDATE event_index_through SET seq = 2;`);
    });
    const storage = createSqliteStorage(path);
    try {
      expect(ids(await storage.log.eventsAbout({ agentId: 'agent-7', from: 0, to: 1_000 }))).toEqual(['e1', 'e2', 'e3']);
      expect(ids(await storage.log.eventsAbout({ agentId: 'agent-9', from: 0, to: 1_000 }))).toEqual(['e2']);
      expect(ids(await storage.log.eventsAbout({ callIds: ['call-2', 'call-3'], from: 0, to: 1_000 }))).toEqual(['e2', 'e3']);
    } finally {
      await storage.close();
    }
    expect(versionOf(path)).toBe(SCHEMA_VERSION);
    const log = new Database(path, { readonly: true });
    const tables = log.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'event_index%'").pluck().all();
    log.close();
    expect(tables).toEqual([]);
    const lookups = new Database(lookupsPath(path), { readonly: true });
    try {
      expect(lookups.prepare('SELECT through FROM lookups_meta').pluck().get()).toBe(2);
      expect(lookups.prepare('SELECT COUNT(*) FROM event_index_agent').pluck().get()).toBe(3);
    } finally {
      lookups.close();
    }
  });
});
