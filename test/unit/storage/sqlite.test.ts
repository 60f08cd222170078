import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteStorage, SCHEMA_VERSION } from '../../../server/storage/sqlite/index.js';
import { openDatabase } from '../../../server/storage/sqlite/open.js';
import { runStorageContract } from './contract.js';
import { eventEntries, eventEntry, ids, makeAlert, resolvedAlert, seqs } from './fixtures.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CRASH_CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

const tempDirs: string[] = [];
/** A fresh directory under the OS temp dir, removed after this file's tests. */
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'floorwatch-sqlite-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

runStorageContract('sqlite :memory:', () => createSqliteStorage(':memory:'));
// A real file too: :memory: has no WAL, and the file path is the one production uses.
runStorageContract('sqlite file (WAL)', () => createSqliteStorage(join(tempDir(), 'floor.db')));

describe('sqlite storage', () => {
  it('opens a file with WAL, synchronous NORMAL, a busy timeout and foreign keys', () => {
    const db = openDatabase(join(tempDir(), 'floor.db'));
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    } finally {
      db.close();
    }
  });

  it('uses synchronous FULL when asked, and refuses anything else', () => {
    const db = openDatabase(join(tempDir(), 'floor.db'), { synchronous: 'FULL' });
    try {
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    } finally {
      db.close();
    }
    const bogus = { synchronous: 'OFF; DROP TABLE alerts' } as unknown as { synchronous: 'FULL' };
    expect(() => openDatabase(join(tempDir(), 'floor.db'), bogus)).toThrow(RangeError);
  });

  it('creates missing parent directories', async () => {
    const path = join(tempDir(), 'data', 'floors', 'floor.db');
    const storage = createSqliteStorage(path);
    await storage.close();
    expect(existsSync(path)).toBe(true);
  });

  it('refuses a database whose schema is newer than this build', () => {
    const path = join(tempDir(), 'floor.db');
    const future = new Database(path);
    future.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    future.close();
    expect(() => createSqliteStorage(path)).toThrow(/newer than this build/);
  });

  it('keeps everything across close and reopen', async () => {
    const path = join(tempDir(), 'floor.db');
    const first = createSqliteStorage(path);
    await first.log.append(eventEntries(4));
    await first.log.prune(Infinity, 1);
    await first.snapshots.save({ seq: 3, takenAt: 5_000, state: '{"agents":{}}' });
    await first.alerts.upsert([makeAlert('open-1'), resolvedAlert('done-1', 4_000)]);
    await first.close();

    const reopened = createSqliteStorage(path);
    try {
      expect(ids(await reopened.log.read(0, 10))).toEqual(['evt-2', 'evt-3', 'evt-4']);
      expect(await reopened.log.lastSeq()).toBe(4);
      // Deduplication and seq numbering carry on from where the first process left off.
      const result = await reopened.log.append([eventEntry('evt-3'), eventEntry('evt-5')]);
      expect(result.duplicateIds).toEqual(['evt-3']);
      expect(seqs(result.appended)).toEqual([5]);
      expect(await reopened.snapshots.latest()).toEqual({ seq: 3, takenAt: 5_000, state: '{"agents":{}}' });
      expect(await reopened.alerts.get('done-1')).toEqual(resolvedAlert('done-1', 4_000));
      expect(ids(await reopened.alerts.list({ status: ['open'] }))).toEqual(['open-1']);
    } finally {
      await reopened.close();
    }
  });

  it('rolls back the whole batch when an insert fails partway through the transaction', async () => {
    const storage = createSqliteStorage(':memory:');
    try {
      // An object for receivedAt serialises fine but cannot be bound: the third insert throws.
      const unbindable = { ...eventEntry('bad'), receivedAt: {} as unknown as number };
      await expect(storage.log.append([eventEntry('ok-1'), eventEntry('ok-2'), unbindable])).rejects.toThrow();
      expect(await storage.log.read(0, 10)).toEqual([]);
      expect(await storage.log.lastSeq()).toBe(0);
    } finally {
      await storage.close();
    }
  });

  it('appends 10,000 entries in one call quickly (one transaction, prepared statements)', async () => {
    const storage = createSqliteStorage(join(tempDir(), 'floor.db'));
    try {
      const entries = Array.from({ length: 10_000 }, (_, index) => eventEntry(`bulk-${index}`, index));
      const started = performance.now();
      const result = await storage.log.append(entries);
      const elapsedMs = performance.now() - started;
      expect(result.appended).toHaveLength(10_000);
      expect(result.appended.at(-1)?.seq).toBe(10_000);
      // Typically 40-90 ms on a slow 2-core machine; one commit per entry takes ~500 ms.
      // The bound leaves room for a loaded CI runner while still catching that mistake.
      expect(elapsedMs).toBeLessThan(400);
    } finally {
      await storage.close();
    }
  });

  it('keeps what a process appended before it was killed with SIGKILL', async () => {
    const path = join(tempDir(), 'floor.db');
    const child = spawn(process.execPath, ['--import', 'tsx', CRASH_CHILD, path, '25'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await waitForLine(child, 'appended');
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    // The commit sits in the -wal file (nothing checkpointed it); reopening must recover it.
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
    const reopened = createSqliteStorage(path);
    try {
      const entries = await reopened.log.read(0, 100);
      expect(ids(entries)).toEqual(eventEntries(25).map((entry) => entry.id));
      expect(entries[0]).toEqual({ ...eventEntry('evt-1', 1_000), seq: 1 });
      expect(await reopened.log.lastSeq()).toBe(25);
    } finally {
      await reopened.close();
    }
  });
});

/** Resolves when the child prints `line`; rejects (with its stderr) if it exits first. */
function waitForLine(child: ReturnType<typeof spawn>, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').includes(line)) resolve();
    });
    child.once('exit', (code, signal) => {
      reject(new Error(`child exited (code ${code}, signal ${signal}) before printing "${line}":\n${stderr}`));
    });
  });
}

describe('schema migration', () => {
  it('a version-1 database gains the agent and call columns, filled from its rows', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { MIGRATIONS } = await import('../../../server/storage/sqlite/schema.js');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fw-migrate-')), 'v1.db');
    const old = new Database(file);
    old.exec(MIGRATIONS[0]);
    old.pragma('user_version = 1');
    const event = { id: 'r1', ts: 50, type: 'call.ringing', agentId: 'A', callId: 'c1' };
    old.prepare('INSERT INTO event_log (id, received_at, kind, payload) VALUES (?, ?, ?, ?)').run('r1', 50, 'event', JSON.stringify({ kind: 'event', event }));
    old.close();
    const storage = createSqliteStorage(file);
    try {
      expect((await storage.log.eventsAbout({ callIds: ['c1'], from: 0, to: 100 })).map((e) => e.id)).toEqual(['r1']);
      expect((await storage.log.eventsAbout({ agentId: 'A', from: 0, to: 100 })).map((e) => e.id)).toEqual(['r1']);
    } finally {
      await storage.close();
    }
  });
});
