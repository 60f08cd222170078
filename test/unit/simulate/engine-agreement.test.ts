/**
 * The simulated floor through the real engine (`floorwatch replay`'s path): a clean floor
 * raises no alert at all, and at the default rate every rule alerts, on exactly the calls
 * and agents the simulator meant to break. Guards the simulator and the rules against
 * drifting apart. Replay has the events only, not the plan: the breaches only a plan
 * shows (absence, a late lead, leaving before the relief, an unarranged meal) are left
 * out here and checked with the plan in schedule.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../shared/events.js';
import { RULE_IDS, type RuleId } from '../../../shared/rules.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { replayEvents, type ReplayReport } from '../../../server/replay/replay.js';
import type { SimulatedBreach } from '../../../server/simulate/breaches.js';
import { simulateFloor } from '../../../server/simulate/simulate.js';

const START = Date.parse('2026-11-30T09:00:00+08:00');
const HOUR = 3_600_000;

/** The rules replay can see from events alone. */
const EVENT_RULES: readonly RuleId[] = RULE_IDS.filter((r) => r !== 'lead-early' && r !== 'no-leaving-post' && r !== 'absence');

function replay(breachRate?: number): { report: ReplayReport; planned: SimulatedBreach[] } {
  const planned: SimulatedBreach[] = [];
  const onBreach = (b: SimulatedBreach) => void (b.needsPlan ? undefined : planned.push(b));
  const events = [...simulateFloor({ seed: 42, agents: 60, start: START, durationMs: 4 * HOUR, breachRate, onBreach })]
    .map((e) => floorEventSchema.parse(e));
  return { report: replayEvents(events, defaultRulesConfig()), planned };
}

describe('the engine on a simulated floor', () => {
  it('raises no alert on a floor that keeps every rule (--breaches none)', () => {
    const { report } = replay(0);
    expect(report.alerts.map((a) => `${a.rule}: ${a.title}`).slice(0, 5)).toEqual([]);
    expect(report.events.applied).toBeGreaterThan(20_000);
  });

  describe('at the default breach rate', () => {
    let report: ReplayReport;
    let planned: SimulatedBreach[];
    beforeAll(() => {
      ({ report, planned } = replay());
    });

    it('alerts on every rule it can see without the plan, and on none of the plan\'s', () => {
      const alerted = new Set(report.alerts.map((a) => a.rule));
      expect(EVENT_RULES.filter((r) => !alerted.has(r))).toEqual([]);
      expect([...alerted].filter((r) => !EVENT_RULES.includes(r))).toEqual([]);
    });

    it('alerts on exactly the calls and agents the simulator broke the rule on', () => {
      const key = (x: { callId?: string; agentId?: string }): string => x.callId ?? x.agentId ?? '?';
      for (const rule of EVENT_RULES) {
        const byEngine = [...new Set(report.alerts.filter((a) => a.rule === rule).map(key))].sort();
        const byPlan = [...new Set(planned.filter((b) => b.rule === rule).map(key))].sort();
        expect({ rule, keys: byEngine }).toEqual({ rule, keys: byPlan });
      }
    });
  });
});
