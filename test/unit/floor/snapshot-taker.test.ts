/**
 * A floor with a snapshot taker (options.ts) hands due snapshots to it instead of writing
 * them on its own event loop: one at a time, pruning after each up to the seq the taker
 * wrote, and taking them itself again if the taker fails.
 */
import { describe, expect, it } from 'vitest';
import type { SnapshotTaker } from '../../../server/floor/floor.js';
import { OWN_SNAPSHOT_SPACING } from '../../../server/floor/snapshot-keeper.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { T0 } from '../../helpers/engine-harness.js';
import { ev, openFloor } from '../../helpers/floor-harness.js';

/** A taker whose takes the test settles by hand. */
function handTaker() {
  const asked: Array<{ seq: number; resolve: (seq: number) => void; reject: (err: Error) => void }> = [];
  const taker: SnapshotTaker = {
    take: (seq) => new Promise<number>((resolve, reject) => asked.push({ seq, resolve, reject })),
    close: async () => undefined,
  };
  return { taker, asked };
}

const logins = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ev(from + i, 'agent.login', { agentId: `a${from + i}`, stationId: `S-${from + i}` }));

describe('a floor with a snapshot taker', () => {
  it('hands the due snapshot to the taker at its seq and writes none itself', async () => {
    const storage = createMemoryStorage();
    let saved = 0;
    const save = storage.snapshots.save.bind(storage.snapshots);
    storage.snapshots.save = async (s) => {
      saved++;
      await save(s);
    };
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ storage, snapshotEveryEntries: 3, snapshotTaker: taker });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 3));
    expect(asked.map((a) => a.seq)).toEqual([3]);
    expect(saved).toBe(0);
  });

  it('asks again only once the snapshot being written is written', async () => {
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ snapshotEveryEntries: 2, snapshotTaker: taker });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 2));
    await floor.ingest(logins(2, 2));
    await floor.ingest(logins(4, 2));
    expect(asked).toHaveLength(1);
    asked[0].resolve(asked[0].seq);
    await floor.snapshotWritten();
    await floor.ingest(logins(6, 2));
    expect(asked.map((a) => a.seq)).toEqual([2, 8]);
  });

  it('prunes the log up to the seq the taker wrote, not beyond', async () => {
    const storage = createMemoryStorage();
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ storage, snapshotEveryEntries: 2, snapshotTaker: taker, retentionMs: 1000 });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 2));
    clock.set(T0 + 20_000);
    await floor.ingest(logins(2, 2));
    // The taker wrote seq 3 (it caught up past what it was asked); entries 4 on stay,
    // although all four are older than the retention by the time it is written.
    clock.set(T0 + 30_000);
    asked[0].resolve(3);
    await floor.snapshotWritten();
    expect((await storage.log.read(0, 100)).map((e) => e.seq)).toEqual([4]);
  });

  it('a failing taker is reported, and the floor takes its snapshots itself from then on', async () => {
    const storage = createMemoryStorage();
    const errors: unknown[] = [];
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ storage, snapshotEveryEntries: 2, snapshotTaker: taker, onError: (e) => errors.push(e) });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 2));
    asked[0].reject(new Error('worker died'));
    await floor.snapshotWritten();
    expect(errors.map((e) => (e as Error).message)).toEqual(['snapshots: the taker failed; the floor writes them itself from now on']);
    expect((errors[0] as Error).cause).toMatchObject({ message: 'worker died' });
    expect(await storage.snapshots.latest()).toBeNull();
    await floor.ingest(logins(2, 2));
    expect((await storage.snapshots.latest())?.seq).toBe(4);
    expect(asked).toHaveLength(1);
  });

  it('a forced snapshot (shutdown) waits for the one being written, then is written by the floor', async () => {
    const storage = createMemoryStorage();
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ storage, snapshotEveryEntries: 2, snapshotTaker: taker });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 2));
    await floor.ingest(logins(2, 1));
    let forced = false;
    const shutdown = floor.snapshotNow().then(() => {
      forced = true;
    });
    await Promise.resolve();
    expect(forced).toBe(false);
    asked[0].resolve(asked[0].seq);
    await shutdown;
    expect((await storage.snapshots.latest())?.seq).toBe(3);
  });
});

