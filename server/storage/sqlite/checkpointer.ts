/**
 * WAL checkpoints on a thread of their own. SQLite copies the -wal file's pages back into
 * the database every 1,000 pages by default, inside whichever commit crosses the mark: at
 * full ingest that was a fifth of each append's time, on the floor's event loop (a
 * million-event log: 4.3 -> 3.5 µs an event with it off). Here the floor's connection
 * stops checkpointing and a thread with its own connection does it every second instead,
 * on the other core.
 *
 * If the thread fails, the floor's connection checkpoints for itself again: the WAL is
 * never left to grow. A crash loses nothing either way: a commit is in the WAL, and
 * SQLite replays the WAL when the file is next opened.
 */
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { startThread } from '../../threads/start-thread.js';

export interface CheckpointThreadData {
  dbPath: string;
  intervalMs: number;
  /** A WAL bigger than this is restarted rather than only copied back (see the thread). */
  restartAboveBytes: number;
}
export interface CheckpointResult {
  mode: 'PASSIVE' | 'RESTART';
  /** True when the checkpoint could not copy every frame (a reader or the writer was in the way). */
  busy: boolean;
  walFrames: number;
  checkpointedFrames: number;
}
export type ToCheckpointThread = { type: 'checkpoint'; id: number } | { type: 'close' };
export type FromCheckpointThread =
  | { type: 'ready' }
  | { type: 'checkpointed'; id: number; result: CheckpointResult }
  | { type: 'failed'; message: string };

/** SQLite's own default, put back when the thread is gone. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
export const CHECKPOINT_INTERVAL_MS = 1000;
/** About ten seconds of appends at full speed. */
export const RESTART_WAL_ABOVE_BYTES = 256 * 2 ** 20;

export interface BackgroundCheckpoints {
  /** A checkpoint now (the thread also runs one every interval). Rejects once the thread is gone. */
  checkpoint(): Promise<CheckpointResult>;
  /** Ends the thread (after the checkpoint it is running, if any). */
  close(): Promise<void>;
}

/**
 * Turns off the automatic checkpoints of `db` (a connection to the file at `dbPath`) and
 * starts the thread that does them instead. `onFailure` is told why, if the thread fails;
 * the connection's own checkpoints are back on by then.
 */
export function checkpointInBackground(
  db: Database.Database,
  dbPath: string,
  options: { intervalMs?: number; restartAboveBytes?: number; onFailure?: (message: string) => void } = {},
): BackgroundCheckpoints {
  const data: CheckpointThreadData = {
    dbPath,
    intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS,
    restartAboveBytes: options.restartAboveBytes ?? RESTART_WAL_ABOVE_BYTES,
  };
  db.pragma('wal_autocheckpoint = 0');
  const worker: Worker = startThread(import.meta.url, 'checkpoint-thread', data);
  // Never what keeps the process alive: a storage nobody closed must not hang the exit.
  worker.unref();
  const waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let gone: Error | undefined;
  let closing = false;
  const end = (reason: Error): void => {
    if (gone) return;
    gone = reason;
    if (!closing && db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    for (const w of waiting.values()) w.reject(reason);
    waiting.clear();
    if (!closing) options.onFailure?.(reason.message);
  };
  worker.on('message', (msg: FromCheckpointThread) => {
    if (msg.type === 'checkpointed') {
      waiting.get(msg.id)?.resolve(msg.result);
      waiting.delete(msg.id);
    } else if (msg.type === 'failed') {
      end(new Error(`WAL checkpoint thread: ${msg.message}`));
    }
  });
  worker.on('error', (err) => end(new Error(`WAL checkpoint thread: ${err.message}`)));
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      end(new Error(`WAL checkpoint thread exited (code ${code})`));
      resolve();
    });
  });
  return {
    checkpoint() {
      if (gone) return Promise.reject(gone);
      const id = nextId++;
      return new Promise<CheckpointResult>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'checkpoint', id } satisfies ToCheckpointThread);
      });
    },
    async close() {
      closing = true;
      // Held open until the thread has ended: awaiting an unref'd thread alone would let the process exit here.
      worker.ref();
      if (!gone) worker.postMessage({ type: 'close' } satisfies ToCheckpointThread);
      await exited;
    },
  };
}
