/**
 * The wallboard's reducers: a snapshot, then deltas in order; gaps detected, re-delivered
 * deltas ignored, resolved alerts dropped, and customer data never kept.
 */
import { describe, expect, it } from 'vitest';
import type { ScreenDelta } from '../../../shared/wallboard.js';
import { advanceIntervals, applyDelta, applyDeltas, fromSnapshot, INTERVAL_MS, type FloorData } from '../../../client/src/store/apply.js';
import { formatElapsed } from '../../../client/src/time/format.js';
import { agent, alert, delta, floorFigures, queue, snapshot, T0 } from './floor-fixtures.js';

function applyAll(data: FloorData, ...deltas: ScreenDelta[]): FloorData {
  return deltas.reduce((d, x) => {
    const { data: next, outcome } = applyDelta(d, x);
    expect(outcome).toBe('applied');
    return next!;
  }, data);
}

describe('the wallboard floor reducers', () => {
  it('builds the floor from a snapshot, by id', () => {
    const data = fromSnapshot(snapshot({ alerts: [alert('a1')] }));
    expect(data.seq).toBe(5);
    expect(Object.keys(data.agents)).toEqual(['1001', '1002']);
    expect(data.queues.general.waiting).toBe(0);
    expect(Object.keys(data.alerts)).toEqual(['a1']);
  });

  it('applies deltas in order: agents and queues replaced by id, floor figures set, seq tracked', () => {
    const start = fromSnapshot(snapshot());
    const data = applyAll(
      start,
      delta(6, { agents: [agent('1001', { state: 'ringing', since: T0 + 6000 })], queues: [queue('general', { waiting: 1, offered: 1 })] }),
      delta(7, { agents: [agent('1003')], floor: floorFigures({ offered: 1, waiting: 1 }) }),
    );
    expect(data.seq).toBe(7);
    expect(data.at).toBe(T0 + 7000);
    expect(data.agents['1001'].state).toBe('ringing');
    expect(Object.keys(data.agents).sort()).toEqual(['1001', '1002', '1003']);
    expect(data.queues.general).toMatchObject({ waiting: 1, offered: 1 });
    expect(data.floor).toMatchObject({ offered: 1, waiting: 1 });
    // Unchanged agents keep their identity, so their memoised tiles do not re-render.
    expect(data.agents['1002']).toBe(start.agents['1002']);
    // A delta without floor figures leaves them as they were.
    expect(applyAll(data, delta(8)).floor).toBe(data.floor);
  });

  it("merges an agent's change into the agent it holds: the status fields left out of a new state are gone, unset fields too", () => {
    const adherence = { scheduled: 'working' as const, inAdherence: true, since: T0, percent: 100 };
    const start = fromSnapshot(snapshot({ agents: [agent('1001', { state: 'talking', callId: 'c1', callSince: T0, teamId: 't1', name: 'Li Na', adherence })] }));
    const data = applyAll(start, delta(6, { agents: [{ agentId: '1001', teamId: 't1', state: 'after_call_work', since: T0 + 9000, callId: 'c1', unset: ['adherence'] }] }));
    expect(data.agents['1001']).toEqual({ ...start.agents['1001'], state: 'after_call_work', since: T0 + 9000, callSince: undefined, adherence: undefined });
    expect(data.agents['1001']).not.toHaveProperty('callSince');
    expect(data.agents['1001']).not.toHaveProperty('adherence');
    expect(data.agents['1001']).toMatchObject({ name: 'Li Na', callId: 'c1', teamId: 't1' });
    // A change without a state leaves the status fields alone.
    const counted = applyAll(data, delta(7, { agents: [{ agentId: '1001', teamId: 't1', openAlerts: 2 }] }));
    expect(counted.agents['1001']).toEqual({ ...data.agents['1001'], openAlerts: 2 });
    expect(data.agentIds).toBe(start.agentIds);
  });

  it("keeps today's floor compliance live from deltas", () => {
    const data = fromSnapshot(snapshot({ compliance: { greeting: { passed: 2, failed: 1 } } }));
    expect(data.compliance).toEqual({ greeting: { passed: 2, failed: 1 } });
    const after = applyAll(data, delta(6, { compliance: { greeting: { passed: 3, failed: 1 } } }));
    expect(after.compliance).toEqual({ greeting: { passed: 3, failed: 1 } });
    // A delta without compliance leaves it as it was (the same object: no re-render).
    expect(applyAll(after, delta(7)).compliance).toBe(after.compliance);
  });

  it('reports a gap when a delta is skipped, and leaves the floor untouched', () => {
    const data = fromSnapshot(snapshot());
    const { data: after, outcome } = applyDelta(data, delta(7, { agents: [agent('1001', { state: 'talking' })] }));
    expect(outcome).toBe('gap');
    expect(after).toBe(data);
  });

  it('applies a catch-up (the deltas after `after`, as one) from any seq inside it, and no other', () => {
    const data = fromSnapshot(snapshot()); // seq 5
    const catchUp = delta(9, { after: 3, agents: [{ agentId: '1001', state: 'talking', since: T0 + 9000, callId: 'c9' }] });
    const { data: after, outcome } = applyDelta(data, catchUp);
    expect(outcome).toBe('applied');
    expect(after!.seq).toBe(9);
    expect(after!.agents['1001']).toMatchObject({ state: 'talking', callId: 'c9' });
    expect(applyDelta(data, { ...catchUp, after: 5 }).outcome).toBe('applied');
    // Sent after seq 6: this screen (at 5) would miss delta 6.
    expect(applyDelta(data, { ...catchUp, after: 6 }).outcome).toBe('gap');
    expect(applyDelta(after, catchUp).outcome).toBe('duplicate');
  });

  it('reports a gap for a delta before any snapshot', () => {
    expect(applyDelta(null, delta(1)).outcome).toBe('gap');
  });

  it('ignores a delta it already has (re-delivery or older than the snapshot): applying twice changes nothing', () => {
    const once = applyAll(fromSnapshot(snapshot()), delta(6, { alerts: [alert('a1')] }));
    const twice = applyDelta(once, delta(6, { alerts: [alert('a1', { status: 'resolved' })] }));
    expect(twice.outcome).toBe('duplicate');
    expect(twice.data).toBe(once);
    expect(applyDelta(once, delta(3)).outcome).toBe('duplicate');
    // The same snapshot twice builds the same floor.
    expect(fromSnapshot(snapshot())).toEqual(fromSnapshot(snapshot()));
  });

  it('upserts alerts by id and drops resolved ones from the open list', () => {
    const data = applyAll(
      fromSnapshot(snapshot({ alerts: [alert('a1'), alert('a2', { rule: 'greeting', severity: 'info' })] })),
      delta(6, { alerts: [alert('a1', { status: 'acknowledged', acknowledgedBy: 'lead-7' })] }),
      delta(7, { alerts: [alert('a2', { status: 'resolved', resolvedBy: 'auto' }), alert('a3', { openedAt: T0 + 7000 })] }),
    );
    expect(Object.keys(data.alerts).sort()).toEqual(['a1', 'a3']);
    expect(data.alerts.a1).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'lead-7' });
  });

  it('counts the closed alerts deltas carry, an alert closed before the snapshot too (a false alarm marked on it later)', () => {
    const start = fromSnapshot(snapshot({ alerts: [alert('a1')] }));
    expect(start.closedAlertChanges).toBe(0);
    const data = applyAll(
      start,
      delta(6, { alerts: [alert('a1', { status: 'acknowledged' })] }),
      delta(7, { alerts: [alert('a1', { status: 'resolved' })] }),
      // Closed long before: not in the open list, changed again all the same.
      delta(8, { alerts: [alert('a0', { status: 'resolved', updatedAt: T0 + 8000 })] }),
    );
    expect(data.closedAlertChanges).toBe(2);
    expect(data.alerts).toEqual({});
  });

  it('keeps the last version when one delta carries the same alert twice', () => {
    const data = applyAll(
      fromSnapshot(snapshot()),
      delta(6, { alerts: [alert('a1'), alert('a1', { escalationLevel: 'supervisor' }), alert('a2'), alert('a2', { status: 'resolved' })] }),
    );
    expect(data.alerts.a1.escalationLevel).toBe('supervisor');
    expect(data.alerts.a2).toBeUndefined();
  });

  it('never keeps an alert\'s customer data', () => {
    const sensitive = { text: 'calling from 13812345678', callerNumber: '13812345678' };
    const data = applyAll(
      fromSnapshot(snapshot({ alerts: [alert('a1', { sensitive })] })),
      delta(6, { alerts: [alert('a2', { sensitive })] }),
    );
    expect(JSON.stringify(data)).not.toContain('13812345678');
    expect(data.alerts.a1.title).toBe(alert('a1').title);
  });

  it('applies a new-day delta but asks for a resync', () => {
    const { data, outcome } = applyDelta(fromSnapshot(snapshot()), delta(6, { newDay: '2026-11-29' }));
    expect(outcome).toBe('new-day');
    expect(data?.seq).toBe(6);
  });
});

