/**
 * The WAL checkpointer's thread (checkpointer.ts): its own connection to the floor's file,
 * copying committed pages from the -wal file into the database while the floor's thread
 * goes on appending. Only PASSIVE checkpoints: they never wait for the writer and never
 * block it. (A RESTART here held the write lock while it ran, and the floor's appends
 * failed with SQLITE_BUSY under full ingest; the restart is the floor's connection's to do.)
 */
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { serveRequests } from '../../threads/request-thread.js';
import { BUSY_TIMEOUT_MS } from './open.js';
import type { CheckpointResult, CheckpointThreadData } from './checkpointer.js';

const data = workerData as CheckpointThreadData;

serveRequests<'checkpoint', CheckpointResult>(() => {
  const db = new Database(data.dbPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  const checkpoint = (): CheckpointResult => {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return { busy: row!.busy === 1, walFrames: row!.log, checkpointedFrames: row!.checkpointed };
  };
  return {
    handle: checkpoint,
    // Each result goes to the floor's thread, which restarts a WAL grown past its bound.
    every: { ms: data.intervalMs, run: checkpoint },
    close: () => db.close(),
  };
});
