/**
 * The log's lookup tables in a file of their own (server/storage/sqlite/lookups.ts and
 * lookups-keeper.ts): caught up behind the appends, by the floor's thread or a thread of
 * their own; read with the log's own columns past where they stop, so a lookup always sees
 * every appended event; started over when the file is not this log's. The storage
 * contract runs with the thread on as well.
 */
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { SqliteConnection } from '../../../server/storage/sqlite/connection.js';
import { createSqliteEventLog } from '../../../server/storage/sqlite/event-log.js';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.js';
import { CATCH_UP_ROWS, keepLookups, type LookupsKeeper, type LookupsOptions } from '../../../server/storage/sqlite/lookups-keeper.js';
import { lookupsPath } from '../../../server/storage/sqlite/lookups.js';
import { openDatabase } from '../../../server/storage/sqlite/open.js';
import type { FloorEvent } from '../../../shared/events.js';
import type { EventLog, NewLogEntry } from '../../../server/storage/types.js';
import { tempDbFiles } from '../../helpers/temp-db.js';
import { runStorageContract } from './contract.js';
import { eventEntries, ids } from './fixtures.js';

const tempFile = tempDbFiles('lookups');

runStorageContract('sqlite file, lookup tables on a thread', () =>
  createSqliteStorage(tempFile(), { backgroundCheckpoints: true, backgroundLookups: true }));

/** The log on `file` with its lookups kept as asked, as createSqliteStorage puts them together. */
function openLog(file: string, options: LookupsOptions = {}): { log: EventLog; lookups: LookupsKeeper; close(): Promise<void> } {
  const db = openDatabase(file);
  const lookups = keepLookups(db, file, false, options);
  const log = createSqliteEventLog(new SqliteConnection(db), lookups);
  return {
    log, lookups,
    async close() {
      await lookups.close();
      db.close();
    },
  };
}

/** The lookups file as a reader sees it: how far it holds the log, and its rows. */
function lookupsFile(file: string): { through: number; agentRows: number; callRows: number } {
  const db = new Database(lookupsPath(file), { readonly: true });
  try {
    return {
      through: db.prepare('SELECT through FROM lookups_meta').pluck().get() as number,
      agentRows: db.prepare('SELECT COUNT(*) FROM event_index_agent').pluck().get() as number,
      callRows: db.prepare('SELECT COUNT(*) FROM event_index_call').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

function callEntry(id: string, agentId: string, callId: string, ts: number): NewLogEntry {
  const event: FloorEvent = { id, ts, type: 'call.ringing', agentId, callId };
  return { id, receivedAt: ts, payload: { kind: 'event', event } };
}

/** `count` events of agent-7's, ids `<prefix>-1`..., a second apart. */
function agentEntries(count: number, prefix: string): NewLogEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const event: FloorEvent = { id: `${prefix}-${i + 1}`, ts: 1_000 + i * 1_000, type: 'agent.state', agentId: 'agent-7', state: 'available' };
    return { id: event.id, receivedAt: event.ts, payload: { kind: 'event', event } };
  });
}

const ALL = { from: 0, to: Number.MAX_SAFE_INTEGER };

