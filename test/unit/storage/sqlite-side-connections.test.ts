/**
 * The stores beside the event storage in its SQLite file (access, notify, handover) leave
 * the WAL's checkpoints to the event storage's connection: a commit of theirs on the event
 * loop must never copy a WAL of hundreds of MB back into the file. On a file of their own
 * they checkpoint as SQLite does by default.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openAccessDatabase } from '../../../server/access/sqlite/open.js';
import { openNotifyDatabase } from '../../../server/notify/store/open.js';
import { openDatabase } from '../../../server/storage/sqlite/open.js';

const dirs: string[] = [];
const opened: Database.Database[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function file(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fw-side-'));
  dirs.push(dir);
  return path.join(dir, 'floor.db');
}
const keep = (db: Database.Database): Database.Database => { opened.push(db); return db; };
const autocheckpoint = (db: Database.Database): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;

/** Commits about `mb` MB through `db`, a page-sized row at a time in small transactions. */
function write(db: Database.Database, mb: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  const page = Buffer.alloc(4000, 7);
  const batch = db.transaction((n: number) => { for (let i = 0; i < n; i++) insert.run(page); });
  for (let i = 0; i < mb * 16; i++) batch(16);
}

describe('a store sharing the event storage\'s SQLite file', () => {
  it('never checkpoints itself when told the event storage does (access, notify and handover opens alike)', () => {
    const f = file();
    keep(openDatabase(f));
    for (const db of [openAccessDatabase(f, { checkpoints: false }), openNotifyDatabase(f, { checkpoints: false }), openDatabase(f, { checkpoints: false })]) {
      expect(autocheckpoint(keep(db))).toBe(0);
    }
    // On a file of its own, SQLite's default.
    for (const db of [openAccessDatabase(file()), openNotifyDatabase(file()), openDatabase(file())]) expect(autocheckpoint(keep(db))).toBe(1000);
  });

  it('lets the WAL grow past SQLite\'s mark through its commits, and the event storage\'s checkpoint copies it all back', () => {
    const f = file();
    const events = keep(openDatabase(f));
    const side = keep(openNotifyDatabase(f, { checkpoints: false }));
    write(side, 8);
    // 1,000 pages of 4 KiB is SQLite's mark: a side connection that checkpointed would have
    // started the WAL over there.
    expect(statSync(`${f}-wal`).size).toBeGreaterThan(6 * 2 ** 20);
    const [row] = events.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    expect(row!.busy).toBe(0);
    expect(row!.checkpointed).toBe(row!.log);
  });

  it('by default checkpoints in its own commits, keeping the WAL near the mark', () => {
    const f = file();
    keep(openDatabase(f));
    const side = keep(openNotifyDatabase(f));
    write(side, 8);
    expect(statSync(`${f}-wal`).size).toBeLessThan(5 * 2 ** 20);
  });
});
