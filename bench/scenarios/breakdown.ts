/**
 * Where an event's time goes, in-process and one stage at a time over the same events:
 * raw JSON.parse, validation against the v1 contract (zod), the engine with every rule
 * (`step`), and the durable append to the SQLite log. Informational: it explains the
 * ingest figure (whose cost is roughly the sum of these) and shows what to work on.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { floorEventSchema, type FloorEvent } from '../../shared/events.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../../server/engine/engine.js';
import { DEFAULTS } from '../../server/floor/options.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { simulatedEvents } from '../lib/traffic.js';

const SLICE = DEFAULTS.ingestSliceEvents;
const rate = (n: number, ms: number): number => n / (ms / 1000);

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

/** Milliseconds to append the events to a new SQLite log, opened as serve opens it, a slice at a time as the floor logs a batch. */
async function appendTime(events: FloorEvent[]): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorwatch-stage-'));
  const storage = createSqliteStorage(path.join(dir, 'log.db'), { backgroundCheckpoints: true });
  try {
    const started = performance.now();
    for (let i = 0; i < events.length; i += SLICE) {
      await storage.log.append(events.slice(i, i + SLICE).map((event) => ({ id: event.id, receivedAt: event.ts, payload: { kind: 'event' as const, event } })));
    }
    return performance.now() - started;
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const breakdownScenario: Scenario = {
  name: 'breakdown',
  about: 'per-stage rates in-process: JSON.parse, validation, engine step, SQLite append',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const events = simulatedEvents({ agents: 1000, hours: 8, maxEvents: ctx.quick ? 40_000 : 300_000, idPrefix: `bench-stage-${Date.now()}` });
    const lines = events.map((e) => JSON.stringify(e));
    const n = lines.length;
    const parse = timed(() => lines.map((l) => JSON.parse(l) as unknown));
    const validate = timed(() => parse.value.map((e) => floorEventSchema.parse(e)));
    const ordered: FloorEvent[] = [...validate.value].sort((a, b) => a.ts - b.ts);
    const engine = timed(() => {
      const state = createEngineState(defaultRulesConfig(), ordered[0]!.ts);
      for (const e of ordered) step(state, { kind: 'event', event: e }, e.ts);
      return state.agents.size;
    });
    const appendMs = await appendTime(ordered);
    // The simulator numbers its events, so each id sorts near the one before; phone
    // systems that name events by a call's UUID (FreeSWITCH, Amazon Connect, Twilio's
    // SIDs) send ids in no order at all, which is where the log's id index is costly.
    const randomIdsMs = await appendTime(ordered.map((event) => ({ ...event, id: randomUUID() })));
    const jsonRate = rate(n, parse.ms);
    const figure = (key: string, label: string, perSecond: number): Figure => ({
      key: `breakdown.${key}`, label, value: round(perSecond), unit: 'events/s',
      baseline: { label: 'JSON.parse', value: round(jsonRate), unit: 'events/s' }, ratio: round(perSecond / jsonRate),
      target: 'informational', note: `${n} events, one core`,
    });
    return [
      figure('validate', 'stage: validation (zod, v1 contract)', rate(n, validate.ms)),
      figure('engine', `stage: engine step, all rules (${engine.value} agents)`, rate(n, engine.ms)),
      figure('append', `stage: SQLite log append (slices of ${SLICE.toLocaleString('en-US')})`, rate(n, appendMs)),
      figure('appendRandomIds', `stage: SQLite log append, random ids (UUIDs)`, rate(n, randomIdsMs)),
    ];
  },
};
