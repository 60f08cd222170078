/**
 * When the database file cannot be written: said with its path and the likely cause
 * (SQLite's own words, "unable to open database file" or "attempt to write a readonly
 * database", name neither), and told apart from other failures, so that ingest can tell
 * a feed to send again later (nothing was stored) rather than answer "internal error".
 */
import fs from 'node:fs';
import { dirname } from 'node:path';
import { storageFailureKind } from '../failure-kind.js';
import { lookupsPath } from './lookups.js';

/** "the user running floorwatch (uid 1000)": whose permissions count. */
function whoRuns(): string {
  const uid = process.getuid?.();
  return uid === undefined ? 'the user running floorwatch' : `the user running floorwatch (uid ${uid})`;
}

/** A storage error that names the file; `code` (and `cause`) are the original's. */
export class DatabaseFileError extends Error {
  readonly code: string | undefined;
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DatabaseFileError';
    this.code = options.code;
  }
}

/**
 * An error from opening or first writing the database at `path`, said with the path and
 * the likely cause. An error that is not SQLite's (a migration refusing a newer schema)
 * is returned as it is.
 */
export function explainDatabaseError(path: string, err: unknown): unknown {
  if (!(err instanceof Error) || err instanceof DatabaseFileError) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return err;
  const said = `(SQLite: ${err.message}, ${code})`;
  const kind = storageFailureKind(err);
  let message: string;
  if (kind === 'cannot-open') {
    message = `cannot open the database file ${path} ${said}: its directory must exist and be readable and writable by ${whoRuns()}, and the path must name a file, not a directory`;
  } else if (kind === 'read-only') {
    message = `the database ${path} is read-only for ${whoRuns()} ${said}: a permission problem; the file, its -wal and -shm files and its directory must be writable by this user`;
  } else if (kind === 'full') {
    message = `the disk holding the database ${path} is full ${said}: free some space`;
  } else if (kind === 'io') {
    message = `I/O error on the database ${path} ${said}: the disk or its file system is failing, or the file was moved or deleted while open`;
  } else if (code === 'SQLITE_NOTADB') {
    message = `${path} is not a SQLite database ${said}: check --db`;
  } else if (code.startsWith('SQLITE_CORRUPT')) {
    message = `the database ${path} is damaged ${said}`;
  } else {
    message = `the database ${path}: ${err.message} (${code})`;
  }
  return new DatabaseFileError(message, { cause: err, code });
}

/**
 * Refuses, naming the path and saying it is a permission problem, a database SQLite would
 * open read-only without a word (a file without write permission opens, and only its
 * first write fails): the file, its -wal and -shm files if any, its lookups file and
 * theirs, and its directory (where SQLite creates those, and serve its -lock file) must be
 * writable by this process.
 * The directory is created if missing. Root passes every check, as it passes SQLite's.
 */
export function checkDatabaseWritable(path: string): void {
  const dir = dirname(path);
  createDatabaseDirectory(path, true);
  const stat = fs.statSync(path, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new DatabaseFileError(`the database path ${path} is a directory: --db names the database file`, { code: 'EISDIR' });
  if (!writable(dir)) {
    throw new DatabaseFileError(
      `cannot write in the directory ${dir} of the database ${path}: a permission problem; SQLite creates the database's -wal and -shm files beside it, so the directory must be writable by ${whoRuns()}`,
      { code: 'EACCES' },
    );
  }
  // The lookups file (lookups.ts) and its own -wal and -shm are written too.
  const lookups = lookupsPath(path);
  for (const file of [path, `${path}-wal`, `${path}-shm`, lookups, `${lookups}-wal`, `${lookups}-shm`]) {
    if (fs.existsSync(file) && !writable(file)) {
      throw new DatabaseFileError(
        `the database file ${file} is read-only for ${whoRuns()}: a permission problem; make it writable by this user (chmod u+w, or chown it to the user running floorwatch)`,
        { code: 'EACCES' },
      );
    }
  }
}

/**
 * Creates the directory of the database at `path` if missing; a failure is a
 * DatabaseFileError naming both (`advise`: and saying whose permission counts).
 */
export function createDatabaseDirectory(path: string, advise = false): void {
  const dir = dirname(path);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatabaseFileError(
      `cannot create the directory ${dir} for the database ${path} (${code ?? String(err)})${advise ? `: check that ${whoRuns()} may create it` : ''}`,
      { cause: err, code },
    );
  }
}

function writable(path: string): boolean {
  try {
    fs.accessSync(path, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the database's disk takes a write now: the file still writable, and 64 KB
 * written, flushed and removed beside it. Asked while appends fail (disk full, an I/O
 * error), so that the server says it is ready again once they can succeed, even when no
 * feed is sending to find out. Throws as the file system does.
 */
export function probeDatabaseDisk(path: string): void {
  fs.accessSync(path, fs.constants.W_OK);
  const probe = `${path}-probe`;
  let fd: number | undefined;
  try {
    fd = fs.openSync(probe, 'w');
    fs.writeSync(fd, Buffer.alloc(64 * 1024));
    fs.fsyncSync(fd);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(probe, { force: true });
  }
}
