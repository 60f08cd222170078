/**
 * Which policy rules the simulated floor breaks, and how often. Each rule breaks in a
 * small share of its *opportunities* (a rung call, an answered call, a hold, a promised
 * callback, an agent-hour on shift...), `breachRate` (default 2.5%) times a per-rule
 * weight. `breachRate: 0` (the CLI's `--breaches none`) gives a floor that follows every
 * rule, which is what the engine's false-positive tests need.
 */
import { RULE_IDS, type RuleId } from '../../shared/rules.js';
import type { Random } from './random.js';

/** Every rule in RULE_IDS: the simulator can breach all of them. */
export const BREACHABLE_RULES: readonly RuleId[] = RULE_IDS;

export const DEFAULT_BREACH_RATE = 0.025;

/**
 * Per-rule multiplier of the breach rate, and what one opportunity is.
 * Urgent reports are rarer than slips (a real urgent matter is not a 1-in-40 call).
 */
export const BREACH_OPPORTUNITIES: Record<RuleId, { weight: number; per: string }> = {
  'answer-3-rings': { weight: 1, per: 'inbound call rung at an agent' },
  greeting: { weight: 1, per: 'answered call with a transcript' },
  'hold-consent': { weight: 1, per: 'hold' },
  'forbidden-phrases': { weight: 1, per: 'answered call with a transcript' },
  'no-hangup-first': { weight: 1, per: 'answered inbound call' },
  'survey-transfer': { weight: 1, per: 'answered inbound call' },
  'wrap-up-record': { weight: 1, per: 'wrap-up' },
  'callback-promise': { weight: 1, per: 'promised callback' },
  'rest-off-hook': { weight: 1, per: 'agent free while callers wait' },
  'urgent-escalation': { weight: 0.15, per: 'answered inbound call' },
  'one-agent-one-login': { weight: 1, per: 'agent-hour on shift' },
  'away-without-reason': { weight: 1, per: 'planned break, shift with room for an unarranged meal, and agent-hour on shift' },
  'private-call': { weight: 1, per: 'agent-hour on shift' },
  // The plan's rules (schedule.ts picks who, and always at least one when the rate is not 0).
  'lead-early': { weight: 1, per: 'incoming lead duty at the shift change' },
  'no-leaving-post': { weight: 1, per: 'seat handed over at the shift change' },
  absence: { weight: 1, per: 'planned shift' },
};

/** Ground truth for tests and benchmarks: one planned breach (the event stream never carries it). */
export interface SimulatedBreach {
  rule: RuleId;
  /** Virtual time the breach was decided or happened. */
  ts: number;
  agentId?: string;
  callId?: string;
  /** Which way it was broken, e.g. `late-answer`, `no-consent`, `long-hold`. */
  detail: string;
  /** Only a floor that knows the plan can see it (an absence, a meal outside the meal times...). */
  needsPlan?: true;
}

export class BreachPlanner {
  private readonly rates = new Map<RuleId, number>();

  constructor(
    private readonly rng: Random,
    rate: number,
    rules: readonly RuleId[],
    private readonly report: (breach: SimulatedBreach) => void = () => {},
  ) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError(`breachRate must be within 0..1, got ${rate}`);
    for (const rule of rules) this.rates.set(rule, Math.min(1, rate * BREACH_OPPORTUNITIES[rule].weight));
  }

  /** Probability of a breach per opportunity (0 when the rule is not breached). */
  rate(rule: RuleId): number {
    return this.rates.get(rule) ?? 0;
  }

  /** Decides one opportunity. Always draws, so enabling a rule does not reshuffle unrelated draws. */
  roll(rule: RuleId): boolean {
    return this.rng.chance(this.rate(rule));
  }

  /** Records a breach that was decided (and, for timing rules, will happen). */
  note(breach: SimulatedBreach): void {
    this.report(breach);
  }
}

/**
 * The CLI's `--breaches` value: `none` (0), `default` (DEFAULT_BREACH_RATE), a share
 * (`0.03`) or a percentage (`3%`).
 */
export function parseBreachRate(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === 'none' || v === 'off') return 0;
  if (v === 'default') return DEFAULT_BREACH_RATE;
  const rate = v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v);
  if (v === '' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new RangeError(`breaches must be none, default, a share within 0..1 or a percentage, got "${value}"`);
  }
  return rate;
}
