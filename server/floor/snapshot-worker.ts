/**
 * A snapshot taker on worker threads (options.ts, SnapshotTaker). On a big floor (50,000
 * agents) serialising the state and writing it took two to three seconds, all of it on the
 * event loop: every screen froze once a minute. Instead, each snapshot is written by a
 * thread of its own, on its own connection to the same SQLite file: it rebuilds the floor
 * from the latest snapshot and the log after it (the engine is deterministic, so its state
 * at a seq is the floor's), writes the snapshot in parts (storage/sqlite/snapshots.ts),
 * says which seq it wrote and ends.
 *
 * A thread per snapshot rather than one kept with its own copy of the floor: a kept copy
 * is a second floor's memory all day, and the copy's garbage (tens of MB of text per
 * snapshot) piled up in a heap nobody collected (1.5 GB in 10 minutes at 50,000 agents).
 * A thread that ends gives all of it back. The cost is CPU on the other core: reading the
 * last snapshot and replaying the log since, once a minute at most.
 */
import type { Worker } from 'node:worker_threads';
import type { RulesConfig } from '../../shared/rules-config.js';
import type { SnapshotTaker } from './options.js';
import { startThread } from '../threads/start-thread.js';

export interface SnapshotWorkerOptions {
  /** The floor's SQLite file (not `:memory:`: the thread opens it too). */
  dbPath: string;
  synchronous?: 'NORMAL' | 'FULL';
  /** As the floor has them (the log's own rules changes win, as they do for the floor). */
  rules: RulesConfig;
  reorderWindowMs: number;
  retentionMs?: number;
}

/** What a thread is given, and what it answers before it ends (snapshot-worker-thread.ts). */
export interface SnapshotThreadData extends SnapshotWorkerOptions {
  /** The seq the snapshot must reach at least. */
  seq: number;
}
export type FromSnapshotThread = { type: 'taken'; seq: number } | { type: 'failed'; message: string };

function startSnapshotThread(data: SnapshotThreadData): Worker {
  return startThread(import.meta.url, 'snapshot-worker-thread', data);
}

/** Runs one thread to its end: the seq it wrote, or why it could not. */
function runThread(data: SnapshotThreadData): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const worker = startSnapshotThread(data);
    let answer: FromSnapshotThread | undefined;
    worker.on('message', (msg: FromSnapshotThread) => {
      answer = msg;
    });
    worker.on('error', (err) => {
      answer ??= { type: 'failed', message: err.message };
    });
    worker.on('exit', (code) => {
      if (answer?.type === 'taken') resolve(answer.seq);
      else reject(new Error(`snapshot worker: ${answer?.message ?? `exited (code ${code}) without writing the snapshot`}`));
    });
  });
}

export function startSnapshotWorker(options: SnapshotWorkerOptions): SnapshotTaker {
  let running: Promise<number> | undefined;
  let closed = false;
  return {
    take(seq: number): Promise<number> {
      if (closed) return Promise.reject(new Error('snapshot worker closed'));
      if (running) return Promise.reject(new Error('snapshot worker: a snapshot is being written already'));
      const job = runThread({ ...options, seq }).finally(() => {
        running = undefined;
      });
      running = job;
      return job;
    },
    async close(): Promise<void> {
      closed = true;
      // The one being written is finished, not cut off (its parts would be left for the next prune).
      await running?.catch(() => undefined);
    },
  };
}
