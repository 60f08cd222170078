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
  /** Virtual start; defaults to `hours` + 1 before now so no event (calls finishing after the end included) is in the future. */
  start?: number;
  seed?: number;
}

export function simulatedEvents(options: Omit<TrafficOptions, 'batchSize'>): SimEvent[] {
  const start = options.start ?? Date.now() - (options.hours + 1) * 3600_000;
  const out: SimEvent[] = [];
  for (const event of simulateFloor({
    seed: options.seed ?? 7, agents: options.agents, start, durationMs: options.hours * 3600_000, idPrefix: options.idPrefix,
    // One crew all day: the head count is what the scenario says (no relief crew at midday).
    shiftChangeAt: null,
  })) {
    out.push(event);
    if (out.length >= options.maxEvents) break;
  }
  return out;
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
