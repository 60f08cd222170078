/** The PointsLedger part of the storage contract (see contract.ts). */
import { describe, expect, it } from 'vitest';
import type { PointsEntry } from '../../../shared/points.js';
import { StorageClosedError } from '../../../server/storage/errors.js';
import { PointsLedgerConflictError } from '../../../server/storage/points-rules.js';
import type { Storage } from '../../../server/storage/types.js';
import { ids } from './fixtures.js';

/** A supervisor's deduction for agent 7 at `at`; override what the test is about. */
export function pointsEntry(id: string, at: number, overrides: Partial<PointsEntry> = {}): PointsEntry {
  return {
    id,
    agentId: 'agent-7',
    at,
    points: -2,
    item: 'mobile-phone',
    article: '105.3',
    reason: 'phone on the desk during calls',
    evidence: [],
    author: 'sup',
    source: 'manual',
    recordedAt: at + 10,
    ...overrides,
  };
}

/** The reversal of `entry`, as the points service writes it. */
export function reversalOf(entry: PointsEntry, id = `rev-${entry.id}`): PointsEntry {
  return pointsEntry(id, entry.at, {
    agentId: entry.agentId, points: -entry.points, item: 'reversal', article: entry.article,
    reason: 'entered by mistake', reverses: entry.id,
  });
}

export function describePointsContract(storage: () => Storage): void {
  describe('points ledger', () => {
    it('is empty at first', async () => {
      const { points } = storage();
      expect(await points.list({})).toEqual([]);
      expect(await points.get('nope')).toBeUndefined();
      expect(await points.reversalOf('nope')).toBeUndefined();
    });

    it('returns an entry as recorded, a fresh object each time', async () => {
      const { points } = storage();
      const entry = pointsEntry('p1', 1_000, { evidence: ['evt-1', 'alert-9'], source: 'auto', author: 'system', item: 'private-call', article: '105.4' });
      await points.record([entry]);
      const read = await points.get('p1');
      expect(read).toEqual(entry);
      expect(read).not.toBe(entry);
      read!.evidence.push('changed');
      expect((await points.get('p1'))!.evidence).toEqual(['evt-1', 'alert-9']);
    });

    it('ignores an id it already holds, in a later call or in the same call (a rebuild re-emits automatic entries)', async () => {
      const { points } = storage();
      await points.record([pointsEntry('auto-1', 1_000, { points: -2 })]);
      await points.record([pointsEntry('auto-1', 1_000, { points: -99 }), pointsEntry('auto-2', 2_000), pointsEntry('auto-2', 2_000, { points: 5 })]);
      const all = await points.list({});
      expect(ids(all)).toEqual(['auto-1', 'auto-2']);
      expect(all.map((e) => e.points)).toEqual([-2, -2]);
    });

    it('lists oldest first, ties in the order recorded, filtered by agent and [from, to)', async () => {
      const { points } = storage();
      await points.record([
        pointsEntry('late', 3_000),
        pointsEntry('tie-b', 2_000),
        pointsEntry('other-agent', 2_000, { agentId: 'agent-9' }),
        pointsEntry('early', 1_000),
      ]);
      await points.record([pointsEntry('tie-a', 2_000)]);
      expect(ids(await points.list({}))).toEqual(['early', 'tie-b', 'other-agent', 'tie-a', 'late']);
      expect(ids(await points.list({ agentId: 'agent-7' }))).toEqual(['early', 'tie-b', 'tie-a', 'late']);
      expect(ids(await points.list({ from: 2_000, to: 3_000 }))).toEqual(['tie-b', 'other-agent', 'tie-a']);
      expect(ids(await points.list({ agentId: 'agent-9', from: 2_001 }))).toEqual([]);
      expect(ids(await points.list({ limit: 2 }))).toEqual(['early', 'tie-b']);
      expect(ids(await points.list({ limit: 0 }))).toEqual([]);
    });

    it('fills in reversedBy on reading, and finds the reversal of an entry', async () => {
      const { points } = storage();
      const entry = pointsEntry('p1', 1_000);
      await points.record([entry, pointsEntry('p2', 1_500)]);
      await points.record([reversalOf(entry)]);
      expect(await points.get('p1')).toEqual({ ...entry, reversedBy: 'rev-p1' });
      expect((await points.list({})).map((e) => [e.id, e.reversedBy])).toEqual([
        ['p1', 'rev-p1'], ['rev-p1', undefined], ['p2', undefined],
      ]);
      expect(await points.reversalOf('p1')).toEqual(reversalOf(entry));
      expect(await points.reversalOf('p2')).toBeUndefined();
      // A reversedBy on the way in is not a fact of the entry: the ledger decides it on reading.
      await points.record([pointsEntry('p3', 1_700, { reversedBy: 'made-up' })]);
      expect((await points.get('p3'))!.reversedBy).toBeUndefined();
    });

    it('refuses a second reversal of an entry, and writes nothing of that batch', async () => {
      const { points } = storage();
      const entry = pointsEntry('p1', 1_000);
      await points.record([entry]);
      await points.record([reversalOf(entry, 'rev-1')]);
      const second = points.record([pointsEntry('innocent', 5_000), reversalOf(entry, 'rev-2')]);
      await expect(second).rejects.toThrow(PointsLedgerConflictError);
      await expect(points.record([reversalOf(entry, 'rev-3')])).rejects.toThrow(/p1 is already reversed/);
      expect(ids(await points.list({}))).toEqual(['p1', 'rev-1']);
      // Recording the same reversal again (same id) is the harmless repeat, not a second one.
      await expect(points.record([reversalOf(entry, 'rev-1')])).resolves.toBeUndefined();
    });

    it('refuses to reverse a reversal, or an entry it does not hold', async () => {
      const { points } = storage();
      const entry = pointsEntry('p1', 1_000);
      await points.record([entry, reversalOf(entry)]);
      const ofReversal = pointsEntry('rev-rev', 1_000, { item: 'reversal', points: -2, reverses: 'rev-p1' });
      await expect(points.record([ofReversal])).rejects.toThrow(PointsLedgerConflictError);
      await expect(points.record([pointsEntry('ghost-rev', 1_000, { item: 'reversal', reverses: 'ghost' })])).rejects.toThrow(/ghost cannot be reversed/);
      expect(ids(await points.list({}))).toEqual(['p1', 'rev-p1']);
    });

    it('takes an entry and its reversal in one batch, in order', async () => {
      const { points } = storage();
      const entry = pointsEntry('p1', 1_000);
      await points.record([entry, reversalOf(entry)]);
      expect((await points.get('p1'))!.reversedBy).toBe('rev-p1');
    });

    it('refuses a record it could not store, writing none of the batch', async () => {
      const { points } = storage();
      await expect(points.record([pointsEntry('ok', 1_000), pointsEntry('bad', Number.NaN)])).rejects.toThrow(RangeError);
      await expect(points.list({ from: Number.NaN })).rejects.toThrow(RangeError);
      await expect(points.list({ limit: -1 })).rejects.toThrow(RangeError);
      expect(await points.list({})).toEqual([]);
    });

    it('rejects every method with StorageClosedError once closed', async () => {
      const closing = storage();
      const { points } = closing;
      await points.record([pointsEntry('p1', 1_000)]);
      await closing.close();
      for (const call of [
        () => points.record([pointsEntry('p2', 1_000)]), () => points.list({}), () => points.get('p1'), () => points.reversalOf('p1'),
      ]) {
        await expect(call()).rejects.toThrow(StorageClosedError);
      }
    });
  });
}
