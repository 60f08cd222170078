/**
 * `simulateFloor`: the simulator's one entry point. A pure, lazy generator: no clock, no
 * I/O, no global state; every iteration of the returned iterable replays the same floor
 * from the seed. Pacing, HTTP and the live demo are run.ts and live.ts.
 */
import type { RuleId } from '../../shared/rules.js';
import { defaultRulesConfig, type RulesConfig } from '../../shared/rules-config.js';
import type { LeadShift, Shift } from '../../shared/schedule.js';
import { FloorSimulation } from './agent-day.js';
import { BREACHABLE_RULES, BreachPlanner, DEFAULT_BREACH_RATE, type SimulatedBreach } from './breaches.js';
import { DEFAULT_QUEUES } from './demand.js';
import { OUTBOUND_QUEUE } from './floor-model.js';
import { Random, seedToUint32 } from './random.js';
import { buildRoster } from './roster.js';
import { planSchedule, type FloorPlan } from './shift-plan.js';
import type { SimEvent } from './sim-event.js';

export interface SimulateOptions {
  /** Any safe integer; the same seed and options give the same events. */
  seed: number;
  /** Head count, shift leads included (one per team of ~12). */
  agents: number;
  /** Virtual start, epoch ms: leads log in now, agents over the next few minutes. */
  start: number;
  /** Calls arrive until start + durationMs; then calls in progress finish and everyone logs out. */
  durationMs: number;
  /** Share of breach opportunities that break a rule (default 0.025); 0 for a clean floor. */
  breachRate?: number;
  /** Inbound queues (default general, cards, loans, vip). `outbound` is used for outbound calls. */
  queues?: readonly string[];
  /** Rules that may be broken (default: all of BREACHABLE_RULES). */
  breachRules?: readonly RuleId[];
  /** Thresholds and phrases the floor follows or breaks (default: defaultRulesConfig()). */
  rules?: RulesConfig;
  /** Offset of the centre's local time from UTC, for the time-of-day curve (default +8 h, Asia/Shanghai). */
  utcOffsetMinutes?: number;
  /** How long the opening (lead logins, pre-shift meeting, agent logins) takes (default 6 min). */
  loginWindowMs?: number;
  /** Multiplies call volume (default 1: the peak runs the floor near full occupancy). */
  load?: number;
  /**
   * Event ids are `<idPrefix>-<n>` and call ids `<idPrefix>-call-<n>` (default `sim-<seed>`).
   * A live feed that restarts with the same seed needs a fresh prefix, or a server that
   * keeps its log would drop the replayed ids as duplicates.
   */
  idPrefix?: string;
  /**
   * When the relief crew takes over on the same seats (epoch ms, rounded down to the
   * minute): undefined for the middle of a stretch of two hours or more, null for no
   * change. See shift-plan.ts.
   */
  shiftChangeAt?: number | null;
  /** Ground truth: called once per breach the simulator plans (never part of the event stream). */
  onBreach?: (breach: SimulatedBreach) => void;
}

export const DEFAULT_AGENTS = 60;
const DEFAULT_LOGIN_WINDOW_MS = 6 * 60_000;
const SHANGHAI_OFFSET_MINUTES = 480;
/** Mixed into the seed for the plan's own stream of draws. */
const PLAN_STREAM = 0x5c4ed;

function check(options: SimulateOptions): void {
  const { agents, start, durationMs, breachRate } = options;
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed must be a safe integer, got ${options.seed}`);
  if (breachRate !== undefined && !(breachRate >= 0 && breachRate <= 1)) throw new RangeError(`breachRate must be within 0..1, got ${breachRate}`);
  if (!Number.isInteger(agents) || agents < 0) throw new RangeError(`agents must be a whole number >= 0, got ${agents}`);
  if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`start must be epoch milliseconds, got ${start}`);
  if (!(durationMs >= 0) || !Number.isFinite(durationMs)) throw new RangeError(`durationMs must be finite and >= 0, got ${durationMs}`);
  const queues = options.queues ?? [];
  if (queues.includes(OUTBOUND_QUEUE)) throw new RangeError(`"${OUTBOUND_QUEUE}" is reserved for outbound calls`);
  if (options.load !== undefined && !(options.load >= 0)) throw new RangeError(`load must be >= 0, got ${options.load}`);
}

/**
 * The simulated floor's events, lazily, in non-decreasing `ts` (epoch ms numbers), with
 * ids `sim-<seed>-<n>` and `source: 'simulator'`. Every event validates against
 * `floorEventSchema`.
 */
export function simulateFloor(options: SimulateOptions): Iterable<SimEvent> {
  check(options);
  return {
    [Symbol.iterator]() {
      return createFloor(options).run();
    },
  };
}

/** The seeded parts every run shares: the draws, the breach planner, the roster and its plan. */
function prepare(options: SimulateOptions): { rng: Random; rules: RulesConfig['rules']; breaches: BreachPlanner; plan: FloorPlan } {
  const rng = new Random(options.seed);
  const rules = (options.rules ?? defaultRulesConfig()).rules;
  const breachRules = (options.breachRules ?? BREACHABLE_RULES).filter((r) => rules[r].enabled);
  const breaches = new BreachPlanner(rng, options.breachRate ?? DEFAULT_BREACH_RATE, breachRules, options.onBreach);
  const roster = buildRoster(options.agents, rng);
  // The plan draws from a stream of its own, so planning never shifts the floor's draws.
  const plan = planSchedule({
    roster, start: options.start, end: options.start + Math.round(options.durationMs),
    loginWindowMs: options.loginWindowMs ?? DEFAULT_LOGIN_WINDOW_MS, changeAt: options.shiftChangeAt, rules, breaches,
    rng: new Random(seedToUint32(options.seed) ^ PLAN_STREAM),
  });
  return { rng, rules, breaches, plan };
}

function createFloor(options: SimulateOptions): FloorSimulation {
  const { rng, rules, breaches, plan } = prepare(options);
  const queues = options.queues && options.queues.length > 0 ? [...new Set(options.queues)] : [...DEFAULT_QUEUES];
  return new FloorSimulation({
    idPrefix: options.idPrefix ?? `sim-${options.seed}`,
    start: options.start,
    end: options.start + Math.round(options.durationMs),
    queues,
    rules,
    utcOffsetMinutes: options.utcOffsetMinutes ?? SHANGHAI_OFFSET_MINUTES,
    loginWindowMs: options.loginWindowMs ?? DEFAULT_LOGIN_WINDOW_MS,
    load: options.load ?? 1,
  }, rng, breaches, plan);
}

/** The simulated floor's plan (shifts and lead duties), the same for the same options as the events. */
export interface SimulatedPlan {
  shifts: Shift[];
  leads: LeadShift[];
}

/**
 * The plan `simulateFloor` plays out with the same options, without simulating a single
 * call: what a server is given before the events (`floorwatch simulate --url`, the demo).
 */
export function simulatePlan(options: SimulateOptions): SimulatedPlan {
  check(options);
  const { plan } = prepare({ ...options, onBreach: undefined });
  return { shifts: plan.schedule.shifts.map((s) => ({ ...s, breaks: s.breaks.map((b) => ({ ...b })) })), leads: plan.schedule.leads.map((l) => ({ ...l, teamIds: [...l.teamIds] })) };
}
