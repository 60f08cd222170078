/**
 * The lookups' thread (lookups-keeper.ts): its own connection to the log's file, the
 * lookups file attached, catching the lookup tables up with the log every interval while
 * the floor's thread goes on appending. It reads the log as any reader does and writes
 * only the lookups file, so it never holds the lock the floor's appends need.
 */
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { serveRequests } from '../../threads/request-thread.js';
import { attachLookups, lookupsOn, LOOKUPS_CHUNK_ROWS } from './lookups.js';
import { BUSY_TIMEOUT_MS, PAGE_CACHE_KIB } from './open.js';
import type { LookupsRequest, LookupsThreadData } from './lookups-keeper.js';

const data = workerData as LookupsThreadData;

serveRequests<LookupsRequest, number>(() => {
  const db = new Database(data.logPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    // A catch-up writes into as many index leaves as there are agents and calls in it.
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    attachLookups(db, data.lookupsPath);
  } catch (error) {
    db.close();
    throw error;
  }
  const lookups = lookupsOn(db);
  return {
    // The seq the tables hold through, for a catch-up asked for.
    handle: (request) => {
      if (request === 'prune') return void lookups.prune();
      return lookups.catchUp();
    },
    // A chunk a step: after the tables started over (a week's log to index), a close or
    // a request waits for one chunk, not for all of it.
    every: { ms: data.intervalMs, run: () => void lookups.catchUp(1), more: () => lookups.behind() >= LOOKUPS_CHUNK_ROWS },
    close: () => db.close(),
  };
});
