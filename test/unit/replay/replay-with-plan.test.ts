/**
 * `replayEvents` with a plan (`floorwatch replay --schedule`): the plan goes into the
 * engine early enough for every check to fire at its own moment, as on a live server that
 * had the plan the evening before; the rules that need a plan stay silent without one;
 * and a roster longer than the recording judges only the recorded day.
 */
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { floorEventSchema, type FloorEvent, type FloorEventInput } from '../../../shared/events.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { leadShiftId, shiftId, type LeadShift, type Shift } from '../../../shared/schedule.js';
import { createEngineState, step } from '../../../server/engine/engine.js';
import { Sequencer } from '../../../server/floor/sequencer.js';
import { planAppliedAt, type ReplayPlan } from '../../../server/replay/replay-plan.js';
import { replayEvents } from '../../../server/replay/replay.js';
import { simulateFloor, simulatePlan } from '../../../server/simulate/simulate.js';

const at = (local: string): number => Date.parse(`2026-11-27T${local}:00+08:00`);
const iso = (local: string): string => new Date(at(local)).toISOString();
const MIN = 60_000;
const rules = defaultRulesConfig();

let n = 0;
function ev(local: string, type: FloorEventInput['type'], fields: Record<string, unknown>): FloorEvent {
  return floorEventSchema.parse({ id: `t-${++n}`, ts: at(local), type, ...fields });
}

function shift(agentId: string, from: string, to: string, extra: Partial<Shift> = {}): Shift {
  const s = { agentId, start: at(from), end: at(to), stationId: `S-${agentId}`, teamId: 'C', breaks: [], ...extra };
  return { ...s, id: shiftId(s) };
}

function lead(leadId: string, from: string, to: string): LeadShift {
  const l = { leadId, start: at(from), end: at(to), teamIds: ['C'] };
  return { ...l, id: leadShiftId(l) };
}

const rulesOf = (alerts: Array<{ rule: string; agentId?: string }>): string[] => alerts.map((a) => `${a.rule} ${a.agentId ?? '-'}`).sort();

describe('replayEvents with a plan', () => {
  // A lead due at 09:15 (in by 08:55, meeting by 09:05); Sun Li 09:00-17:00, never comes;
  // Zhao Lei 09:00-09:20 at S-2, relieved by Qian Yu (09:20) who is five minutes late.
  const plan: ReplayPlan = {
    shifts: [shift('1014', '09:00', '17:00'), shift('1015', '09:00', '09:20', { stationId: 'S-2' }), shift('1016', '09:20', '17:00', { stationId: 'S-2' })],
    leads: [lead('9001', '09:15', '17:00')],
  };
  const events = [
    ev('09:00', 'agent.login', { agentId: '1015', stationId: 'S-2', teamId: 'C' }),
    ev('09:02', 'agent.login', { agentId: '9001', stationId: 'S-L', teamId: 'C', role: 'lead' }),
    ev('09:03', 'meeting.started', { teamId: 'C', kind: 'pre_shift' }),
    ev('09:20', 'agent.logout', { agentId: '1015', stationId: 'S-2' }),
    ev('09:25', 'agent.login', { agentId: '1016', stationId: 'S-2', teamId: 'C' }),
    ev('09:30', 'agent.state', { agentId: '1016', state: 'available' }),
  ];

  it('applies the plan at the lead\'s first check when that comes before the first event', () => {
    expect(planAppliedAt(plan, at('09:00'), rules)).toBe(at('08:55'));
    // A later duty does not pull the moment back: the first event comes first.
    expect(planAppliedAt({ shifts: [], leads: [lead('9001', '10:00', '17:00')] }, at('09:00'), rules)).toBe(at('09:00'));
    // A longer arrival time in the rules moves it with them.
    const early = defaultRulesConfig();
    early.rules['lead-early'].arriveMinutes = 45;
    expect(planAppliedAt(plan, at('09:00'), early)).toBe(at('08:30'));
  });

  it('raises each plan rule once, at its own moment, for the right person', () => {
    const report = replayEvents(events, rules, plan);
    expect(report.schedule).toEqual({ shifts: 3, leads: 1, appliedAt: iso('08:55') });
    expect(report.alerts.map((a) => [a.rule, a.agentId, a.openedAt, a.status])).toEqual([
      ['lead-early', '9001', iso('08:55'), 'resolved'], // in at 09:02; the meeting at 09:03 was in time
      ['absence', '1014', iso('09:15'), 'open'],
      ['no-leaving-post', '1015', iso('09:20'), 'resolved'], // cleared when the relief logged in
    ]);
    // The report's span is still the events'.
    expect(report.from).toBe(iso('09:00'));
  });

  it('raises none of them without the plan', () => {
    const report = replayEvents(events, rules);
    expect(report.alerts).toEqual([]);
    expect(report.schedule).toBeUndefined();
  });

  it('holds a meal to the plan\'s meal window (away-without-reason, art. 105.12)', () => {
    const withMeal: ReplayPlan = {
      shifts: [shift('1020', '09:00', '17:00', { breaks: [{ kind: 'meal', start: at('12:00'), end: at('12:45') }] })],
      leads: [],
    };
    const meal = [
      ev('09:00', 'agent.login', { agentId: '1020', stationId: 'S-1020', teamId: 'C' }),
      ev('10:00', 'agent.state', { agentId: '1020', state: 'not_ready', reason: 'meal' }),
      ev('10:05', 'agent.state', { agentId: '1020', state: 'available' }),
    ];
    // Five minutes of meal is within the generic length: nothing without the plan.
    expect(replayEvents(meal, rules).alerts).toEqual([]);
    expect(replayEvents(meal, rules, withMeal).alerts.map((a) => [a.rule, a.agentId, a.openedAt])).toEqual([
      ['away-without-reason', '1020', iso('10:00')],
    ]);
  });

  it('judges only the recorded day of a longer roster: earlier days have no logins to judge by', () => {
    const yesterday = (s: Shift): Shift => {
      const moved = { ...s, start: s.start - 24 * 60 * MIN, end: s.end - 24 * 60 * MIN };
      return { ...moved, id: shiftId({ agentId: moved.agentId, start: moved.start }) };
    };
    const roster: ReplayPlan = { shifts: [...plan.shifts.map(yesterday), ...plan.shifts], leads: plan.leads };
    expect(planAppliedAt(roster, at('09:00'), rules)).toBe(at('08:55'));
    const report = replayEvents(events, rules, roster);
    expect(rulesOf(report.alerts)).toEqual(['absence 1014', 'lead-early 9001', 'no-leaving-post 1015']);
  });
});

