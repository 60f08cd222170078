/**
 * The WAL checkpointer's thread (checkpointer.ts): its own connection to the floor's file,
 * copying committed pages from the -wal file into the database while the floor's thread
 * goes on appending. Only PASSIVE checkpoints: they never wait for the writer and never
 * block it. (A RESTART here held the write lock while it ran, and the floor's appends
 * failed with SQLITE_BUSY under full ingest; the restart is the floor's connection's to do.)
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './open.js';
import type { CheckpointResult, CheckpointThreadData, FromCheckpointThread, ToCheckpointThread } from './checkpointer.js';

const data = workerData as CheckpointThreadData;
const port = parentPort!;

let db: Database.Database | undefined;
let timer: NodeJS.Timeout | undefined;

function checkpoint(): CheckpointResult {
  const [row] = db!.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  return { busy: row!.busy === 1, walFrames: row!.log, checkpointedFrames: row!.checkpointed };
}

function fail(err: unknown): void {
  if (timer !== undefined) clearInterval(timer);
  port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromCheckpointThread);
  db?.close();
  port.close();
}

try {
  db = new Database(data.dbPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  // Each result goes to the floor's thread, which restarts a WAL grown past its bound.
  timer = setInterval(() => {
    try {
      port.postMessage({ type: 'checkpointed', result: checkpoint() } satisfies FromCheckpointThread);
    } catch (err) {
      fail(err);
    }
  }, data.intervalMs);
  port.on('message', (msg: ToCheckpointThread) => {
    if (msg.type === 'close') {
      clearInterval(timer);
      db?.close();
      port.close();
      return;
    }
    try {
      port.postMessage({ type: 'checkpointed', id: msg.id, result: checkpoint() } satisfies FromCheckpointThread);
    } catch (err) {
      fail(err);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromCheckpointThread);
} catch (err) {
  fail(err);
}
