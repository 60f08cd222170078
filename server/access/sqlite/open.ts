/**
 * Opening the access database: the same file settings as the event storage (WAL, a busy
 * timeout, foreign keys) but only the access migrations, so it can open a file of its
 * own or the event storage's file without touching the event tables or user_version.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { leaveCheckpointsToEventStorage, type SharedFileOptions } from '../../storage/sqlite/open.js';
import { applyAccessMigrations } from './schema.js';

/** How long a write waits for another connection's lock (the event storage's, say). */
const BUSY_TIMEOUT_MS = 5_000;

const IN_MEMORY_PATHS = new Set([':memory:', '']);

export function openAccessDatabase(path: string, options: SharedFileOptions = {}): Database.Database {
  if (!IN_MEMORY_PATHS.has(path)) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    // WAL: readers never block the writer. NORMAL: a commit survives the process being
    // killed; only a power loss can lose the last few (as for the event storage).
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('foreign_keys = ON');
    if (options.checkpoints === false) leaveCheckpointsToEventStorage(db);
    applyAccessMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
