/**
 * Opening the notification database: the same file settings as the event storage and the
 * access store (WAL, a busy timeout), but only the notify migrations, so it can share
 * their file without touching their tables.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { leaveCheckpointsToEventStorage, type SharedFileOptions } from '../../storage/sqlite/open.js';
import { ackKeyOf, applyNotifyMigrations } from './schema.js';

const BUSY_TIMEOUT_MS = 5_000;

export function openNotifyDatabase(path: string, options: SharedFileOptions = {}): Database.Database {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL: a committed decision survives the process being killed (kill -9).
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    if (options.checkpoints === false) leaveCheckpointsToEventStorage(db);
    applyNotifyMigrations(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * The database's own key (notify_meta: made once, kept), for what else signs with it
 * beside the acknowledge links, each with an input of its own (handover/seal.ts).
 */
export function readDatabaseKey(path: string, options: SharedFileOptions = {}): string {
  const db = openNotifyDatabase(path, options);
  try {
    return ackKeyOf(db);
  } finally {
    db.close();
  }
}
