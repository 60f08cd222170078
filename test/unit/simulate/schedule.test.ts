/**
 * The simulated floor's schedule: a plan that reads back through the schedule parser,
 * events that keep to it on a clean floor, each planned slip of the plan's rules present
 * in the stream, and the real engine, given the plan, alerting on exactly those.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/alerts.js';
import { floorEventSchema } from '../../../shared/events.js';
import { RULE_IDS, type RuleId } from '../../../shared/rules.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { createEngineState, step } from '../../../server/engine/engine.js';
import { Sequencer } from '../../../server/floor/sequencer.js';
import { parseScheduleFile } from '../../../server/schedule/parse-file.js';
import { writeSchedule } from '../../../server/schedule/write-file.js';
import type { SimulatedBreach } from '../../../server/simulate/breaches.js';
import type { SimEvent } from '../../../server/simulate/sim-event.js';
import { simulateFloor, simulatePlan, type SimulatedPlan, type SimulateOptions } from '../../../server/simulate/simulate.js';
import { detectBreaches } from './detect.js';
import { detectPlanBreaches } from './detect-plan.js';

const START = Date.parse('2026-11-30T08:00:00+08:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const rules = defaultRulesConfig();
const DAY: SimulateOptions = { seed: 42, agents: 60, start: START, durationMs: 8 * HOUR };
const CHANGE = Date.parse('2026-11-30T12:00:00+08:00');

function simulate(options: SimulateOptions): { events: SimEvent[]; planned: SimulatedBreach[]; plan: SimulatedPlan } {
  const planned: SimulatedBreach[] = [];
  const events = [...simulateFloor({ ...options, onBreach: (b) => planned.push(b) })];
  return { events, planned, plan: simulatePlan(options) };
}

/**
 * The engine as a server with the plan sees it: the plan in force from the start, then
 * the events in the order the live reorder buffer releases them (as `floorwatch replay`).
 */
function engineAlerts(events: SimEvent[], plan: SimulatedPlan): Alert[] {
  const state = createEngineState(rules, START);
  const alerts = new Map<string, Alert>();
  const collect = (out: ReturnType<typeof step>): void => {
    for (const fx of out.effects) if (fx.type === 'alert') alerts.set(fx.alert.id, fx.alert);
  };
  collect(step(state, { kind: 'schedule', change: { op: 'upsert', shifts: plan.shifts, leads: plan.leads } }, START));
  const sequencer = new Sequencer();
  events.forEach((e, index) => sequencer.add(floorEventSchema.parse(e), e.ts, 0, index));
  const last = events[events.length - 1].ts;
  for (let p = sequencer.takeDue(last); p; p = sequencer.takeDue(last)) collect(step(state, { kind: 'event', event: p.event }, p.at));
  collect(step(state, { kind: 'tick' }, last));
  return [...alerts.values()];
}

