/** The SnapshotStore part of the storage contract (see contract.ts). */
import { describe, expect, it } from 'vitest';
import type { Storage, StoredSnapshot } from '../../../server/storage/types.js';

const snapshot = (seq: number, takenAt = seq * 100): StoredSnapshot => ({
  seq,
  takenAt,
  state: JSON.stringify({ agents: { 'agent-7': 'available' }, seq }),
});

export function describeSnapshotContract(storage: () => Storage): void {
  describe('snapshots', () => {
    it('has no latest snapshot at first', async () => {
      expect(await storage().snapshots.latest()).toBeNull();
    });

    it('returns the snapshot with the highest seq, whatever order they were saved in', async () => {
      const { snapshots } = storage();
      await snapshots.save(snapshot(20));
      await snapshots.save(snapshot(30));
      await snapshots.save(snapshot(10));
      expect(await snapshots.latest()).toEqual(snapshot(30));
    });

    it('replaces a snapshot saved again at the same seq', async () => {
      const { snapshots } = storage();
      await snapshots.save(snapshot(10, 1_000));
      await snapshots.save({ seq: 10, takenAt: 2_000, state: '{"later":true}' });
      expect(await snapshots.latest()).toEqual({ seq: 10, takenAt: 2_000, state: '{"later":true}' });
      // The replacement is the only snapshot at seq 10, so keeping one keeps it.
      await snapshots.prune(1);
      expect(await snapshots.latest()).toEqual({ seq: 10, takenAt: 2_000, state: '{"later":true}' });
    });

    it('prunes down to the newest `keep` snapshots', async () => {
      const { snapshots } = storage();
      for (const seq of [10, 20, 30, 40]) await snapshots.save(snapshot(seq));
      await snapshots.prune(2);
      expect(await snapshots.latest()).toEqual(snapshot(40));
      // Only latest() is observable: pruning must never take the newest while keep >= 1.
      await snapshots.prune(1);
      expect(await snapshots.latest()).toEqual(snapshot(40));
      await snapshots.prune(0);
      expect(await snapshots.latest()).toBeNull();
    });

    it('rejects a negative keep', async () => {
      await expect(storage().snapshots.prune(-1)).rejects.toThrow(RangeError);
    });
  });
}
