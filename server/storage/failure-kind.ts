/**
 * Storage failures a feed may retry: the store could not take the write (a full disk, an
 * I/O error, a read-only file, a database it cannot reach), which is neither the feed's
 * fault nor a bug. Told apart by the error's `code`: better-sqlite3's SqliteError (extended
 * codes included), a Node file system or socket error, or PostgreSQL's SQLSTATE (pg).
 */
export type StorageFailureKind = 'full' | 'io' | 'read-only' | 'cannot-open' | 'unavailable';

/** PostgreSQL's SQLSTATEs (class 53: insufficient resources; 58: system error; 08: connection; 57P: shutting down). */
const PG_KINDS: Record<string, StorageFailureKind> = {
  53100: 'full', // disk_full
  53200: 'full', // out_of_memory
  58030: 'io', // io_error
  25006: 'read-only', // read_only_sql_transaction (a standby, or default_transaction_read_only)
  '57P01': 'unavailable', '57P02': 'unavailable', '57P03': 'unavailable', // admin or crash shutdown, cannot connect now
};

/** pg's messages when its connection broke or none could be had in time (no SQLSTATE). */
const PG_CONNECTION_LOST = /^(Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect)$/;

/** The kind of storage failure `err` is, or undefined for any other error. */
export function storageFailureKind(err: unknown): StorageFailureKind | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  // pg's own connection errors carry no code, only these words.
  if (code === undefined && err instanceof Error && PG_CONNECTION_LOST.test(err.message)) return 'unavailable';
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return 'full';
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return 'io';
  if (code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'read-only';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'cannot-open';
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EPIPE' || /^08[0-9A-Z]{3}$/.test(code)) return 'unavailable';
  return PG_KINDS[code];
}

/** Words for the public (a feed, /ready): no path, no error text. */
export const STORAGE_FAILURE_WORDS: Record<StorageFailureKind, string> = {
  full: 'disk full',
  io: 'I/O error',
  'read-only': 'read-only',
  'cannot-open': 'cannot open its file',
  unavailable: 'database unreachable',
};