describe('the floor view additions: ordered ids, batches, the live interval', () => {
  it('keeps agent ids by number, a new list only when an agent joins', () => {
    const start = fromSnapshot(snapshot({ agents: [agent('10'), agent('2'), agent('1')] }));
    expect(start.agentIds).toEqual(['1', '2', '10']);
    const changed = applyAll(start, delta(6, { agents: [agent('2', { state: 'talking' })] }));
    expect(changed.agentIds).toBe(start.agentIds);
    const joined = applyAll(changed, delta(7, { agents: [agent('3')] }));
    expect(joined.agentIds).toEqual(['1', '2', '3', '10']);
  });

  it('applies a batch of deltas as one change, stopping at a gap', () => {
    const start = fromSnapshot(snapshot());
    const { data, outcome } = applyDeltas(start, [
      delta(6, { agents: [agent('1001', { state: 'ringing' })] }),
      delta(6),
      delta(7, { agents: [agent('1001', { state: 'talking' })] }),
    ]);
    expect(outcome).toBe('applied');
    expect(data?.seq).toBe(7);
    expect(data?.agents['1001'].state).toBe('talking');
    expect(data?.agents['1002']).toBe(start.agents['1002']);
    const gap = applyDeltas(start, [delta(6), delta(8)]);
    expect(gap.outcome).toBe('gap');
    expect(gap.data?.seq).toBe(6);
    expect(applyDeltas(start, [delta(5)]).data).toBe(start);
  });

  it('moves the live interval from the day totals and opens the next one when time passes it', () => {
    const start = Math.floor(T0 / INTERVAL_MS) * INTERVAL_MS;
    const closed = { start: start - INTERVAL_MS, offered: 10, answered: 8, answeredInThreshold: 6, abandoned: 2, maxWaiting: 3 };
    const live = { start, offered: 1, answered: 1, answeredInThreshold: 1, abandoned: 0, maxWaiting: 1 };
    const day = floorFigures({ offered: 14, answered: 11, answeredInThreshold: 8, abandoned: 2, waiting: 2 });
    const moved = advanceIntervals([closed, live], day, T0 + 60_000);
    expect(moved).toEqual([closed, { start, offered: 4, answered: 3, answeredInThreshold: 2, abandoned: 0, maxWaiting: 2 }]);
    const next = advanceIntervals(moved, floorFigures({ offered: 15, answered: 11, answeredInThreshold: 8, abandoned: 2, waiting: 1 }), start + INTERVAL_MS + 1);
    expect(next).toHaveLength(3);
    expect(next[2]).toEqual({ start: start + INTERVAL_MS, offered: 1, answered: 0, answeredInThreshold: 0, abandoned: 0, maxWaiting: 1 });
    // Applied by deltas that carry floor figures.
    const data = applyAll(fromSnapshot(snapshot({ intervals: [closed, live] })), delta(6, { floor: day }));
    expect(data.intervals[1].offered).toBe(4);
  });
});

describe('formatElapsed', () => {
  it('writes m:ss, h:mm:ss past an hour, days past a day, and never a negative time', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_400)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
    expect(formatElapsed(2 * 86_400_000 + 5)).toBe('2 d');
    expect(formatElapsed(-800)).toBe('0:00');
  });
});
