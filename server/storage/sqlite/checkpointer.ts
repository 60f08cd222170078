/**
 * WAL checkpoints on a thread of their own. SQLite copies the -wal file's pages back into
 * the database every 1,000 pages by default, inside whichever commit crosses the mark: at
 * full ingest that was a fifth of each append's time, on the floor's event loop (a
 * million-event log: 4.3 -> 3.5 µs an event with it off). Here the floor's connection
 * stops checkpointing and a thread with its own connection does it every second instead,
 * on the other core.
 *
 * The thread only copies (PASSIVE): it never takes the write lock. Under steady appends a
 * copy rarely catches the WAL with nothing new in it, and only then does a commit start the
 * file over, so a WAL past its bound is finished here, on the floor's connection (see
 * `readyWalForRestart`). If the thread fails, the floor's connection checkpoints for itself
 * again: the WAL is never left to grow. A crash loses nothing either way: a commit is in the WAL, and
 * SQLite replays the WAL when the file is next opened.
 */
import type Database from 'better-sqlite3';
import { startRequestThread } from '../../threads/request-thread.js';

export interface CheckpointThreadData {
  dbPath: string;
  intervalMs: number;
}
/** What the thread's checkpoint did (SQLite's wal_checkpoint row). */
export interface CheckpointResult {
  /** True when the checkpoint could not run or copy every frame (another checkpoint, or a reader, was in the way). */
  busy: boolean;
  walFrames: number;
  checkpointedFrames: number;
}
export interface CheckpointReport extends CheckpointResult {
  /**
   * The WAL was past its bound and the connection copied what the thread had left, so its
   * next commit starts the WAL over.
   */
  restartReady: boolean;
}

/** SQLite's own default, put back when the thread is gone. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
export const CHECKPOINT_INTERVAL_MS = 1000;
/** About ten seconds of appends at full speed. */
export const RESTART_WAL_ABOVE_BYTES = 256 * 2 ** 20;
/** Each WAL frame is a page and a 24-byte frame header. */
const WAL_FRAME_HEADER_BYTES = 24;

/**
 * Readies the connection's next commit to start the WAL file over. A commit does so when it
 * finds every frame copied back and no reader in the WAL; the thread's copies seldom leave
 * it that way under steady appends (a commit lands while they run). A PASSIVE checkpoint
 * here copies only what came after the thread's (a commit or two), and never waits: if a
 * reader or the thread's own checkpoint is in the way, it is tried again after the next.
 * (A RESTART checkpoint on the thread did it in one go, but held the write lock meanwhile,
 * and the floor's appends failed with SQLITE_BUSY.) True when every frame is copied.
 */
export function readyWalForRestart(db: Database.Database): boolean {
  if (!db.open || db.inTransaction) return false;
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    return row!.busy === 0 && row!.log === row!.checkpointed;
  } catch {
    // Costs only this restart: the thread's next report tries again.
    return false;
  }
}

export interface BackgroundCheckpoints {
  /** A checkpoint now (the thread also runs one every interval). Rejects once the thread is gone. */
  checkpoint(): Promise<CheckpointReport>;
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
  const data: CheckpointThreadData = { dbPath, intervalMs: options.intervalMs ?? CHECKPOINT_INTERVAL_MS };
  const restartAboveFrames = Math.floor((options.restartAboveBytes ?? RESTART_WAL_ABOVE_BYTES)
    / ((db.pragma('page_size', { simple: true }) as number) + WAL_FRAME_HEADER_BYTES));
  db.pragma('wal_autocheckpoint = 0');
  let closing = false;
  // A report of the thread's (its own, or asked for) restarts a WAL grown past its bound.
  const withRestart = (result: CheckpointResult): CheckpointReport =>
    ({ ...result, restartReady: !closing && result.walFrames > restartAboveFrames && readyWalForRestart(db) });
  const thread = startRequestThread<'checkpoint', CheckpointResult>(import.meta.url, 'checkpoint-thread', data, {
    label: 'WAL checkpoint thread',
    onReport: (result) => void withRestart(result),
    onFailure: (reason) => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
      options.onFailure?.(reason.message);
    },
  });
  return {
    checkpoint: async () => withRestart(await thread.request('checkpoint')),
    async close() {
      closing = true;
      await thread.close();
    },
  };
}