describe('replay with a plan agrees with a live engine that had the plan since the evening before', () => {
  it('on a simulated morning with its plan and its breaches', () => {
    const start = at('08:00');
    const options = { seed: 11, agents: 24, start, durationMs: 3 * 60 * MIN };
    const plan = simulatePlan(options);
    const events = [...simulateFloor(options)].map((e) => floorEventSchema.parse(e));
    const replayed = replayEvents(events, rules, plan);

    // Live: the plan imported at 18:00 the day before, then the floor as the reorder buffer releases it.
    const evening = start - 14 * 60 * MIN;
    const state = createEngineState(rules, evening);
    const live = new Map<string, Alert>();
    const collect = (out: ReturnType<typeof step>): void => {
      for (const fx of out.effects) if (fx.type === 'alert') live.set(fx.alert.id, fx.alert);
    };
    collect(step(state, { kind: 'schedule', change: { op: 'upsert', shifts: plan.shifts, leads: plan.leads } }, evening));
    const sequencer = new Sequencer();
    events.forEach((e, index) => sequencer.add(e, e.ts, 0, index));
    const last = Math.max(...events.map((e) => e.ts));
    for (let p = sequencer.takeDue(last); p; p = sequencer.takeDue(last)) collect(step(state, { kind: 'event', event: p.event }, p.at));
    collect(step(state, { kind: 'tick' }, last));

    const summary = (a: { rule: string; agentId?: string; callId?: string; status: string; openedAt: number | string }): string =>
      `${new Date(a.openedAt).toISOString()} ${a.rule} ${a.agentId ?? '-'} ${a.callId ?? '-'} ${a.status}`;
    expect(replayed.alerts.map(summary).sort()).toEqual([...live.values()].map(summary).sort());
    // The morning breaks the plan's rules too, so the comparison covers them.
    const planRules = new Set(replayed.alerts.map((a) => a.rule).filter((r) => r === 'absence' || r === 'lead-early' || r === 'no-leaving-post'));
    expect(planRules.size).toBeGreaterThanOrEqual(2);
  });
});
