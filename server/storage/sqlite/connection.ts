/**
 * The one open database the three stores share. better-sqlite3 throws a bare TypeError
 * ("The database connection is not open") from a statement used after close; every store
 * method checks here first so the caller gets a StorageClosedError instead.
 */
import type Database from 'better-sqlite3';
import { StorageClosedError } from '../errors.js';

export class SqliteConnection {
  #db: Database.Database | null;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The open database (for preparing statements); throws once closed. */
  get db(): Database.Database {
    if (this.#db === null) throw new StorageClosedError('sqlite');
    return this.#db;
  }

  assertOpen(): void {
    if (this.#db === null) throw new StorageClosedError('sqlite');
  }

  /** Closes the database; a second call does nothing. */
  close(): void {
    const db = this.#db;
    this.#db = null;
    db?.close();
  }
}

/** SQLite's LIMIT has no "infinity": a negative limit means no limit. */
export function sqlLimit(count: number): number {
  return Number.isFinite(count) ? count : -1;
}
