/**
 * Traffic for the bench, from the simulator (the same `floorwatch simulate` floor): a
 * seeded floor's events, pre-encoded as NDJSON batches so the load generator spends its
 * time sending, not serialising.
 */
import { simulateFloor } from '../../server/simulate/index.js';
import type { SimEvent } from '../../server/simulate/sim-event.js';

export interface Traffic {
  events: number;
  batches: Buffer[];
  /** Events in each batch (same order as batches). */
  counts: number[];
  bytes: number;
}

export interface TrafficOptions {
  agents: number;
  /** Simulated floor time. */
  hours: number;
  /** Stop after this many events (the simulator is lazy). */
  maxEvents: number;
  batchSize: number;
  /** Unique per run, so a server keeping its log never sees ids twice. */
  idPrefix: string;
  /** Virtual start; defaults to `trafficStart(hours)`. */
  start?: number;
  seed?: number;
}

/**
 * The local hour (the default rules' zone, Asia/Shanghai, UTC+8 all year) the traffic
 * starts at. Demand follows the hour (server/simulate/demand.ts: 6% of the peak at night,
 * the peak mid-morning), so traffic that started `hours` + 1 before whenever the bench ran
 * was a different load at each hour of the day: one run's overload figure passed on night
 * traffic, and failed two hours later on the morning's. 08:00, the floor opening and
 * ramping into its morning peak, the same in every run.
 */
export const TRAFFIC_STARTS_AT_LOCAL_HOUR = 8;
const ZONE_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/**
 * The latest start at TRAFFIC_STARTS_AT_LOCAL_HOUR whose `hours` (and an hour more, for
 * calls finishing after the end) are all in the past, so no event is in the future.
 */
export function trafficStart(hours: number, now = Date.now()): number {
  const latest = now - (hours + 1) * 3600_000;
  const localMidnight = Math.floor((latest + ZONE_OFFSET_MS) / DAY_MS) * DAY_MS - ZONE_OFFSET_MS;
  const start = localMidnight + TRAFFIC_STARTS_AT_LOCAL_HOUR * 3600_000;
  return start <= latest ? start : start - DAY_MS;
}

export function simulatedEvents(options: Omit<TrafficOptions, 'batchSize'>): SimEvent[] {
  return simulatedSource(options)(options.maxEvents);
}

/**
 * The same floor's events, taken a few at a time: each call gives the next `n` (fewer once
 * the simulated hours run out), for a scenario that learns how many it needs by sending some.
 */
export function simulatedSource(options: Omit<TrafficOptions, 'batchSize' | 'maxEvents'>): (n: number) => SimEvent[] {
  const start = options.start ?? trafficStart(options.hours);
  const events = simulateFloor({
    seed: options.seed ?? 7, agents: options.agents, start, durationMs: options.hours * 3600_000, idPrefix: options.idPrefix,
    // One crew all day: the head count is what the scenario says (no relief crew at midday).
    shiftChangeAt: null,
  })[Symbol.iterator]();
  return (n) => {
    const out: SimEvent[] = [];
    while (out.length < n) {
      const next = events.next();
      if (next.done === true) break;
      out.push(next.value);
    }
    return out;
  };
}

export function encodeBatches(events: readonly object[], batchSize: number): Traffic {
  const batches: Buffer[] = [];
  const counts: number[] = [];
  let bytes = 0;
  for (let i = 0; i < events.length; i += batchSize) {
    const slice = events.slice(i, i + batchSize);
    const buf = Buffer.from(`${slice.map((e) => JSON.stringify(e)).join('\n')}\n`);
    batches.push(buf);
    counts.push(slice.length);
    bytes += buf.length;
  }
  return { events: events.length, batches, counts, bytes };
}

export function traffic(options: TrafficOptions): Traffic {
  return encodeBatches(simulatedEvents(options), options.batchSize);
}
