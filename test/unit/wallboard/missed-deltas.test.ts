/**
 * What a slow screen missed, sent as one delta (server/wallboard/missed-deltas.ts,
 * merge-deltas.ts): applying it gives what applying each delta in turn gives, from any
 * point inside it; past a snapshot's worth, or across a new day or a break in the
 * numbering, the catch-up is a snapshot.
 */
import { describe, expect, it } from 'vitest';
import { applyAgentChange, mergeAgentChanges, type AgentChange } from '../../../shared/agent-changes.js';
import type { AgentView } from '../../../shared/figures.js';
import type { ScreenDelta } from '../../../shared/wallboard.js';
import { agentChange } from '../../../server/floor/agent-changes.js';
import { ALL_AGENT_FIELDS } from '../../../server/engine/context.js';
import { mergeScreenDeltas } from '../../../server/wallboard/merge-deltas.js';
import { MissedDeltas } from '../../../server/wallboard/missed-deltas.js';
import { alertSummary } from '../../../shared/alerts.js';
import { emptySnapshot, sampleAlert } from '../../integration/fake-floor.js';

const T0 = Date.parse('2026-11-28T09:00:00+08:00');
const delta = (seq: number, fields: Partial<ScreenDelta> = {}): ScreenDelta => ({ seq, at: T0 + seq, serverTime: T0 + seq, agents: [], queues: [], alerts: [], ...fields });

