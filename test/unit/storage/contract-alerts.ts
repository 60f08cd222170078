/** The AlertStore part of the storage contract (see contract.ts). */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { DEFAULT_ALERT_LIST_LIMIT, MAX_ALERT_LIST_LIMIT } from '../../../server/storage/limits.js';
import type { Storage } from '../../../server/storage/types.js';
import { ids, makeAlert, resolvedAlert } from './fixtures.js';

/** `count` open alerts a-1, a-2 ... opened one ms apart. */
const manyAlerts = (count: number): Alert[] =>
  Array.from({ length: count }, (_, index) => makeAlert(`a-${index + 1}`, { openedAt: 1_000 + index }));

export function describeAlertContract(storage: () => Storage): void {
  describe('alerts', () => {
    it('returns null for an unknown id', async () => {
      expect(await storage().alerts.get('nope')).toBeNull();
    });

    it('stores the full record, history and sensitive fields included', async () => {
      const { alerts } = storage();
      const alert = makeAlert('greeting-1', {
        rule: 'greeting',
        kind: 'incident',
        status: 'acknowledged',
        acknowledgedAt: 1_500,
        acknowledgedBy: 'lead-1',
        acknowledgeNote: 'coaching booked',
        teamId: 'team-a',
        callId: 'call-9',
        queue: 'billing',
        escalatesAt: 9_000,
        occurrences: 2,
        history: [
          { at: 1_000, action: 'opened' },
          { at: 1_200, action: 'recurred' },
          { at: 1_500, action: 'acknowledged', by: 'lead-1', note: 'coaching booked', level: 'lead' },
        ],
        sensitive: { text: 'hello?', callerNumber: '+61 400 000 000' },
      });
      await alerts.upsert([alert]);
      expect(await alerts.get('greeting-1')).toEqual(alert);
    });

    it('replaces an alert upserted again with the same id, for get and for list filters', async () => {
      const { alerts } = storage();
      await alerts.upsert([makeAlert('a-1')]);
      await alerts.upsert([resolvedAlert('a-1', 2_000)]);
      expect(await alerts.get('a-1')).toEqual(resolvedAlert('a-1', 2_000));
      expect(await alerts.list({ status: ['open'] })).toEqual([]);
      expect(ids(await alerts.list({ status: ['resolved'] }))).toEqual(['a-1']);
    });

    it('keeps the last of an id repeated within one upsert', async () => {
      const { alerts } = storage();
      await alerts.upsert([makeAlert('a-1', { title: 'first' }), makeAlert('a-1', { title: 'second' })]);
      expect((await alerts.get('a-1'))?.title).toBe('second');
      expect(await alerts.list({})).toHaveLength(1);
    });

    it('accepts an empty upsert', async () => {
      const { alerts } = storage();
      await alerts.upsert([]);
      expect(await alerts.list({})).toEqual([]);
    });

    it('lists newest openedAt first, ties broken by id', async () => {
      const { alerts } = storage();
      await alerts.upsert([
        makeAlert('old', { openedAt: 1_000 }),
        makeAlert('tie-b', { openedAt: 3_000 }),
        makeAlert('new', { openedAt: 5_000 }),
        makeAlert('tie-a', { openedAt: 3_000 }),
      ]);
      expect(ids(await alerts.list({}))).toEqual(['new', 'tie-a', 'tie-b', 'old']);
    });

    it('filters by any of several statuses; an empty status list matches nothing', async () => {
      const { alerts } = storage();
      await alerts.upsert([
        makeAlert('open', { openedAt: 3 }),
        makeAlert('acked', { status: 'acknowledged', openedAt: 2 }),
        resolvedAlert('resolved', 5_000, { openedAt: 1 }),
      ]);
      expect(ids(await alerts.list({ status: ['open'] }))).toEqual(['open']);
      expect(ids(await alerts.list({ status: ['open', 'acknowledged'] }))).toEqual(['open', 'acked']);
      expect(await alerts.list({ status: [] })).toEqual([]);
    });

    it('filters by rule and by agent', async () => {
      const { alerts } = storage();
      await alerts.upsert([
        makeAlert('ring-7', { rule: 'answer-3-rings', agentId: 'agent-7', openedAt: 3 }),
        makeAlert('hold-7', { rule: 'hold-consent', agentId: 'agent-7', openedAt: 2 }),
        makeAlert('ring-8', { rule: 'answer-3-rings', agentId: 'agent-8', openedAt: 1 }),
        makeAlert('queue', { rule: 'answer-3-rings', agentId: undefined, subject: { kind: 'queue', id: 'billing' }, openedAt: 0 }),
      ]);
      expect(ids(await alerts.list({ rule: 'answer-3-rings' }))).toEqual(['ring-7', 'ring-8', 'queue']);
      expect(ids(await alerts.list({ agentId: 'agent-7' }))).toEqual(['ring-7', 'hold-7']);
      expect(ids(await alerts.list({ rule: 'answer-3-rings', agentId: 'agent-8' }))).toEqual(['ring-8']);
      expect(await alerts.list({ rule: 'greeting' })).toEqual([]);
    });

    it('filters openedAt by from (inclusive) and to (exclusive)', async () => {
      const { alerts } = storage();
      await alerts.upsert(manyAlerts(5)); // opened at 1000..1004
      expect(ids(await alerts.list({ from: 1_001, to: 1_003 }))).toEqual(['a-3', 'a-2']);
      expect(ids(await alerts.list({ from: 1_003 }))).toEqual(['a-5', 'a-4']);
      expect(ids(await alerts.list({ to: 1_001 }))).toEqual(['a-1']);
    });

    it('combines every filter with AND', async () => {
      const { alerts } = storage();
      await alerts.upsert([
        makeAlert('match', { openedAt: 2_000 }),
        makeAlert('too-early', { openedAt: 500 }),
        makeAlert('other-agent', { agentId: 'agent-8', openedAt: 2_000 }),
        resolvedAlert('resolved', 3_000, { openedAt: 2_000 }),
      ]);
      const query = { status: ['open' as const], rule: 'answer-3-rings', agentId: 'agent-7', from: 1_000, to: 5_000 };
      expect(ids(await alerts.list(query))).toEqual(['match']);
    });

    it('returns at most `limit`, the newest ones', async () => {
      const { alerts } = storage();
      await alerts.upsert(manyAlerts(5));
      expect(ids(await alerts.list({ limit: 2 }))).toEqual(['a-5', 'a-4']);
      expect(await alerts.list({ limit: 0 })).toEqual([]);
      await expect(alerts.list({ limit: -1 })).rejects.toThrow(RangeError);
    });

    it(`returns ${DEFAULT_ALERT_LIST_LIMIT} without a limit and never more than ${MAX_ALERT_LIST_LIMIT}`, async () => {
      const { alerts } = storage();
      await alerts.upsert(manyAlerts(MAX_ALERT_LIST_LIMIT + 1));
      const byDefault = await alerts.list({});
      expect(byDefault).toHaveLength(DEFAULT_ALERT_LIST_LIMIT);
      expect(byDefault[0].id).toBe(`a-${MAX_ALERT_LIST_LIMIT + 1}`);
      expect(await alerts.list({ limit: 50_000 })).toHaveLength(MAX_ALERT_LIST_LIMIT);
    });

    it('prunes only resolved alerts resolved before `before`', async () => {
      const { alerts } = storage();
      await alerts.upsert([
        resolvedAlert('resolved-early', 1_000),
        resolvedAlert('resolved-at-cutoff', 2_000),
        makeAlert('open-old', { openedAt: 1 }),
        makeAlert('acked-old', { status: 'acknowledged', openedAt: 1 }),
      ]);
      expect(await alerts.prune(2_000)).toBe(1);
      expect(await alerts.get('resolved-early')).toBeNull();
      expect(ids(await alerts.list({})).sort()).toEqual(['acked-old', 'open-old', 'resolved-at-cutoff']);
      expect(await alerts.prune(2_000)).toBe(0);
    });
  });
}