describe('the lookup tables, caught up on the floor\'s thread', () => {
  it('are read together with the log past where they stop: a lookup sees every appended event', async () => {
    const file = tempFile();
    const { log, close } = openLog(file);
    try {
      await log.append([callEntry('r1', 'A', 'c1', 100), callEntry('r2', 'B', 'c2', 110), callEntry('r3', 'A', 'c2', 120)]);
      expect(lookupsFile(file).through).toBe(0);
      expect(ids(await log.eventsAbout({ agentId: 'A', ...ALL }))).toEqual(['r1', 'r3']);
      expect(ids(await log.eventsAbout({ callIds: ['c2'], ...ALL }))).toEqual(['r2', 'r3']);
      expect(ids(await log.eventsAbout({ agentId: 'B', callIds: ['c1'], from: 100, to: 111 }))).toEqual(['r1', 'r2']);
    } finally {
      await close();
    }
  });

  it('catch up after the append that brings them CATCH_UP_ROWS behind, in the lookups file', async () => {
    const file = tempFile();
    const { log, close } = openLog(file);
    try {
      await log.append(agentEntries(CATCH_UP_ROWS - 1, 'a'));
      expect(lookupsFile(file).through).toBe(0);
      await log.append(agentEntries(2, 'b'));
      expect(lookupsFile(file)).toEqual({ through: CATCH_UP_ROWS + 1, agentRows: CATCH_UP_ROWS + 1, callRows: 0 });
      expect(await log.eventsAbout({ agentId: 'agent-7', ...ALL })).toHaveLength(CATCH_UP_ROWS + 1);
    } finally {
      await close();
    }
  });

  it('never fail an append: a catch-up that fails is reported, and lookups read the log instead', async () => {
    const file = tempFile();
    const failures: string[] = [];
    const { log, close } = openLog(file, { onFailure: (m) => failures.push(m) });
    const raw = new Database(lookupsPath(file));
    try {
      raw.exec("CREATE TRIGGER refuse BEFORE INSERT ON event_index_agent BEGIN SELECT RAISE(ABORT, 'lookups refused'); END");
      expect((await log.append(eventEntries(CATCH_UP_ROWS))).appended).toHaveLength(CATCH_UP_ROWS);
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(/lookups refused/);
      expect(lookupsFile(file).through).toBe(0);
      expect(await log.eventsAbout({ agentId: 'agent-7', ...ALL })).toHaveLength(CATCH_UP_ROWS);
    } finally {
      raw.close();
      await close();
    }
  });
});

