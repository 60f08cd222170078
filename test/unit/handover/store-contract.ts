/**
 * The HandoverStore contract: what memory, SQLite and PostgreSQL (and any later backend) must do.
 * Each test gets a fresh, empty store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HandoverStoreConflictError, type HandoverStore } from '../../../server/handover/store.js';
import { makeHandover } from './fixtures.js';

const H = 3600_000;
const NOON = Date.parse('2026-11-28T12:00:00+08:00');

export function runHandoverStoreContract(name: string, make: () => HandoverStore | Promise<HandoverStore>): void {
  describe(`${name}: handover store contract`, () => {
    let store: HandoverStore;
    beforeEach(async () => {
      store = await make();
    });
    afterEach(async () => {
      await store.close();
    });

    it('keeps a handover and hands back a fresh copy', async () => {
      const h = makeHandover(NOON, ['T1', 'T2'], { fields: { ...makeHandover(NOON, []).fields, notices: '系统维护 22:00' } });
      await store.save(h);
      const read = await store.get(h.id);
      expect(read).toEqual(h);
      read!.fields.notices = 'changed';
      expect((await store.get(h.id))!.fields.notices).toBe('系统维护 22:00');
      expect(await store.get('nope')).toBeUndefined();
    });

    it('replaces a submitted handover by id (the outgoing lead amends it)', async () => {
      const h = makeHandover(NOON, ['T1']);
      await store.save(h);
      await store.save({ ...h, fields: { ...h.fields, openIssues: 'card reader at S-04 broken' } });
      expect((await store.get(h.id))!.fields.openIssues).toBe('card reader at S-04 broken');
      expect(await store.search({})).toHaveLength(1);
    });

    it('never changes a confirmed handover', async () => {
      const h = makeHandover(NOON, ['T1'], { status: 'confirmed', confirmedAt: NOON + 60_000, confirmedBy: 'lead.li' });
      await store.save(h);
      await expect(store.save({ ...h, fields: { ...h.fields, notices: 'rewritten later' } })).rejects.toThrow(HandoverStoreConflictError);
      await expect(store.save({ ...h, status: 'submitted' })).rejects.toThrow(/confirmed handover cannot be changed/);
      expect(await store.get(h.id)).toEqual(h);
    });

    it('holds one handover per shift change and set of teams, whatever their order', async () => {
      await store.save(makeHandover(NOON, ['T1', 'T2']));
      await expect(store.save(makeHandover(NOON, ['T2', 'T1'], { id: 'another-id' }))).rejects.toThrow(HandoverStoreConflictError);
      // Another set of teams, or another time, is another handover.
      await store.save(makeHandover(NOON, ['T1']));
      await store.save(makeHandover(NOON + 8 * H, ['T1', 'T2']));
      expect(await store.search({})).toHaveLength(3);
    });

    it('searches by text, team, time and status, newest shift change first', async () => {
      const fields = makeHandover(NOON, []).fields;
      await store.save(makeHandover(NOON - 8 * H, ['T1'], { fields: { ...fields, swallowedCards: 'ATM 3 swallowed card ending 4411' } }));
      await store.save(makeHandover(NOON, ['T1', 'T2'], { status: 'confirmed', confirmedBy: 'lead.li', confirmedAt: NOON }));
      await store.save(makeHandover(NOON + 8 * H, ['T2'], { fields: { ...fields, managementTasks: 'Quality review 100% of calls' }, outgoing: { name: '张伟', account: 'lead.zhang' } }));
      const ids = async (q: Parameters<HandoverStore['search']>[0]) => (await store.search(q)).map((h) => h.shiftChangeAt);

      expect(await ids({})).toEqual([NOON + 8 * H, NOON, NOON - 8 * H]);
      expect(await ids({ q: 'swallowed CARD' })).toEqual([NOON - 8 * H]);
      expect(await ids({ q: '100%' })).toEqual([NOON + 8 * H]);
      // Literal text: % and _ are not wildcards.
      expect(await ids({ q: '%' })).toEqual([NOON + 8 * H]);
      expect(await ids({ q: '_' })).toEqual([]);
      expect(await ids({ q: '张伟' })).toEqual([NOON + 8 * H]);
      expect(await ids({ q: 'lead.li' })).toHaveLength(3);
      expect(await ids({ teamId: 'T2' })).toEqual([NOON + 8 * H, NOON]);
      expect(await ids({ teamId: 'T' })).toEqual([]);
      expect(await ids({ from: NOON, to: NOON + 8 * H })).toEqual([NOON]);
      expect(await ids({ status: ['confirmed'] })).toEqual([NOON]);
      expect(await ids({ status: ['submitted'], teamId: 'T1' })).toEqual([NOON - 8 * H]);
      expect(await ids({ status: [] })).toEqual([]);
      expect(await ids({ limit: 1 })).toEqual([NOON + 8 * H]);
    });

    it('refuses a NaN bound or a negative limit', async () => {
      await expect(store.search({ from: Number.NaN })).rejects.toThrow(RangeError);
      await expect(store.search({ limit: -1 })).rejects.toThrow(RangeError);
    });
  });
}
