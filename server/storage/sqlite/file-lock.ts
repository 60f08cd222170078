/**
 * One `serve` per database file. Two servers on one file each ran an engine of their own:
 * both named alerts al-1, al-2..., the alerts table kept whichever wrote last, and each
 * floor saw only its own events. So `serve` holds an exclusive lock for its --db, and a
 * second one refuses to start.
 *
 * The lock is SQLite's own (POSIX advisory locks on Unix, LockFileEx on Windows) on a
 * small companion file, `<db>-lock`, opened by serve only, with `locking_mode=EXCLUSIVE`
 * and one write: the lock is held for the connection's life and released by the OS when
 * the process ends however it ends (kill -9 included), so a stale lock cannot exist and
 * needs no cleaning up. The write is the holder's pid, into the file's header
 * (`user_version`, bytes 60-63), where a refused server reads it without any lock.
 *
 * Nothing else takes it: the CLI's other commands (feed-token, reset-admin) and the
 * server's own threads open the database file itself, and share it as SQLite allows.
 */
import fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { DatabaseFileError, explainDatabaseError } from './file-problems.js';

export interface DatabaseFileLock {
  /** The companion file holding the lock. */
  readonly lockPath: string;
  /** Lets the file go (closing the lock's connection); a second call does nothing. */
  release(): void;
}

/** Another serve holds the file. */
export class DatabaseInUseError extends DatabaseFileError {
  constructor(readonly db: string, readonly lockPath: string, readonly holderPid: number | undefined) {
    super(
      `the database ${db} is in use by another floorwatch serve${holderPid === undefined ? '' : ` (pid ${holderPid})`}: `
      + `one server per database file (it holds ${lockPath}). Stop that server first, or give this one another --db`,
      { code: 'SQLITE_BUSY' },
    );
    this.name = 'DatabaseInUseError';
  }
}

/**
 * The lock file for the database at `path`: beside the file its path resolves to, so a
 * symlink or another spelling of the same path finds the same lock.
 */
export function lockPathFor(path: string): string {
  let real: string;
  try {
    real = fs.realpathSync(path);
  } catch {
    // Not there yet: its directory's real path (the directory exists by now, see checkDatabaseWritable).
    try {
      real = join(fs.realpathSync(dirname(path)), basename(path));
    } catch {
      real = path;
    }
  }
  return `${real}-lock`;
}

/**
 * Takes the exclusive lock for the database at `path`, or throws DatabaseInUseError
 * (naming the file, and the holder's pid when it can be read) at once, without waiting.
 */
export function lockDatabaseFile(path: string): DatabaseFileLock {
  const lockPath = lockPathFor(path);
  let db: Database.Database;
  try {
    // timeout 0: a lock someone holds is refused at once, not waited for.
    db = new Database(lockPath, { timeout: 0 });
  } catch (err) {
    throw explainDatabaseError(lockPath, err);
  }
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The file holds one header field: no journal file beside it, no flush.
    db.pragma('journal_mode = MEMORY');
    db.pragma('synchronous = OFF');
    // The write that takes the lock, for good (EXCLUSIVE: it is never given back).
    db.pragma(`user_version = ${process.pid}`);
  } catch (err) {
    db.close();
    if ((err as { code?: unknown }).code === 'SQLITE_BUSY') throw new DatabaseInUseError(path, lockPath, holderPid(lockPath));
    throw explainDatabaseError(lockPath, err);
  }
  return {
    lockPath,
    release() {
      if (db.open) db.close();
    },
  };
}

/** The pid its holder wrote into the lock file's header (user_version), read without a lock. */
function holderPid(lockPath: string): number | undefined {
  try {
    const header = Buffer.alloc(100);
    const fd = fs.openSync(lockPath, 'r');
    try {
      if (fs.readSync(fd, header, 0, 100, 0) < 100) return undefined;
    } finally {
      fs.closeSync(fd);
    }
    if (header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return undefined;
    const pid = header.readUInt32BE(60);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
