/** The EventLog half of the storage contract (see contract.ts). */
import { describe, expect, it } from 'vitest';
import type { FloorEvent } from '../../../shared/events.js';
import type { NewLogEntry, Storage } from '../../../server/storage/types.js';
import { commandEntry, eventEntries, eventEntry, ids, rulesEntry, seqs } from './fixtures.js';

export function describeEventLogContract(storage: () => Storage): void {
  describe('event log', () => {
    it('starts empty: lastSeq is 0 and there is nothing to read', async () => {
      const { log } = storage();
      expect(await log.lastSeq()).toBe(0);
      expect(await log.read(0, 10)).toEqual([]);
    });

    it('assigns seqs 1, 2, 3 in the order given and returns the appended entries', async () => {
      const { log } = storage();
      const given = [eventEntry('b'), eventEntry('a'), eventEntry('c')];
      const result = await log.append(given);
      expect(result.duplicateIds).toEqual([]);
      expect(result.appended).toEqual(given.map((entry, index) => ({ ...entry, seq: index + 1 })));
      expect(await log.lastSeq()).toBe(3);
    });

    it('reads back every kind of payload exactly as appended', async () => {
      const { log } = storage();
      const given = [eventEntry('e1', 10), commandEntry('c1', 11), rulesEntry('r1', 12)];
      await log.append(given);
      expect(await log.read(0, 10)).toEqual(given.map((entry, index) => ({ ...entry, seq: index + 1 })));
    });

    it('stores an entry given with its payload as JSON text, and reads back the payload, never the text', async () => {
      const { log } = storage();
      const entry = eventEntry('t1', 10);
      // Spaced differently from JSON.stringify's: still the same payload once read.
      const given: NewLogEntry = { ...entry, payloadText: JSON.stringify(entry.payload, null, 1) };
      const result = await log.append([given]);
      expect(result.appended).toEqual([{ ...entry, seq: 1 }]);
      expect(await log.read(0, 10)).toEqual([{ ...entry, seq: 1 }]);
    });

    it('accepts an empty append without assigning anything', async () => {
      const { log } = storage();
      expect(await log.append([])).toEqual({ appended: [], duplicateIds: [] });
      expect(await log.lastSeq()).toBe(0);
    });

    it('skips ids already in the log and keeps the first payload', async () => {
      const { log } = storage();
      await log.append([eventEntry('a', 10), eventEntry('b', 11)]);
      const result = await log.append([eventEntry('b', 99), eventEntry('c', 12), eventEntry('a', 99)]);
      expect(result.duplicateIds).toEqual(['b', 'a']);
      expect(ids(result.appended)).toEqual(['c']);
      const all = await log.read(0, 10);
      expect(all.map((entry) => [entry.id, entry.receivedAt])).toEqual([['a', 10], ['b', 11], ['c', 12]]);
    });

    it('skips an id repeated within one call, keeping its first occurrence', async () => {
      const { log } = storage();
      const result = await log.append([eventEntry('a', 10), eventEntry('b', 11), eventEntry('a', 12), eventEntry('a', 13)]);
      expect(ids(result.appended)).toEqual(['a', 'b']);
      expect(result.duplicateIds).toEqual(['a', 'a']);
      expect((await log.read(0, 10)).map((entry) => entry.receivedAt)).toEqual([10, 11]);
    });

    it('takes the same id at another event time as another event, and a command id as a repeat whenever it comes', async () => {
      const { log } = storage();
      await log.append([eventEntry('a', 10, 500), commandEntry('cmd-1', 11)]);
      // A resend has the event's own time; an id with another time is another event (the
      // key is time and id: repeatTimeOf). A command's id alone makes a repeat.
      const result = await log.append([eventEntry('a', 20, 500), eventEntry('a', 21, 501), commandEntry('cmd-1', 22), commandEntry('cmd-2', 23)]);
      expect(result.duplicateIds).toEqual(['a', 'cmd-1']);
      expect(result.appended.map((entry) => [entry.id, entry.receivedAt])).toEqual([['a', 21], ['cmd-2', 23]]);
      expect(seqs(result.appended)).toEqual([3, 4]);
    });

    it('leaves no gaps in seqs when duplicates are skipped', async () => {
      const { log } = storage();
      await log.append([eventEntry('a'), eventEntry('a')]);
      await log.append([eventEntry('a')]);
      const result = await log.append([eventEntry('a'), eventEntry('b')]);
      expect(seqs(result.appended)).toEqual([2]);
      expect(await log.lastSeq()).toBe(2);
    });

    it('keeps seqs dense and order kept in a big batch with duplicates anywhere in it', async () => {
      const { log } = storage();
      await log.append([eventEntry('old-1', 1), eventEntry('old-2', 2)]);
      // 130 entries: one repeated within the call close by (30, of 7) and far off (129,
      // of 0), and an id already logged (60): storages that insert many rows at once
      // must still skip exactly these, in this order.
      const batch = Array.from({ length: 130 }, (_, i) => eventEntry(`new-${i}`, 100 + i));
      batch[30] = eventEntry('new-7', 998);
      batch[60] = eventEntry('old-2', 999);
      batch[129] = eventEntry('new-0', 997);
      const result = await log.append(batch);
      expect(result.duplicateIds).toEqual(['new-7', 'old-2', 'new-0']);
      const kept = batch.filter((_, i) => i !== 30 && i !== 60 && i !== 129);
      expect(ids(result.appended)).toEqual(kept.map((e) => e.id));
      expect(seqs(result.appended)).toEqual(kept.map((_, i) => 3 + i));
      expect(await log.lastSeq()).toBe(2 + kept.length);
      const all = await log.read(0, 200);
      expect(all.map((entry) => [entry.seq, entry.id, entry.receivedAt])).toEqual([
        [1, 'old-1', 1], [2, 'old-2', 2], ...kept.map((e, i) => [3 + i, e.id, e.receivedAt]),
      ]);
      // The whole batch sent again takes nothing and names every id; then the log goes
      // on from where it was, with no gap.
      const resent = await log.append(batch);
      expect(resent.appended).toEqual([]);
      expect(resent.duplicateIds).toEqual(batch.map((e) => e.id));
      expect(seqs((await log.append([eventEntry('after')])).appended)).toEqual([3 + kept.length]);
    });

    it('appends nothing when one entry of the batch cannot be stored', async () => {
      const { log } = storage();
      await log.append([eventEntry('before')]);
      // A BigInt has no JSON form, so this entry cannot be written.
      const unstorable = eventEntry('bad');
      (unstorable.payload as { event: Record<string, unknown> }).event.extra = 1n;
      await expect(log.append([eventEntry('ok-1'), unstorable, eventEntry('ok-2')])).rejects.toThrow();
      expect(ids(await log.read(0, 10))).toEqual(['before']);
      expect(await log.lastSeq()).toBe(1);
      // The batch's good ids were not taken: they can still be appended.
      expect(seqs((await log.append([eventEntry('ok-1')])).appended)).toEqual([2]);
    });

    it('pages through the log oldest first with afterSeq and limit', async () => {
      const { log } = storage();
      await log.append(eventEntries(5));
      expect(seqs(await log.read(0, 2))).toEqual([1, 2]);
      expect(seqs(await log.read(2, 2))).toEqual([3, 4]);
      expect(seqs(await log.read(4, 2))).toEqual([5]);
      expect(await log.read(5, 2)).toEqual([]);
      expect(seqs(await log.read(0, Infinity))).toEqual([1, 2, 3, 4, 5]);
    });

    it('reads nothing for limit 0, and rejects a negative or NaN limit', async () => {
      const { log } = storage();
      await log.append(eventEntries(2));
      expect(await log.read(0, 0)).toEqual([]);
      await expect(log.read(0, -1)).rejects.toThrow(RangeError);
      await expect(log.read(0, Number.NaN)).rejects.toThrow(RangeError);
    });

    it('prunes only entries at or below uptoSeq that were received before `before`', async () => {
      const { log } = storage();
      // evt-1..evt-5 received at 1000..1004.
      await log.append(eventEntries(5));
      // seq <= 4, but evt-4 (received 1003) is not before 1003: it stays.
      expect(await log.prune(1_003, 4)).toBe(3);
      expect(ids(await log.read(0, 10))).toEqual(['evt-4', 'evt-5']);
      // Paging after a prune starts at whatever is left.
      expect(seqs(await log.read(0, 1))).toEqual([4]);
      expect(await log.prune(1_003, 4)).toBe(0);
    });

    it('prunes the old part of a long log, in steps, whatever the bounds', async () => {
      const { log } = storage();
      // evt-1..evt-300 received at 1000..1299.
      await log.append(eventEntries(300));
      expect(await log.prune(1_000, 300)).toBe(0);
      expect(await log.prune(1_150, 120)).toBe(120);
      expect(await log.prune(1_150, 300)).toBe(30);
      expect(seqs(await log.read(0, 1))).toEqual([151]);
      expect(await log.prune(1_299, 10_000)).toBe(149);
      expect(ids(await log.read(0, 10))).toEqual(['evt-300']);
    });

    it('keeps lastSeq and never reuses a seq after pruning the newest entries', async () => {
      const { log } = storage();
      await log.append(eventEntries(3));
      expect(await log.prune(Infinity, Infinity)).toBe(3);
      expect(await log.read(0, 10)).toEqual([]);
      expect(await log.lastSeq()).toBe(3);
      const result = await log.append([eventEntry('after-prune')]);
      expect(seqs(result.appended)).toEqual([4]);
      expect(await log.lastSeq()).toBe(4);
    });

    it('forgets pruned ids: deduplication covers the entries still in the log', async () => {
      const { log } = storage();
      await log.append([eventEntry('old', 10), eventEntry('kept', 20)]);
      await log.prune(15, 2);
      const result = await log.append([eventEntry('old', 30), eventEntry('kept', 30)]);
      expect(ids(result.appended)).toEqual(['old']);
      expect(result.duplicateIds).toEqual(['kept']);
      expect(seqs(result.appended)).toEqual([3]);
    });

    it('finds the events about an agent or its calls, in a time range, in seq order', async () => {
      const { log } = storage();
      const ev = (id: string, ts: number, fields: Record<string, unknown>): NewLogEntry =>
        ({ id, receivedAt: ts, payload: { kind: 'event', event: { id, ts, ...fields } as FloorEvent } });
      await log.append([
        ev('l1', 100, { type: 'agent.login', agentId: 'A', stationId: 'S' }),
        ev('r1', 110, { type: 'call.ringing', agentId: 'A', callId: 'c1' }),
        ev('o2', 111, { type: 'call.offered', callId: 'c2', queue: 'q', direction: 'inbound' }),
        ev('e1', 120, { type: 'call.ended', callId: 'c1', releasedBy: 'customer' }),
        ev('l9', 130, { type: 'agent.login', agentId: 'B', stationId: 'S' }),
        ev('late', 500, { type: 'agent.logout', agentId: 'A', stationId: 'S' }),
        commandEntry('cmd', 140),
      ]);
      expect(ids(await log.eventsAbout({ agentId: 'A', from: 0, to: 400 }))).toEqual(['l1', 'r1']);
      expect(ids(await log.eventsAbout({ agentId: 'A', callIds: ['c1', 'c1'], from: 0, to: 400 }))).toEqual(['l1', 'r1', 'e1']);
      expect(ids(await log.eventsAbout({ callIds: ['c2'], from: 111, to: 112 }))).toEqual(['o2']);
      expect(await log.eventsAbout({ agentId: 'nobody', from: 0, to: 1000 })).toEqual([]);
    });
  });
}
