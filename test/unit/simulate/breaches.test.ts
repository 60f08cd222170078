import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_IDS, type RuleId } from '../../../shared/rules.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';
import { BREACHABLE_RULES, DEFAULT_BREACH_RATE, parseBreachRate, type SimulatedBreach } from '../../../server/simulate/breaches.js';
import { simulateFloor, simulatePlan } from '../../../server/simulate/simulate.js';
import type { SimEvent } from '../../../server/simulate/sim-event.js';
import { detectBreaches, lifecycleProblems } from './detect.js';
import { detectPlanBreaches } from './detect-plan.js';

const START = Date.parse('2026-11-30T09:00:00+08:00');
const HOUR = 3_600_000;
const rules = defaultRulesConfig().rules;

function run(seed: number, breachRate?: number, extra: { breachRules?: RuleId[] } = {}): { events: SimEvent[]; planned: Record<string, number> } {
  const planned: Record<string, number> = {};
  const onBreach = (b: SimulatedBreach): void => {
    planned[b.rule] = (planned[b.rule] ?? 0) + 1;
  };
  const events = [...simulateFloor({ seed, agents: 60, start: START, durationMs: 4 * HOUR, breachRate, onBreach, ...extra })];
  return { events, planned };
}

/** What the stream shows: its events alone, and against the plan it was simulated with (known from the start). */
function detectAll(seed: number, events: SimEvent[], breachRate?: number, extra: { breachRules?: RuleId[] } = {}): Record<RuleId, number> {
  const found: Record<string, number> = { ...detectBreaches(events, rules) };
  const plan = simulatePlan({ seed, agents: 60, start: START, durationMs: 4 * HOUR, breachRate, ...extra });
  for (const [rule, n] of Object.entries(detectPlanBreaches(events, rules, { ...plan, knownAt: START }))) found[rule] = (found[rule] ?? 0) + n;
  return found as Record<RuleId, number>;
}

describe('breaches at the default rate (60 agents, 4 h)', () => {
  it('can breach every rule the engine checks', () => {
    expect([...BREACHABLE_RULES].sort()).toEqual([...RULE_IDS].sort());
    expect(DEFAULT_BREACH_RATE).toBeGreaterThanOrEqual(0.02);
    expect(DEFAULT_BREACH_RATE).toBeLessThanOrEqual(0.03);
  });

  for (const seed of [42, 2024]) {
    describe(`seed ${seed}`, () => {
      let found: Record<RuleId, number>;
      let planned: Record<string, number>;
      let events: SimEvent[];
      beforeAll(() => {
        ({ events, planned } = run(seed));
        found = detectAll(seed, events);
      });

      it('shows a breach of each rule in the stream itself', () => {
        const missing = RULE_IDS.filter((r) => !(found[r] > 0));
        expect(missing).toEqual([]);
      });

      it('reports exactly the breaches the stream shows, for the rules that are one event', () => {
        for (const rule of [
          'answer-3-rings', 'greeting', 'hold-consent', 'forbidden-phrases', 'survey-transfer', 'wrap-up-record',
          'callback-promise', 'one-agent-one-login', 'private-call', 'no-hangup-first', 'urgent-escalation',
          'lead-early', 'no-leaving-post', 'absence',
        ] as const) {
          expect({ rule, found: found[rule] ?? 0 }).toEqual({ rule, found: planned[rule] ?? 0 });
        }
        // Timing slips may be cut short (the queue clears, the shift ends): seen at most as often as planned.
        expect(found['rest-off-hook']).toBeLessThanOrEqual(planned['rest-off-hook'] ?? 0);
        expect(found['away-without-reason']).toBeLessThanOrEqual(planned['away-without-reason'] ?? 0);
      });

      it('keeps breaches rare: about the configured share of their opportunities', () => {
        const answered = events.filter((e) => e.type === 'call.answered').length;
        for (const rule of ['greeting', 'forbidden-phrases', 'wrap-up-record'] as const) {
          const share = found[rule] / answered;
          expect(share, rule).toBeGreaterThan(0.01);
          expect(share, rule).toBeLessThan(0.045);
        }
      });

      it('breaks the rules in the ways the policy names', () => {
        const harassment = events.filter((e) => e.type === 'call.ended' && e.releasedBy === 'agent' && e.reason === 'harassment');
        const hangups = events.filter((e) => e.type === 'call.ended' && e.releasedBy === 'agent');
        expect(hangups.length).toBeGreaterThan(harassment.length);
        const phrases = rules['forbidden-phrases'].phrases;
        const bad = events.find((e) => e.type === 'transcript.utterance' && phrases.some((p) => e.text.includes(p)));
        expect(bad && bad.type === 'transcript.utterance' ? bad.speaker : undefined).toBe('agent');
        const secondLogin = events.find((e) => e.type === 'agent.login' && e.stationId.startsWith('S-T'));
        expect(secondLogin).toBeDefined();
        const privateCall = events.find((e) => e.type === 'call.offered' && e.numberClass === 'private');
        expect(privateCall && privateCall.type === 'call.offered' ? privateCall.direction : undefined).toBe('outbound');
      });
    });
  }
});

describe('--breaches none (breachRate 0)', () => {
  let events: SimEvent[];
  let planned: Record<string, number>;
  beforeAll(() => {
    ({ events, planned } = run(42, 0));
  });

  it('plans and shows no breach of any rule', () => {
    expect(planned).toEqual({});
    expect(detectAll(42, events, 0)).toEqual({});
    expect(lifecycleProblems(events)).toEqual([]);
  });

  it('has no forbidden phrase in any line, no hold without consent, no agent release, no private call', () => {
    const phrases = rules['forbidden-phrases'].phrases;
    expect(events.filter((e) => e.type === 'transcript.utterance' && phrases.some((p) => e.text.includes(p)))).toEqual([]);
    expect(events.filter((e) => e.type === 'call.hold' && !e.consent)).toEqual([]);
    expect(events.filter((e) => e.type === 'call.ended' && e.releasedBy === 'agent')).toEqual([]);
    expect(events.filter((e) => e.type === 'call.offered' && e.numberClass === 'private')).toEqual([]);
    expect(events.filter((e) => e.type === 'urgent.reported')).toEqual([]);
    expect(events.filter((e) => e.type === 'agent.state' && e.state === 'not_ready' && e.reason === undefined)).toEqual([]);
  });

  it('is still a living floor: rests when quiet, holds with consent, callbacks made in time', () => {
    expect(events.some((e) => e.type === 'agent.state' && e.reason === 'rest')).toBe(true);
    expect(events.some((e) => e.type === 'call.hold' && e.consent)).toBe(true);
    expect(events.some((e) => e.type === 'callback.completed')).toBe(true);
  });
});

describe('breachRules: only the chosen rules are broken', () => {
  it('breaks greeting alone when asked to', () => {
    const { events, planned } = run(42, 0.05, { breachRules: ['greeting'] });
    expect(Object.keys(planned)).toEqual(['greeting']);
    expect(Object.keys(detectAll(42, events, 0.05, { breachRules: ['greeting'] }))).toEqual(['greeting']);
  });
});

describe('parseBreachRate (--breaches)', () => {
  it('reads none, default, shares and percentages', () => {
    expect(parseBreachRate('none')).toBe(0);
    expect(parseBreachRate('default')).toBe(DEFAULT_BREACH_RATE);
    expect(parseBreachRate('0.05')).toBe(0.05);
    expect(parseBreachRate('3%')).toBeCloseTo(0.03);
    expect(() => parseBreachRate('lots')).toThrow(/breaches/);
    expect(() => parseBreachRate('150%')).toThrow(/breaches/);
  });
});