/** A small seeded generator, so a failure names a case that can be run again. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

function randomView(next: () => number, agentId: string): AgentView {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const state = pick(['available', 'ringing', 'talking', 'on_hold', 'after_call_work', 'not_ready'] as const);
  const onCall = state === 'ringing' || state === 'talking' || state === 'on_hold' || state === 'after_call_work';
  return {
    agentId, role: pick(['agent', 'lead'] as const), state, since: T0 + Math.floor(next() * 1e6),
    handledToday: Math.floor(next() * 30), talkMs: Math.floor(next() * 1e6), holdMs: 0, acwMs: 0, ahtSeconds: next() < 0.2 ? null : next() * 300,
    openAlerts: Math.floor(next() * 3), queues: next() < 0.5 ? ['general'] : ['general', 'vip'],
    ...(next() < 0.8 && { teamId: pick(['t1', 't2']) }),
    ...(next() < 0.7 && { name: pick(['Li Na', 'Wang Wei']), stationId: pick(['S-1', 'S-2']) }),
    ...(state === 'not_ready' && { reason: pick(['break', 'meal', 'none'] as const) }),
    ...(onCall && { callId: `c${Math.floor(next() * 9)}` }),
    ...((state === 'talking' || state === 'on_hold') && { callSince: T0 + 5 }),
    ...(state === 'on_hold' && { holdSince: T0 + 9 }),
    ...(next() < 0.3 && { adherence: { scheduled: 'working' as const, inAdherence: next() < 0.5, since: T0, percent: Math.floor(next() * 100) } }),
  };
}

describe('merged agent changes', () => {
  it('do what the changes do one after another (seeded random agents, states and field groups)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      let view = randomView(next, '1001');
      const start = view;
      let sequential = start;
      let merged: AgentChange | undefined;
      for (let i = 0; i < 1 + Math.floor(next() * 5); i++) {
        view = { ...randomView(next, '1001') };
        // Some groups only: the rest of the view stays as it was.
        const fields = Math.floor(next() * (ALL_AGENT_FIELDS + 1)) | 1;
        const change = agentChange(view, fields);
        view = applyAgentChange(sequential, change);
        sequential = view;
        merged = merged === undefined ? change : mergeAgentChanges(merged, change);
      }
      expect(applyAgentChange(start, merged!), `seed ${seed}`).toEqual(sequential);
    }
  });
});

describe('merged screen deltas', () => {
  it('keep each queue, alert and figure as the last delta had it, alerts in the order of their last change', () => {
    const floor = emptySnapshot(0, []).floor;
    const a1 = alertSummary(sampleAlert('a1'));
    const a2 = alertSummary(sampleAlert('a2'));
    const queue = (waiting: number) => ({ ...floor, queue: 'general', agents: { available: 1, onCall: 0, afterCallWork: 0, notReady: 0 }, waiting });
    const merged = mergeScreenDeltas([
      delta(4, { alerts: [a1, a2], queues: [queue(1)], floor: { ...floor, waiting: 1 }, compliance: { greeting: { passed: 1, failed: 0 } } }),
      delta(5, { alerts: [{ ...a1, status: 'acknowledged' }], queues: [queue(2)], adherence: [] }),
      delta(6, { floor: { ...floor, waiting: 2 } }),
    ])!;
    expect(merged.alerts.map((a) => `${a.id}:${a.status}`)).toEqual(['a2:open', 'a1:acknowledged']);
    expect(merged.queues).toEqual([queue(2)]);
    expect(merged.floor?.waiting).toBe(2);
    expect(merged.compliance).toEqual({ greeting: { passed: 1, failed: 0 } });
    expect(merged.adherence).toEqual([]);
    expect(merged.at).toBe(T0 + 6);
  });

  it('cannot span a new day', () => {
    expect(mergeScreenDeltas([delta(4), delta(5, { newDay: '2026-11-29' })])).toBeUndefined();
  });
});

describe("an audience's missed deltas", () => {
  const change = (agentId: string, state: AgentView['state']): AgentChange => ({ agentId, state, since: T0 });
  const big = (seq: number) => delta(seq, { agents: Array.from({ length: 50 }, (_, i) => change(String(i), 'talking')) });

  it('are sent as one delta following the seq each screen fell behind at', () => {
    const missed = new MissedDeltas(() => 1_000_000);
    missed.sent(delta(4, { agents: [change('1', 'ringing')] })); // nobody behind: not kept
    missed.fell(4);
    missed.sent(delta(5, { agents: [change('1', 'talking')] }));
    missed.fell(5); // a second screen, one delta later
    missed.sent(delta(6, { agents: [change('1', 'on_hold'), change('2', 'available')] }));
    const first = missed.catchUp([4], 6);
    expect(first).toEqual({ kind: 'delta', delta: expect.objectContaining({ seq: 6, after: 4, agents: [change('1', 'on_hold'), change('2', 'available')] }) });
    // The other screen is still behind: what it missed since it fell is kept, and more.
    missed.sent(delta(7, { agents: [change('3', 'not_ready')] }));
    const second = missed.catchUp([5], 7);
    expect(second.kind === 'delta' && second.delta.after).toBe(5);
    expect(second.kind === 'delta' && second.delta.agents).toEqual([change('1', 'on_hold'), change('2', 'available'), change('3', 'not_ready')]);
    // Nobody behind now: nothing kept until the next one falls.
    missed.sent(delta(8, { agents: [change('4', 'available')] }));
    missed.fell(8);
    expect(missed.catchUp([8], 8)).toEqual({ kind: 'nothing' });
  });

  it('catch up screens that drain together with one delta from the earliest of them', () => {
    const missed = new MissedDeltas(() => 1_000_000);
    missed.fell(4);
    missed.sent(delta(5, { agents: [change('1', 'talking')] }));
    missed.fell(5);
    missed.fell(5);
    missed.sent(delta(6, { agents: [change('2', 'talking')] }));
    const both = missed.catchUp([5, 4], 6);
    expect(both).toMatchObject({ kind: 'delta', delta: { after: 4, agents: [change('1', 'talking'), change('2', 'talking')] } });
    // The third screen, still behind since 5, gets only what came after 5.
    expect(missed.catchUp([5], 6)).toMatchObject({ kind: 'delta', delta: { after: 5, agents: [change('2', 'talking')] } });
  });

  it('keep screens that fall behind one after another on deltas, never growing past what the latest need', () => {
    // Under overload some screen is always behind; each catch-up still starts where its screen fell.
    const missed = new MissedDeltas(() => 4_000);
    missed.fell(0);
    for (let seq = 1; seq <= 40; seq++) {
      missed.sent(big(seq));
      missed.fell(seq);
      const caught = missed.catchUp([seq - 1], seq);
      expect(caught, `seq ${seq}`).toMatchObject({ kind: 'delta', delta: { after: seq - 1, seq } });
    }
  });

  it('give way to a snapshot for a screen behind further than what is kept, or across a new day or a break in the numbering', () => {
    const small = new MissedDeltas(() => 1_000);
    small.fell(1);
    small.sent(big(2)); // past the size: dropped
    small.fell(2);
    small.sent(delta(3, { agents: [change('1', 'available')] }));
    expect(small.catchUp([1], 3)).toEqual({ kind: 'snapshot' });
    expect(small.catchUp([2], 3)).toMatchObject({ kind: 'delta', delta: { after: 2 } });

    const day = new MissedDeltas(() => 1_000_000);
    day.fell(1);
    day.sent(delta(2, { newDay: '2026-11-29' }));
    day.fell(2);
    day.sent(delta(3, { agents: [change('1', 'available')] }));
    expect(day.catchUp([1], 3)).toEqual({ kind: 'snapshot' });
    expect(day.catchUp([2], 3)).toMatchObject({ kind: 'delta', delta: { after: 2 } });

    const gap = new MissedDeltas(() => 1_000_000);
    gap.fell(1);
    gap.sent(delta(2));
    gap.broken(3);
    expect(gap.catchUp([1], 3)).toEqual({ kind: 'snapshot' });
  });

  it('are forgotten when the last screen behind leaves', () => {
    const missed = new MissedDeltas(() => 1_000_000);
    missed.fell(1);
    missed.sent(big(2));
    missed.left(1);
    missed.fell(5);
    missed.sent(delta(6, { agents: [change('1', 'available')] }));
    expect(missed.catchUp([5], 6)).toMatchObject({ kind: 'delta', delta: { after: 5, agents: [change('1', 'available')] } });
  });
});
