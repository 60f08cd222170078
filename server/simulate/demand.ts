/**
 * Call demand: how many customers ring, when, on which queue, from which number, and how
 * long they are willing to wait. Bank hotlines peak mid-morning and mid-afternoon, dip
 * over lunch and fall away in the evening; arrivals follow that curve as a
 * non-homogeneous Poisson process (by thinning), so bursts and lulls happen naturally.
 */
import type { Random } from './random.js';

export const DEFAULT_QUEUES = ['general', 'cards', 'loans', 'vip'] as const;

/** Share of inbound traffic per known queue; a queue not listed here gets the `general` weight. */
const QUEUE_WEIGHTS: Record<string, number> = { general: 0.5, cards: 0.27, loans: 0.14, vip: 0.09 };

/** The queue served first when several have callers waiting (VIP customers jump the line). */
export const PRIORITY_QUEUE = 'vip';

/** (local hour, share of the peak rate): piecewise linear, 24 h wrapped. */
const CURVE: ReadonlyArray<readonly [number, number]> = [
  [0, 0.06], [6, 0.06], [7.5, 0.25], [8.5, 0.6], [9.5, 0.92], [10.25, 1], [11.25, 0.88], [12.25, 0.6],
  [13.25, 0.72], [14.25, 0.9], [15.25, 0.96], [16.25, 0.84], [17.25, 0.62], [18.5, 0.42], [20, 0.34],
  [22, 0.18], [24, 0.06],
];

/** Share of the peak arrival rate at a local time of day (0 <= hour < 24). */
export function loadFactor(localHour: number): number {
  const h = ((localHour % 24) + 24) % 24;
  for (let i = 1; i < CURVE.length; i++) {
    const [h1, v1] = CURVE[i];
    if (h <= h1) {
      const [h0, v0] = CURVE[i - 1];
      return v0 + ((v1 - v0) * (h - h0)) / (h1 - h0);
    }
  }
  return CURVE[CURVE.length - 1][1];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Local hour (fractional) of an epoch-ms instant in a fixed-offset zone (Asia/Shanghai has no DST). */
export function localHour(ts: number, utcOffsetMinutes: number): number {
  const local = (((ts + utcOffsetMinutes * 60_000) % DAY_MS) + DAY_MS) % DAY_MS;
  return local / HOUR_MS;
}

/**
 * Calls per call-taking agent per hour at the daily peak. With ~4 minutes of handle time
 * an agent manages ~15 an hour, less breaks: the peak runs the floor near full occupancy,
 * so queues and abandons appear around 10:00 and 15:00 while evenings are quiet.
 */
export const PEAK_CALLS_PER_AGENT_HOUR = 13.5;

/** Arrival instants by thinning a Poisson process at the peak rate against the day curve. */
export class ArrivalProcess {
  private readonly peakPerMs: number;

  constructor(
    private readonly rng: Random,
    callTakers: number,
    load: number,
    private readonly utcOffsetMinutes: number,
  ) {
    this.peakPerMs = (Math.max(0, callTakers) * PEAK_CALLS_PER_AGENT_HOUR * Math.max(0, load)) / HOUR_MS;
  }

  /** The first arrival after `t`, or Infinity when nobody ever calls (no agents, zero load). */
  nextAfter(t: number): number {
    let at = t;
    for (;;) {
      at += this.rng.interArrival(this.peakPerMs);
      if (!Number.isFinite(at)) return at;
      if (this.rng.chance(loadFactor(localHour(at, this.utcOffsetMinutes)))) return Math.ceil(at);
    }
  }
}

export function queueWeights(queues: readonly string[]): Array<readonly [string, number]> {
  return queues.map((q) => [q, QUEUE_WEIGHTS[q] ?? QUEUE_WEIGHTS.general] as const);
}

const MOBILE_PREFIXES = ['130', '131', '133', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159',
  '166', '177', '180', '182', '186', '187', '188', '189', '199'] as const;
const AREA_CODES = ['010', '021', '020', '0755', '028', '027', '025', '0571'] as const;

/** A plausible Chinese phone number, digits only: mostly mobiles, some landlines. */
export function phoneNumber(rng: Random): string {
  if (rng.chance(0.85)) return rng.pick(MOBILE_PREFIXES) + rng.digits(8);
  const area = rng.pick(AREA_CODES);
  return area + String(rng.int(2, 8)) + rng.digits(area.length === 3 ? 7 : 6);
}

/** The caller's line: a few withhold their number and arrive as `unknown`. */
export function inboundCaller(rng: Random): { from?: string; numberClass: 'customer' | 'unknown' } {
  if (rng.chance(0.03)) return { numberClass: 'unknown' };
  return { from: phoneNumber(rng), numberClass: 'customer' };
}

/**
 * How long a queued caller waits before hanging up: log-normal around 75 s, VIP callers a
 * little more patient. Most calls are answered long before; the tail makes abandons at peaks.
 */
export function patienceMs(rng: Random, queue: string): number {
  const median = queue === PRIORITY_QUEUE ? 100_000 : 75_000;
  return Math.round(Math.max(4_000, rng.lognormal(median, 0.8)));
}