describe('the simulated plan of an 8-hour day', () => {
  const plan = simulatePlan(DAY);

  it('has two crews on the same seats, relieved at noon, with breaks, meals and a lead per team each', () => {
    const first = plan.shifts.filter((s) => s.end === CHANGE);
    const second = plan.shifts.filter((s) => s.start === CHANGE);
    expect(first).toHaveLength(55);
    expect(second).toHaveLength(55);
    expect(new Set(second.map((s) => s.stationId))).toEqual(new Set(first.map((s) => s.stationId)));
    for (const s of plan.shifts) {
      expect(s.breaks.map((b) => b.kind)).toEqual(['break', 'meal', 'break']);
      expect(s.breaks.every((b) => b.start >= s.start && b.end <= s.end)).toBe(true);
    }
    expect(plan.leads).toHaveLength(10);
    expect(plan.leads.filter((l) => l.start === CHANGE).map((l) => l.teamIds[0]).sort())
      .toEqual(['team-01', 'team-02', 'team-03', 'team-04', 'team-05']);
    expect(plan.leads.every((l) => l.account === `lead.${l.leadId}`)).toBe(true);
  });

  it('staggers breaks so a team never leaves the phones all at once', () => {
    const team = plan.shifts.filter((s) => s.teamId === 'team-02' && s.end === CHANGE);
    expect(new Set(team.map((s) => s.breaks[1].start)).size).toBe(4);
  });

  it('writes out as CSV and YAML that the schedule import reads back into the same plan', () => {
    for (const format of ['csv', 'yaml'] as const) {
      const parsed = parseScheduleFile(writeSchedule(plan, format, rules.timezone), format, rules.timezone);
      if (!parsed.ok) throw new Error(`${format}: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
      expect(parsed.value.shifts).toEqual(plan.shifts);
      expect(parsed.value.leads).toEqual(plan.leads);
    }
  });

  it('is the same for the same seed, and another for another seed', () => {
    expect(simulatePlan({ ...DAY })).toEqual(plan);
    expect(simulatePlan({ ...DAY, seed: 43 }).shifts.map((s) => s.name)).not.toEqual(plan.shifts.map((s) => s.name));
  });

  it('changes shifts when told, not at all for a short stretch or when asked, and refuses an impossible time', () => {
    const at = Date.parse('2026-11-30T10:30:00+08:00');
    expect(new Set(simulatePlan({ ...DAY, shiftChangeAt: at }).leads.map((l) => l.start)).has(at)).toBe(true);
    expect(simulatePlan({ ...DAY, shiftChangeAt: null }).leads).toHaveLength(5);
    expect(simulatePlan({ ...DAY, durationMs: HOUR }).leads).toHaveLength(5);
    expect(() => simulatePlan({ ...DAY, shiftChangeAt: START + 5 * MIN })).toThrow(/shiftChangeAt/);
  });
});

describe('a clean floor keeps to its plan', () => {
  let run: ReturnType<typeof simulate>;
  beforeAll(() => {
    run = simulate({ ...DAY, breachRate: 0 });
  });

  it('logs everyone in before their shift at the planned seat, and the incoming leads 20 minutes early', () => {
    const logins = new Map<string, { ts: number; stationId: string }>();
    for (const e of run.events) if (e.type === 'agent.login' && !logins.has(e.agentId)) logins.set(e.agentId, { ts: e.ts, stationId: e.stationId });
    for (const s of run.plan.shifts) {
      expect({ agent: s.agentId, early: logins.get(s.agentId)!.ts <= s.start, seat: logins.get(s.agentId)!.stationId })
        .toEqual({ agent: s.agentId, early: true, seat: s.stationId });
    }
    for (const l of run.plan.leads.filter((x) => x.start === CHANGE)) expect(logins.get(l.leadId)!.ts).toBeLessThanOrEqual(CHANGE - 20 * MIN);
  });

  it('takes breaks and meals inside their windows, and nothing else off the plan', () => {
    const byAgent = new Map(run.plan.shifts.map((s) => [s.agentId, s]));
    const open = new Map<string, { ts: number; reason?: string }>();
    const taken: string[] = [];
    for (const e of run.events) {
      if (e.type !== 'agent.state' && e.type !== 'agent.logout') continue;
      const was = open.get(e.agentId);
      open.delete(e.agentId);
      if (was && (was.reason === 'break' || was.reason === 'meal')) {
        const window = byAgent.get(e.agentId)!.breaks.find((b) => b.kind === was.reason && b.start <= was.ts && e.ts <= b.end);
        taken.push(`${e.agentId} ${was.reason} ${window ? 'inside' : 'outside'}`);
      }
      if (e.type === 'agent.state' && e.state === 'not_ready') open.set(e.agentId, { ts: e.ts, reason: e.reason });
    }
    expect(taken.filter((t) => t.endsWith('outside'))).toEqual([]);
    // Nearly every planned window is taken (a call may run through a short one).
    expect(taken.length).toBeGreaterThan(0.9 * run.plan.shifts.length * 3);
  });

  it('relieves every seat before the outgoing agent leaves, and shows no breach of the plan', () => {
    expect(detectPlanBreaches(run.events, rules.rules, { ...run.plan, knownAt: START })).toEqual({});
    expect(run.planned).toEqual([]);
  });

  it('raises no alert in the engine that knows the plan', () => {
    expect(engineAlerts(run.events, run.plan).map((a) => `${a.rule}: ${a.title}`).slice(0, 5)).toEqual([]);
  });
});

for (const seed of [42, 7]) {
  describe(`the planned slips of the plan's rules (seed ${seed})`, () => {
    let run: ReturnType<typeof simulate>;
    beforeAll(() => {
      run = simulate({ ...DAY, seed });
    });

    it('plans each kind of slip: an absence, a late lead and a late meeting, leaving before the relief, an unarranged meal, a break overrun', () => {
      const kinds = new Set(run.planned.map((b) => `${b.rule}:${b.detail}`));
      for (const kind of [
        'absence:absent', 'lead-early:lead-late', 'lead-early:meeting-late', 'no-leaving-post:left-before-relief',
        'away-without-reason:meal-not-arranged', 'away-without-reason:break-overrun',
      ]) expect(kinds).toContain(kind);
    });

    it('shows each of them in the stream, as often as planned', () => {
      const found = detectPlanBreaches(run.events, rules.rules, { ...run.plan, knownAt: START });
      const count = (rule: RuleId, detail?: string) => run.planned.filter((b) => b.rule === rule && (detail === undefined || b.detail === detail)).length;
      expect(found).toEqual({
        absence: count('absence'), 'lead-early': count('lead-early'), 'no-leaving-post': count('no-leaving-post'),
        'away-without-reason': count('away-without-reason', 'meal-not-arranged'),
      });
      // An overrun is past the reason's length limit too: visible without the plan.
      expect(detectBreaches(run.events, rules.rules)['away-without-reason']).toBeGreaterThanOrEqual(count('away-without-reason', 'break-overrun'));
    });

    it('makes the engine that knows the plan alert on exactly the agents and calls it broke each rule on', () => {
      const alerts = engineAlerts(run.events, run.plan);
      const key = (x: { callId?: string; agentId?: string }): string => x.callId ?? x.agentId ?? '?';
      for (const rule of RULE_IDS) {
        const byEngine = [...new Set(alerts.filter((a) => a.rule === rule).map(key))].sort();
        const byPlan = [...new Set(run.planned.filter((b) => b.rule === rule).map(key))].sort();
        expect({ rule, keys: byEngine }).toEqual({ rule, keys: byPlan });
      }
    });
  });
}
