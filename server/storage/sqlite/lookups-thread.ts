/**
 * The lookups' thread (lookups-keeper.ts): its own connection to the log's file, the
 * lookups file attached, catching the lookup tables up with the log every interval while
 * the floor's thread goes on appending. It reads the log as any reader does and writes
 * only the lookups file, so it never holds the lock the floor's appends need.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { attachLookups, lookupsOn, type Lookups } from './lookups.js';
import { BUSY_TIMEOUT_MS, PAGE_CACHE_KIB } from './open.js';
import type { FromLookupsThread, LookupsThreadData, ToLookupsThread } from './lookups-keeper.js';

const data = workerData as LookupsThreadData;
const port = parentPort!;

let db: Database.Database | undefined;
let timer: NodeJS.Timeout | undefined;

function fail(err: unknown): void {
  if (timer !== undefined) clearInterval(timer);
  port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromLookupsThread);
  db?.close();
  port.close();
}

try {
  db = new Database(data.logPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  // A catch-up writes into as many index leaves as there are agents and calls in it.
  db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  attachLookups(db, data.lookupsPath);
  const lookups: Lookups = lookupsOn(db);
  timer = setInterval(() => {
    try {
      lookups.catchUp();
    } catch (err) {
      fail(err);
    }
  }, data.intervalMs);
  port.on('message', (msg: ToLookupsThread) => {
    if (msg.type === 'close') {
      clearInterval(timer);
      db?.close();
      port.close();
      return;
    }
    try {
      if (msg.type === 'prune') lookups.prune();
      else port.postMessage({ type: 'caughtUp', id: msg.id, through: lookups.catchUp() } satisfies FromLookupsThread);
    } catch (err) {
      fail(err);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromLookupsThread);
} catch (err) {
  fail(err);
}
