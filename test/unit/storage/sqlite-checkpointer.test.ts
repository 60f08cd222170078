/**
 * WAL checkpoints on their own thread (server/storage/sqlite/checkpointer.ts): the floor's
 * connection stops copying the WAL back, the thread does it, and a thread that fails hands
 * the work back to the connection. The storage contract runs with it on as well.
 */
import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { checkpointInBackground, readyWalForRestart, SQLITE_AUTOCHECKPOINT_PAGES } from '../../../server/storage/sqlite/checkpointer.js';
import { createSqliteStorage } from '../../../server/storage/sqlite/index.js';
import { openDatabase } from '../../../server/storage/sqlite/open.js';
import { runStorageContract } from './contract.js';
import { tempDbFiles } from '../../helpers/temp-db.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const tempFile = tempDbFiles('checkpoint');

runStorageContract('sqlite file, WAL checkpoints on a thread', () => createSqliteStorage(tempFile(), { backgroundCheckpoints: true }));

describe('WAL checkpoints on a thread', () => {
  it('leaves the copying to the thread: the connection only appends to the WAL', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    // An hour: only the checkpoint asked for below runs.
    const checkpoints = checkpointInBackground(db, file, { intervalMs: 3_600_000 });
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      db.exec('CREATE TABLE filler (n INTEGER PRIMARY KEY, text TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
      // About 8 MB: twice the WAL SQLite would have checkpointed by itself along the way.
      db.transaction(() => {
        for (let i = 0; i < 4000; i++) insert.run('x'.repeat(2000));
      })();
      const before = statSync(file).size;
      expect(before).toBeLessThan(2 ** 20);
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(8_000_000);

      const result = await checkpoints.checkpoint();
      expect(result.restartReady).toBe(false); // within the default bound
      expect(result.walFrames).toBeGreaterThan(SQLITE_AUTOCHECKPOINT_PAGES * 2);
      expect(result.checkpointedFrames).toBe(result.walFrames);
      expect(statSync(file).size).toBeGreaterThan(8_000_000);
    } finally {
      await checkpoints.close();
      db.close();
    }
    // Everything is in the file, read by a connection of its own.
    const reader = openDatabase(file);
    expect(reader.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(4000);
    reader.close();
  });

  it('readies the connection to restart a WAL grown past its bound, and its next commit does', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    const checkpoints = checkpointInBackground(db, file, { intervalMs: 3_600_000, restartAboveBytes: 1_000_000 });
    try {
      db.exec('CREATE TABLE filler (text TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
      db.transaction(() => {
        for (let i = 0; i < 1000; i++) insert.run('x'.repeat(2000));
      })();
      const report = await checkpoints.checkpoint();
      expect(report.restartReady).toBe(true);
      expect(report.checkpointedFrames).toBe(report.walFrames);
      // The next commit starts the WAL from its beginning: it stays the size it was.
      const walBefore = statSync(`${file}-wal`).size;
      insert.run('after');
      expect(statSync(`${file}-wal`).size).toBe(walBefore);
      expect((await checkpoints.checkpoint()).walFrames).toBeLessThan(10);
    } finally {
      await checkpoints.close();
      db.close();
    }
  });

  it('copies what the thread left on the connection itself, so a WAL under steady appends still restarts', () => {
    // A commit between the thread's copy and the next commit (steady appends) left frames
    // uncopied, and the WAL grew by every commit after: 1.1 GB in 20 s in a test harness.
    const file = tempFile();
    const db = openDatabase(file);
    try {
      db.pragma('wal_autocheckpoint = 0');
      db.exec('CREATE TABLE filler (text TEXT NOT NULL)');
      const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
      const fill = db.transaction(() => {
        for (let i = 0; i < 500; i++) insert.run('x'.repeat(2000));
      });
      fill();
      // Not readied: the next commit goes on after the frames already there.
      let walBefore = statSync(`${file}-wal`).size;
      fill();
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(walBefore);

      expect(readyWalForRestart(db)).toBe(true);
      walBefore = statSync(`${file}-wal`).size;
      insert.run('after');
      expect(statSync(`${file}-wal`).size).toBe(walBefore);
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
      expect(row!.log).toBeLessThan(10);
    } finally {
      db.close();
    }
  });

  it('does not ready a restart inside a transaction (a checkpoint there would fail)', () => {
    const db = openDatabase(tempFile());
    try {
      db.exec('CREATE TABLE filler (text TEXT NOT NULL)');
      db.transaction(() => {
        expect(readyWalForRestart(db)).toBe(false);
      })();
    } finally {
      db.close();
    }
  });

  it('lets a process that closes its storage go on to its end (the thread does not hold it, nor does waiting for it cut it short)', async () => {
    // Awaiting the end of a thread nothing else keeps alive once let the process exit mid-close, silently.
    const script = `
      const { createSqliteStorage } = await import('./server/storage/sqlite/index.ts');
      const storage = createSqliteStorage(${JSON.stringify(tempFile())}, { backgroundCheckpoints: true });
      await storage.log.append([{ id: 'e1', receivedAt: 1, payload: { kind: 'tick' } }]);
      await storage.close();
      console.log('closed');`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT });
    expect(stdout.trim()).toBe('closed');
  });

  it('hands checkpoints back to the connection when the thread fails', async () => {
    const file = tempFile();
    const db = openDatabase(file);
    let failed!: (message: string) => void;
    const failure = new Promise<string>((resolve) => { failed = resolve; });
    // The thread cannot open a file that is not there, so it fails at once.
    const checkpoints = checkpointInBackground(db, join(tmpdir(), 'floorwatch-no-such-dir', 'x.db'), { onFailure: (m) => failed(m) });
    try {
      expect(await failure).toMatch(/WAL checkpoint thread: .*(unable to open|directory does not exist)/);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(SQLITE_AUTOCHECKPOINT_PAGES);
      await expect(checkpoints.checkpoint()).rejects.toThrow('WAL checkpoint thread');
    } finally {
      await checkpoints.close();
      db.close();
    }
  });
});
