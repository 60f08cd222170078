/**
 * The WAL checkpointer's thread (checkpointer.ts): its own connection to the floor's file,
 * copying committed pages from the -wal file into the database while the floor's thread
 * goes on appending. A PASSIVE checkpoint never waits for the writer and never blocks it.
 */
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './open.js';
import type { CheckpointResult, CheckpointThreadData, FromCheckpointThread, ToCheckpointThread } from './checkpointer.js';

const data = workerData as CheckpointThreadData;
const port = parentPort!;

function walBytes(): number {
  try {
    return statSync(`${data.dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

let db: Database.Database | undefined;
let timer: NodeJS.Timeout | undefined;

function checkpoint(): CheckpointResult {
  // Past the bound the WAL is restarted, so the next commit starts the file again from its
  // beginning. That mode holds the floor's appends back while it copies what the passive
  // ones left (most of it is copied already), so it is kept for a WAL that got that far:
  // readers held it, or passive checkpoints fell behind.
  const mode = walBytes() > data.restartAboveBytes ? 'RESTART' : 'PASSIVE';
  const [row] = db!.pragma(`wal_checkpoint(${mode})`) as { busy: number; log: number; checkpointed: number }[];
  return { mode, busy: row!.busy === 1, walFrames: row!.log, checkpointedFrames: row!.checkpointed };
}

function fail(err: unknown): void {
  if (timer !== undefined) clearInterval(timer);
  port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromCheckpointThread);
  db?.close();
  port.close();
}

try {
  db = new Database(data.dbPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  timer = setInterval(() => {
    try {
      checkpoint();
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
