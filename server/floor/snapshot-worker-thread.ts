/**
 * The snapshot worker's thread (snapshot-worker.ts): a replica of the floor on its own
 * connection to the floor's SQLite file. Asked for a snapshot, it applies the log up to its
 * end (at least the seq asked), writes the snapshot and answers with its seq. Requests are
 * handled one after another.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSqliteStorage } from '../storage/sqlite/index.js';
import { Floor } from './floor.js';
import type { FromSnapshotThread, SnapshotWorkerOptions, ToSnapshotThread } from './snapshot-worker.js';

const options = workerData as SnapshotWorkerOptions;
const port = parentPort!;
const storage = createSqliteStorage(options.dbPath, options.synchronous === undefined ? {} : { synchronous: options.synchronous });
// Only the metadata (takenAt) reads this clock: the replica applies the log, never ticks.
const clock = { now: () => Date.now() };
let floor: Floor | undefined;

async function open(): Promise<Floor> {
  return Floor.open({
    storage, clock, follower: true, rules: options.rules, reorderWindowMs: options.reorderWindowMs,
    ...(options.retentionMs !== undefined && { retentionMs: options.retentionMs }),
  });
}

async function take(wanted: number): Promise<number> {
  floor ??= await open();
  try {
    await floor.catchUp();
  } catch {
    // The log no longer holds where this copy stands (pruned past it): start again from the latest snapshot.
    floor = await open();
    await floor.catchUp();
  }
  const { seq, text } = floor.snapshotText();
  if (seq < wanted) throw new Error(`the log ends at ${seq}, before the seq asked (${wanted})`);
  await storage.snapshots.save({ seq, takenAt: clock.now(), state: text });
  return seq;
}

let queue: Promise<unknown> = Promise.resolve();
port.on('message', (msg: ToSnapshotThread) => {
  queue = queue.then(async () => {
    if (msg.type === 'close') {
      await storage.close();
      port.postMessage({ type: 'closed' } satisfies FromSnapshotThread);
      port.close();
      return;
    }
    try {
      port.postMessage({ type: 'taken', id: msg.id, seq: await take(msg.seq) } satisfies FromSnapshotThread);
    } catch (err) {
      port.postMessage({ type: 'failed', id: msg.id, message: err instanceof Error ? err.message : String(err) } satisfies FromSnapshotThread);
    }
  });
});
