import { beforeAll, describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../shared/events.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { simulateFloor } from '../../../server/simulate/simulate.js';
import type { SimEvent } from '../../../server/simulate/sim-event.js';
import { lifecycleProblems } from './detect.js';

const START = Date.parse('2026-11-30T09:00:00+08:00');
const HOUR = 3_600_000;

const take = (it: Iterable<SimEvent>, n: number): SimEvent[] => {
  const out: SimEvent[] = [];
  for (const e of it) {
    out.push(e);
    if (out.length >= n) break;
  }
  return out;
};

describe('simulateFloor: a 60-agent, 4-hour morning', () => {
  let events: SimEvent[];
  /** Agents the plan has on shift who, by design, never come (the absence rule's slips). */
  const absent: string[] = [];
  beforeAll(() => {
    events = [...simulateFloor({
      seed: 42, agents: 60, start: START, durationMs: 4 * HOUR,
      onBreach: (b) => void (b.rule === 'absence' && absent.push(b.agentId!)),
    })];
  });

  it('validates every event against the v1 contract', () => {
    const invalid = events.filter((e) => !floorEventSchema.safeParse(e).success);
    expect(invalid.slice(0, 3)).toEqual([]);
    expect(events.length).toBeGreaterThan(20_000);
  });

  it('emits ts as whole epoch ms, never going back, with unique sim ids and source simulator', () => {
    let last = -Infinity;
    for (const e of events) {
      expect(Number.isInteger(e.ts)).toBe(true);
      expect(e.ts).toBeGreaterThanOrEqual(last);
      last = e.ts;
    }
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.every((e) => /^sim-42-\d+$/.test(e.id) && e.source === 'simulator')).toBe(true);
  });

  it('keeps every call lifecycle consistent (rung before answered, one call per agent, wrap-up after the end)', () => {
    expect(lifecycleProblems(events)).toEqual([]);
  });

  it('staffs the floor: teams of ~12 with a lead each, own stations, everyone logged out at the end', () => {
    const logins = events.filter((e): e is Extract<SimEvent, { type: 'agent.login' }> => e.type === 'agent.login');
    // The first crew sits at its own stations; the relief crew takes over the same seats at mid-morning.
    const own = logins.filter((l) => l.stationId === `S-${l.agentId}`);
    const absentFirstCrew = absent.filter((id) => Number(id) <= 1060);
    expect(absentFirstCrew.length).toBeLessThan(6);
    expect(own).toHaveLength(60 - absentFirstCrew.length);
    expect(own.filter((l) => l.role === 'lead')).toHaveLength(5);
    expect(new Set(own.map((l) => l.teamId)).size).toBe(5);
    expect(own.map((l) => l.agentId).sort()).toContain('1001');
    // (A borrowed number at a spare training-room seat, S-T.., is a breach of its own.)
    const relief = logins.filter((l) => Number(l.agentId) > 1060 && !l.stationId.startsWith('S-T'));
    expect(relief).toHaveLength(60 - (absent.length - absentFirstCrew.length));
    expect(relief.every((l) => l.stationId === `S-${Number(l.agentId) - 60}`)).toBe(true);
    // A pre-shift meeting per team at the opening and again before the change.
    expect(events.filter((e) => e.type === 'meeting.started')).toHaveLength(10);
    const logouts = events.filter((e) => e.type === 'agent.logout');
    expect(logouts).toHaveLength(logins.length);
    expect(events[events.length - 1].type).toBe('agent.logout');
  });

  it('looks like a bank floor: greetings with the agent number, queues, holds, surveys, callbacks, breaks', () => {
    const types = new Map<string, number>();
    for (const e of events) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    for (const t of ['call.hold', 'call.unhold', 'call.transferred', 'callback.completed', 'wrapup.completed']) {
      expect(types.get(t), t).toBeGreaterThan(0);
    }
    const queues = new Set(events.flatMap((e) => (e.type === 'call.offered' ? [e.queue] : [])));
    expect([...queues].sort()).toEqual(['cards', 'general', 'loans', 'outbound', 'vip']);
    const greeting = events.find((e) => e.type === 'transcript.utterance' && e.speaker === 'agent');
    expect(greeting && 'text' in greeting ? greeting.text : '').toMatch(/^您好！\d{4}号很高兴为您服务！$/);
    const reasons = new Set(events.flatMap((e) => (e.type === 'agent.state' && e.reason ? [e.reason] : [])));
    // Two-hour shifts each side of the change: a planned break, no meal (meals come with longer shifts, schedule.test.ts).
    expect(reasons).toContain('break');
    const inbound = events.filter((e) => e.type === 'call.offered' && e.direction === 'inbound');
    expect(inbound.every((e) => e.type === 'call.offered' && (e.numberClass === 'unknown' || /^\d{11,12}$/.test(e.from ?? '')))).toBe(true);
    // Some callers give up in the queue at the peaks: ended, released by the customer, never answered.
    const answered = new Set(events.flatMap((e) => (e.type === 'call.answered' ? [e.callId] : [])));
    const abandoned = events.filter((e) => e.type === 'call.ended' && !answered.has(e.callId));
    expect(abandoned.length).toBeGreaterThan(0);
    expect(abandoned.length / inbound.length).toBeLessThan(0.1);
    expect(abandoned.every((e) => e.type === 'call.ended' && e.releasedBy === 'customer')).toBe(true);
  });

  it('follows the time-of-day curve: mid-morning busier than the first hour', () => {
    const offeredIn = (fromH: number, toH: number): number =>
      events.filter((e) => e.type === 'call.offered' && e.ts >= START + fromH * HOUR && e.ts < START + toH * HOUR).length;
    expect(offeredIn(1, 2)).toBeGreaterThan(offeredIn(0, 1));
  });
});