describe('snapshotHereUpToAgents (a small floor writes its own)', () => {
  it('writes the due snapshot itself while the floor has at most that many agents, then hands them to the taker', async () => {
    const storage = createMemoryStorage();
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ storage, snapshotEveryEntries: 2, snapshotTaker: taker, snapshotHereUpToAgents: 3 });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 2));
    expect((await storage.snapshots.latest())?.seq).toBe(2);
    await floor.ingest(logins(2, 1)); // three agents: still small
    await floor.ingest(logins(3, 1));
    expect(asked).toHaveLength(1); // four agents when the one at seq 4 was due
    expect((await storage.snapshots.latest())?.seq).toBe(2);
    expect(asked[0].seq).toBe(4);
  });
});

describe('a small floor\'s own snapshots under load', () => {
  it('are put off while inputs wait, until OWN_SNAPSHOT_SPACING times what the last one took has gone by, or snapshotPostponeEntries', async () => {
    const storage = createMemoryStorage();
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({
      storage, reorderWindowMs: 0, snapshotEveryEntries: 2, snapshotPostponeEntries: 8, snapshotTaker: taker, snapshotHereUpToAgents: 100,
    });
    clock.set(T0 + 10_000);
    const taken: number[] = [];
    const save = storage.snapshots.save.bind(storage.snapshots);
    storage.snapshots.save = async (snapshot) => {
      clock.set(clock.now() + 100); // each takes 100 ms
      taken.push(snapshot.seq);
      return save(snapshot);
    };
    const login = (n: number) => floor.ingest(logins(n, 1));
    await login(0);
    await login(1);
    expect(taken).toEqual([2]); // nothing waiting: when due
    // Due at seq 4 with inputs behind it, a second not gone by since the last: when the queue is empty.
    await Promise.all([2, 3, 4, 5].map(login));
    expect(taken).toEqual([2, 6]);
    // The second gone by: when due (8), inputs waiting or not.
    clock.set(clock.now() + 100 * OWN_SNAPSHOT_SPACING);
    await Promise.all([6, 7, 8, 9].map(login));
    expect(taken).toEqual([2, 6, 8, 10]);
    // Not gone by, but 8 entries since the last: taken although inputs wait.
    await Promise.all([10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map(login));
    expect(taken).toEqual([2, 6, 8, 10, 18, 20]);
    expect(asked).toHaveLength(0);
  });
});

describe('the taker\'s pace', () => {
  it('for a snapshot due by time, is asked again no sooner than its last snapshot took, after it was written', async () => {
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ snapshotEveryEntries: 100, snapshotEveryMs: 5000, snapshotTaker: taker });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 2));
    // Written 8 s after it was asked.
    clock.set(T0 + 18_000);
    asked[0].resolve(asked[0].seq);
    await floor.snapshotWritten();
    clock.set(T0 + 25_000);
    await floor.ingest(logins(2, 2));
    expect(asked).toHaveLength(1);
    clock.set(T0 + 26_000);
    await floor.ingest(logins(4, 2));
    expect(asked.map((a) => a.seq)).toEqual([2, 6]);
  });

  it('for a snapshot due by entries, is asked again at once', async () => {
    const { taker, asked } = handTaker();
    const { floor, clock } = await openFloor({ snapshotEveryEntries: 2, snapshotTaker: taker });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 2));
    clock.set(T0 + 18_000);
    asked[0].resolve(asked[0].seq);
    await floor.snapshotWritten();
    await floor.ingest(logins(2, 2));
    expect(asked.map((a) => a.seq)).toEqual([2, 4]);
  });
});

describe('replayUntilSeq (what a snapshot thread opens with)', () => {
  it('replays the log up to the end of the batch holding that seq, not to its end', async () => {
    const storage = createMemoryStorage();
    const { floor, clock } = await openFloor({ storage });
    clock.set(T0 + 10_000);
    await floor.ingest(logins(0, 3)); // seqs 1-3, one batch
    await floor.ingest(logins(3, 3)); // seqs 4-6
    await floor.ingest(logins(6, 3)); // seqs 7-9
    const part = await openFloor({ storage, clock, follower: true, replayUntilSeq: 5 });
    expect(part.floor.progress.seq).toBe(6);
    const all = await openFloor({ storage, clock, follower: true });
    expect(all.floor.progress.seq).toBe(9);
  });
});
