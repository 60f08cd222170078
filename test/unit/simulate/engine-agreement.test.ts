/**
 * The simulated floor through the real engine (`floorwatch replay`'s path): a clean floor
 * raises no alert at all, and at the default rate every rule alerts, on exactly the calls
 * and agents the simulator meant to break. Guards the simulator and the rules against
 * drifting apart.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { floorEventSchema } from '../../../shared/events.js';
import { RULE_IDS } from '../../../shared/rules.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { replayEvents, type ReplayReport } from '../../../server/replay/replay.js';
import type { SimulatedBreach } from '../../../server/simulate/breaches.js';
import { simulateFloor } from '../../../server/simulate/simulate.js';

const START = Date.parse('2026-11-30T09:00:00+08:00');
const HOUR = 3_600_000;

function replay(breachRate?: number): { report: ReplayReport; planned: SimulatedBreach[] } {
  const planned: SimulatedBreach[] = [];
  const events = [...simulateFloor({ seed: 42, agents: 60, start: START, durationMs: 4 * HOUR, breachRate, onBreach: (b) => planned.push(b) })]
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

    it('alerts on every rule', () => {
      const alerted = new Set(report.alerts.map((a) => a.rule));
      expect(RULE_IDS.filter((r) => !alerted.has(r))).toEqual([]);
    });

    it('alerts on exactly the calls and agents the simulator broke the rule on', () => {
      const key = (x: { callId?: string; agentId?: string }): string => x.callId ?? x.agentId ?? '?';
      for (const rule of RULE_IDS) {
        const byEngine = [...new Set(report.alerts.filter((a) => a.rule === rule).map(key))].sort();
        const byPlan = [...new Set(planned.filter((b) => b.rule === rule).map(key))].sort();
        expect({ rule, keys: byEngine }).toEqual({ rule, keys: byPlan });
      }
    });
  });
});
