/**
 * Who keeps the log's lookup tables (lookups.ts) caught up, and where lookups read them.
 *
 * - A log in memory: the tables are in memory on the log's own connection, caught up by
 *   it every CATCH_UP_ROWS appended rows.
 * - A log in a file: the tables are in the lookups file, read through a connection of
 *   their own (the log's file with the lookups file attached). With `background`, a thread
 *   catches them up every interval, on the other core (the server's case: on the floor's
 *   thread the catch-ups cost more than the appends themselves); without it, or once the
 *   thread has failed, that connection does, after appends.
 *
 * A catch-up that fails never fails an append: the entries are in the log, and lookups
 * read what the tables lack from the log's own columns.
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { startRequestThread } from '../../threads/request-thread.js';
import { attachLookups, checkLookups, lookupsOn, lookupsPath, type Lookups } from './lookups.js';
import { BUSY_TIMEOUT_MS, PAGE_CACHE_KIB } from './open.js';

/** Rows appended before a catch-up on the floor's thread (no thread, or it failed). */
export const CATCH_UP_ROWS = 50_000;
/** How often the thread catches up: what lookups read from the log's own columns stays this short. */
export const LOOKUPS_INTERVAL_MS = 500;

export interface LookupsThreadData {
  logPath: string;
  lookupsPath: string;
  intervalMs: number;
}
/** A catch-up now (answered with the seq the tables hold through), or a prune. */
export type LookupsRequest = 'catchUp' | 'prune';

export interface LookupsKeeper {
  /** `rows` more rows are in the log (called after an append committed). */
  appended(rows: number): void;
  rowsAbout: Lookups['rowsAbout'];
  /** Drops the rows of pruned log entries (scans the tables: call it seldom). */
  prune(): void;
  /** Brings the tables up to the log now; resolves with the seq they hold through. */
  catchUp(): Promise<number>;
  close(): Promise<void>;
}

export interface LookupsOptions {
  /** Catch up on a thread of its own (a file only). */
  background?: boolean;
  intervalMs?: number;
  /** Told why, when the thread or a catch-up fails, or the lookups file could not be read and is made again. */
  onFailure?: (message: string) => void;
}

/**
 * Opens the lookups of the log on `db` (whose file is `path`, or ':memory:'): attached,
 * checked against the log (started over if they are not its own), and kept caught up.
 */
export function keepLookups(db: Database.Database, path: string, inMemory: boolean, options: LookupsOptions = {}): LookupsKeeper {
  // In memory, the log's own connection is the only one that can see it.
  // (Not fileMustExist, though the log's connection made the file: ATTACH takes the
  // connection's flags, and must be able to create the lookups file.)
  const reader = inMemory ? db : new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    if (!inMemory) reader.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    openChecked(reader, path, inMemory, options);
  } catch (error) {
    if (!inMemory) reader.close();
    throw error;
  }
  const lookups = lookupsOn(reader);
  let pending = lookups.behind();
  let failing = false;
  const here = {
    appended(rows: number): void {
      pending += rows;
      if (pending < CATCH_UP_ROWS) return;
      pending = 0;
      try {
        lookups.catchUp();
        failing = false;
      } catch (error) {
        // Tried again after the next CATCH_UP_ROWS (a full disk passes); meanwhile lookups
        // read the log's columns from where the tables stopped. Said once a spell.
        if (!failing) {
          options.onFailure?.(`catching the lookup tables up failed (${(error as Error).message}); `
            + `lookups read the log itself past where the tables stop; tried again every ${CATCH_UP_ROWS} events`);
        }
        failing = true;
      }
    },
  };
  const closeReader = (): void => {
    if (!inMemory && reader.open) reader.close();
  };
  if (options.background !== true || inMemory) {
    return {
      appended: (rows) => here.appended(rows),
      rowsAbout: (filter) => lookups.rowsAbout(filter),
      prune: () => lookups.prune(),
      catchUp: async () => lookups.catchUp(),
      close: async () => closeReader(),
    };
  }
  return keepOnThread(path, lookups, here, closeReader, options);
}

/** SQLite's word for a file that is not a database, or a damaged one (SQLITE_CORRUPT and its extended codes). */
function unreadable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/**
 * Attaches the lookups and checks them against the log. A lookups file SQLite cannot read
 * (not a database, damaged: a disk fault, a copy cut short) is derived data: deleted, said,
 * and made again from the log, never a reason for the server not to start.
 */
function openChecked(reader: Database.Database, path: string, inMemory: boolean, options: LookupsOptions): void {
  const file = inMemory ? ':memory:' : lookupsPath(path);
  try {
    attachLookups(reader, file);
    checkLookups(reader);
    return;
  } catch (error) {
    if (inMemory || !unreadable(error)) throw error;
    options.onFailure?.(`the lookups file ${file} could not be read (${(error as Error).message}); made again from the log`);
  }
  if (reader.prepare("SELECT 1 FROM pragma_database_list WHERE name = 'lookups'").get() !== undefined) reader.exec('DETACH DATABASE lookups');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  attachLookups(reader, file);
  checkLookups(reader);
}

function keepOnThread(
  path: string, lookups: Lookups, here: { appended(rows: number): void }, closeReader: () => void, options: LookupsOptions,
): LookupsKeeper {
  const data: LookupsThreadData = { logPath: path, lookupsPath: lookupsPath(path), intervalMs: options.intervalMs ?? LOOKUPS_INTERVAL_MS };
  const thread = startRequestThread<LookupsRequest, number>(import.meta.url, 'lookups-thread', data, {
    label: 'lookups thread',
    onFailure: (reason) => options.onFailure?.(`${reason.message}; the floor's thread catches the lookup tables up from now on`),
  });
  return {
    appended(rows) {
      // The thread's work, until it is gone: then the floor's thread's again.
      if (thread.gone) here.appended(rows);
    },
    rowsAbout: (filter) => lookups.rowsAbout(filter),
    prune() {
      if (thread.gone) lookups.prune();
      else thread.post('prune');
    },
    catchUp: () => (thread.gone ? Promise.resolve(lookups.catchUp()) : thread.request('catchUp')),
    async close() {
      await thread.close();
      closeReader();
    },
  };
}