describe('simulateFloor: determinism', () => {
  const options = { seed: 7, agents: 24, start: START, durationMs: HOUR };

  it('gives identical events for the same seed and options, also when iterated twice', () => {
    const floor = simulateFloor(options);
    const a = JSON.stringify([...floor]);
    expect(JSON.stringify([...floor])).toBe(a);
    expect(JSON.stringify([...simulateFloor({ ...options })])).toBe(a);
  });

  it('gives a different floor for a different seed', () => {
    const a = take(simulateFloor(options), 300).map(({ id: _id, ...rest }) => rest);
    const b = take(simulateFloor({ ...options, seed: 8 }), 300).map(({ id: _id, ...rest }) => rest);
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
  });

  it('is lazy: the first events come without simulating the whole day', () => {
    const started = performance.now();
    const first = take(simulateFloor({ ...options, agents: 60, durationMs: 1000 * HOUR }), 100);
    expect(first).toHaveLength(100);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('takes an id prefix for feeds that must not repeat ids across restarts', () => {
    const [first] = take(simulateFloor({ ...options, idPrefix: 'sim-7-run2' }), 1);
    expect(first.id).toBe('sim-7-run2-0');
  });
});

describe('simulateFloor: options and scale', () => {
  it('uses the queues it is given', () => {
    const events = [...simulateFloor({ seed: 3, agents: 12, start: START, durationMs: HOUR, queues: ['retail', 'cards'] })];
    const queues = new Set(events.flatMap((e) => (e.type === 'call.offered' && e.direction === 'inbound' ? [e.queue] : [])));
    expect([...queues].sort()).toEqual(['cards', 'retail']);
  });

  it('follows a custom rules file: its greeting fragments are used', () => {
    const rules = defaultRulesConfig();
    rules.rules.greeting.inbound = ['您好', '工号{agent}', '请讲'];
    const events = [...simulateFloor({ seed: 3, agents: 12, start: START, durationMs: HOUR, breachRate: 0, rules })];
    const first = events.find((e) => e.type === 'transcript.utterance' && e.speaker === 'agent');
    expect(first && first.type === 'transcript.utterance' ? first.text : '').toMatch(/您好.*工号\d+.*请讲/);
  });

  it('handles an empty floor and rejects nonsense options', () => {
    expect([...simulateFloor({ seed: 1, agents: 0, start: START, durationMs: HOUR })]).toEqual([]);
    expect(() => simulateFloor({ seed: 1.5, agents: 1, start: START, durationMs: HOUR })[Symbol.iterator]()).toThrow(/seed/);
    expect(() => simulateFloor({ seed: 1, agents: -1, start: START, durationMs: HOUR })).toThrow(/agents/);
    expect(() => simulateFloor({ seed: 1, agents: 1, start: START, durationMs: HOUR, breachRate: 2 })[Symbol.iterator]()).toThrow(/breachRate/);
  });

  it('generates a 60-agent 8-hour day in a couple of seconds', () => {
    const started = performance.now();
    let n = 0;
    for (const _ of simulateFloor({ seed: 5, agents: 60, start: START, durationMs: 8 * HOUR })) n++;
    expect(n).toBeGreaterThan(50_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('runs 5,000 agents for an hour without holding the day in memory', { timeout: 120_000 }, () => {
    let n = 0;
    let calls = 0;
    let absences = 0;
    const agents = new Set<string>();
    const onBreach = (b: { rule: string }) => void (b.rule === 'absence' && absences++);
    for (const e of simulateFloor({ seed: 9, agents: 5000, start: START, durationMs: HOUR, onBreach })) {
      n++;
      if (e.type === 'call.offered') calls++;
      if (e.type === 'agent.login') agents.add(e.agentId);
    }
    // An hour is one crew; the few planned absentees never log in.
    expect(absences).toBeGreaterThan(0);
    expect(agents.size + absences).toBe(5000);
    expect(calls).toBeGreaterThan(40_000);
    expect(n).toBeGreaterThan(500_000);
  });
});
