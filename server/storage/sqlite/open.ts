/** Opening a Floorwatch SQLite database: the file, the pragmas, the schema. */
import Database from 'better-sqlite3';
import { applyMigrations } from './schema.js';
import { createDatabaseDirectory, explainDatabaseError } from './file-problems.js';

export interface SqliteStorageOptions {
  /**
   * How hard SQLite works to keep a committed transaction. With WAL:
   * - `NORMAL` (default): a commit has reached the OS when the call returns, so it survives
   *   the process crashing or being killed (kill -9). A power loss or OS crash may lose the
   *   last few commits (never corrupts the file).
   * - `FULL`: also fsyncs the WAL on every commit, so commits survive power loss too, at
   *   the cost of one disk flush per append.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /**
   * WAL checkpoints on a thread of their own instead of inside the commits that cross
   * SQLite's mark (checkpointer.ts). For a file only; the server turns it on.
   */
  backgroundCheckpoints?: boolean;
  /** Told why, if the checkpoint thread fails (the connection then checkpoints for itself). */
  onCheckpointThreadFailure?: (message: string) => void;
  /**
   * The log's lookup tables (an agent's day, a call's events; lookups.ts) caught up on a
   * thread of their own instead of the floor's. For a file only; the server turns it on.
   */
  backgroundLookups?: boolean;
  /** Told why, if the lookups' thread or a catch-up fails (lookups-keeper.ts). */
  onLookupsFailure?: (message: string) => void;
}

/** How long a write waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;

/**
 * SQLite's page cache per connection, in KiB (a negative cache_size). The default, 2 MiB,
 * holds a small part of a day's log: every append then inserts its id into the unique
 * index at a page that was evicted, and reads it back from the OS. At 64 MiB the hot pages
 * stay (a million-event log's append: 6.1 -> 4.3 µs an event, bench/scenarios/breakdown.ts).
 * The cache fills only as far as the file is used, and is released on close.
 */
export const PAGE_CACHE_KIB = 64 * 1024;

/**
 * For a connection that shares the file with the event storage's (the access, notify and
 * handover stores in `serve`): it never checkpoints the WAL itself. SQLite's default has
 * whichever commit crosses 1,000 pages copy the whole WAL back, on the committing thread:
 * at full ingest the WAL holds hundreds of MB, and a session's or a notification's commit
 * on the floor's event loop would stall it for as long. The event storage's connection
 * (its checkpoint thread, or itself if that fails, checkpointer.ts) checkpoints the file
 * for every connection.
 */
export function leaveCheckpointsToEventStorage(db: Database.Database): void {
  db.pragma('wal_autocheckpoint = 0');
}

/** Whether a store's connection checkpoints its file (default) or leaves it to the event storage's. */
export interface SharedFileOptions {
  /** False: another connection to the same file checkpoints it (see leaveCheckpointsToEventStorage). */
  checkpoints?: boolean;
}

const IN_MEMORY_PATHS = new Set([':memory:', '']);

export function isInMemoryPath(path: string): boolean {
  return IN_MEMORY_PATHS.has(path);
}

export function openDatabase(path: string, options: SqliteStorageOptions & SharedFileOptions = {}): Database.Database {
  const synchronous = options.synchronous ?? 'NORMAL';
  // Checked here because it is interpolated into a PRAGMA (which cannot take a parameter).
  if (synchronous !== 'NORMAL' && synchronous !== 'FULL') {
    throw new RangeError(`synchronous must be 'NORMAL' or 'FULL', got ${String(synchronous)}`);
  }
  if (!isInMemoryPath(path)) createDatabaseDirectory(path);

  // SQLite's errors name no file ("unable to open database file"): said again with the path and the likely cause.
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw explainDatabaseError(path, error);
  }
  try {
    // WAL: readers never block the writer, and a commit is one append to the -wal file.
    // (An in-memory database has no file and reports 'memory'; that is expected.)
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    if (options.checkpoints === false) leaveCheckpointsToEventStorage(db);
    applyMigrations(db);
  } catch (error) {
    db.close();
    throw explainDatabaseError(path, error);
  }
  return db;
}
