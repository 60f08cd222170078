/**
 * One snapshot, on a thread of its own (snapshot-worker.ts): the floor rebuilt from the
 * latest snapshot and the log up to the seq asked, on this thread's own connection to the
 * floor's SQLite file, as a replica (it writes nothing but the snapshot), then written,
 * then the thread ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createSqliteStorage } from '../storage/sqlite/index.js';
import { Floor } from './floor.js';
import type { FromSnapshotThread, SnapshotThreadData } from './snapshot-worker.js';

const data = workerData as SnapshotThreadData;
const port = parentPort!;

async function take(): Promise<number> {
  const storage = createSqliteStorage(data.dbPath, data.synchronous === undefined ? {} : { synchronous: data.synchronous });
  try {
    // Only the snapshot's takenAt reads this clock: a replica applies the log and never ticks.
    const clock = { now: () => Date.now() };
    const floor = await Floor.open({
      storage, clock, follower: true, rules: data.rules, reorderWindowMs: data.reorderWindowMs, replayUntilSeq: data.seq,
      ...(data.retentionMs !== undefined && { retentionMs: data.retentionMs }),
    });
    const { seq, text } = floor.snapshotText();
    if (seq < data.seq) throw new Error(`the log ends at ${seq}, before the seq asked (${data.seq})`);
    await storage.snapshots.save({ seq, takenAt: clock.now(), state: text });
    return seq;
  } finally {
    await storage.close();
  }
}

take().then(
  (seq) => port.postMessage({ type: 'taken', seq } satisfies FromSnapshotThread),
  (err: unknown) => port.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies FromSnapshotThread),
);