describe('the lookup tables, caught up on a thread', () => {
  it('are caught up by the thread, every interval, and not by the appends', async () => {
    const file = tempFile();
    const { log, lookups, close } = openLog(file, { background: true, intervalMs: 3_600_000 });
    try {
      await log.append(eventEntries(CATCH_UP_ROWS + 10));
      expect(lookupsFile(file).through).toBe(0);
      expect(await lookups.catchUp()).toBe(CATCH_UP_ROWS + 10);
      expect(lookupsFile(file).agentRows).toBe(CATCH_UP_ROWS + 10);
    } finally {
      await close();
    }
    // On its own, at its interval.
    const again = openLog(file, { background: true, intervalMs: 10 });
    try {
      await again.log.append([callEntry('r1', 'A', 'c1', 100)]);
      await vi.waitFor(() => expect(lookupsFile(file).through).toBe(CATCH_UP_ROWS + 11));
      expect(ids(await again.log.eventsAbout({ callIds: ['c1'], ...ALL }))).toEqual(['r1']);
    } finally {
      await again.close();
    }
  });

  it('hands the catch-ups back to the floor\'s thread when it fails', async () => {
    const file = tempFile();
    const failures: string[] = [];
    const { log, lookups, close } = openLog(file, { background: true, intervalMs: 3_600_000, onFailure: (m) => failures.push(m) });
    const raw = new Database(lookupsPath(file));
    try {
      raw.exec("CREATE TRIGGER refuse BEFORE INSERT ON event_index_agent BEGIN SELECT RAISE(ABORT, 'lookups refused'); END");
      await log.append(agentEntries(3, 'a'));
      await expect(lookups.catchUp()).rejects.toThrow(/lookups refused/);
      expect(failures).toEqual([expect.stringMatching(/lookups refused.*the floor's thread catches the lookup tables up from now on/)]);
      raw.exec('DROP TRIGGER refuse');
      await log.append(agentEntries(CATCH_UP_ROWS, 'b'));
      expect(lookupsFile(file).through).toBe(CATCH_UP_ROWS + 3);
    } finally {
      raw.close();
      await close();
    }
  });
});

describe('a lookups file that is not true to the log', () => {
  /** Appends, brings the lookups up to the log, and closes. */
  async function logWith(file: string, entries: NewLogEntry[]): Promise<void> {
    const { log, lookups, close } = openLog(file);
    await log.append(entries);
    await lookups.catchUp();
    await close();
  }

  it('starts over when it was made from another log (a copied or swapped file), even one with the same ids at the same seqs', async () => {
    const file = tempFile();
    await logWith(file, [callEntry('r1', 'A', 'c1', 100)]);
    const other = tempFile();
    // Only the log's key tells the two apart: seq 1 is `r1` in both.
    await logWith(other, [callEntry('r1', 'B', 'c9', 100)]);
    copyFileSync(lookupsPath(other), lookupsPath(file));
    expect(lookupsFile(file).through).toBe(1);

    const { log, close } = openLog(file);
    try {
      expect(lookupsFile(file)).toEqual({ through: 0, agentRows: 0, callRows: 0 });
      expect(ids(await log.eventsAbout({ agentId: 'A', ...ALL }))).toEqual(['r1']);
      expect(ids(await log.eventsAbout({ agentId: 'B', callIds: ['c9'], ...ALL }))).toEqual([]);
    } finally {
      await close();
    }
  });

  it('is made again from the log when SQLite cannot read it (not a database, damaged), and says so', async () => {
    const file = tempFile();
    await logWith(file, [callEntry('r1', 'A', 'c1', 100)]);
    writeFileSync(lookupsPath(file), 'not a database, not at all; '.repeat(200));
    const failures: string[] = [];
    const { log, lookups, close } = openLog(file, { onFailure: (m) => failures.push(m) });
    try {
      expect(failures).toEqual([expect.stringMatching(/^the lookups file .*\.lookups could not be read \(.*\); made again from the log$/)]);
      expect(ids(await log.eventsAbout({ agentId: 'A', ...ALL }))).toEqual(['r1']);
      expect(await lookups.catchUp()).toBe(1);
      expect(lookupsFile(file)).toEqual({ through: 1, agentRows: 1, callRows: 1 });
    } finally {
      await close();
    }
  });

  it('starts over when the log was restored from a backup older than it, and went on with other events', async () => {
    const file = tempFile();
    await logWith(file, [callEntry('r1', 'A', 'c1', 100)]);
    const backup = `${file}.backup`;
    copyFileSync(file, backup);
    await logWith(file, [callEntry('r2', 'A', 'c2', 200)]);
    expect(lookupsFile(file).through).toBe(2);
    // Restored: the log has seq 1 only; the next event takes seq 2, which the tables say is A's.
    copyFileSync(backup, file);
    const { log, close } = openLog(file);
    try {
      expect(lookupsFile(file).through).toBe(0);
      await log.append([callEntry('other', 'B', 'c3', 300)]);
      expect(ids(await log.eventsAbout({ agentId: 'A', ...ALL }))).toEqual(['r1']);
      expect(ids(await log.eventsAbout({ callIds: ['c2', 'c3'], ...ALL }))).toEqual(['other']);
    } finally {
      await close();
    }
  });

  it('is kept when it holds the log as it is, and rebuilt from the log when deleted', async () => {
    const file = tempFile();
    await logWith(file, [callEntry('r1', 'A', 'c1', 100), callEntry('r2', 'A', 'c1', 200)]);
    const kept = openLog(file);
    expect(lookupsFile(file)).toEqual({ through: 2, agentRows: 2, callRows: 2 });
    await kept.close();

    for (const suffix of ['', '-wal', '-shm']) rmSync(`${lookupsPath(file)}${suffix}`, { force: true });
    const { log, lookups, close } = openLog(file);
    try {
      expect(ids(await log.eventsAbout({ agentId: 'A', ...ALL }))).toEqual(['r1', 'r2']);
      expect(await lookups.catchUp()).toBe(2);
      expect(ids(await log.eventsAbout({ callIds: ['c1'], ...ALL }))).toEqual(['r1', 'r2']);
    } finally {
      await close();
    }
  });
});
