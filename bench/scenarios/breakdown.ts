/**
 * Where an event's time goes, in-process and one stage at a time over the same events:
 * raw JSON.parse, validation against the v1 contract (zod), the engine with every rule
 * (`step`), and the durable append to the SQLite log. Informational: it explains the
 * ingest figure (whose cost is roughly the sum of these) and shows what to work on.
 *
 * The CPU stages are timed on their second pass, as a server runs them (its first pass
 * over 40,000 events is mostly the JIT at work: the engine read 118,000 events/s cold
 * against 450,000 warm). Two rows bound what any change could reach on one core: the
 * stages' sum (validation, engine, append: the work no design skips), and the same with
 * the log's bytes written as one row a slice, the least a SQLite log of every event can do.
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
import { openDatabase } from '../../server/storage/sqlite/open.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { simulatedEvents } from '../lib/traffic.js';

const SLICE = DEFAULTS.ingestSliceEvents;
const rate = (n: number, ms: number): number => n / (ms / 1000);

/** Timed on a second call: the first warms the JIT, as a running server's traffic has. */
function timedWarm<T>(fn: () => T): { value: T; ms: number } {
  fn();
  return timed(fn);
}

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

/**
 * Milliseconds to write the same log texts as one row a slice into a database opened as
 * serve opens it, never checkpointed: the bytes alone, no row or index per event. No log
 * of every event in SQLite can take less (it must write these bytes durably).
 */
function bytesOnlyTime(events: FloorEvent[]): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorwatch-bytes-'));
  const db = openDatabase(path.join(dir, 'log.db'), { checkpoints: false });
  try {
    db.exec('CREATE TABLE bench_slices (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    const insert = db.prepare<[string]>('INSERT INTO bench_slices (payload) VALUES (?)');
    const started = performance.now();
    for (let i = 0; i < events.length; i += SLICE) {
      const texts = events.slice(i, i + SLICE).map((event) => JSON.stringify({ kind: 'event', event }));
      db.transaction(() => insert.run(`[${texts.join(',')}]`)).immediate();
    }
    return performance.now() - started;
  } finally {
    db.close();
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
    const parse = timedWarm(() => lines.map((l) => JSON.parse(l) as unknown));
    const validate = timedWarm(() => parse.value.map((e) => floorEventSchema.parse(e)));
    const ordered: FloorEvent[] = [...validate.value].sort((a, b) => a.ts - b.ts);
    const engine = timedWarm(() => {
      const state = createEngineState(defaultRulesConfig(), ordered[0]!.ts);
      for (const e of ordered) step(state, { kind: 'event', event: e }, e.ts);
      return state.agents.size;
    });
    const appendMs = await appendTime(ordered);
    // The simulator numbers its events, so each id sorts near the one before; phone
    // systems that name events by a call's UUID (FreeSWITCH, Amazon Connect, Twilio's
    // SIDs) send ids in no order at all, which is where the log's id index is costly.
    const randomIdsMs = await appendTime(ordered.map((event) => ({ ...event, id: randomUUID() })));
    const bytesMs = bytesOnlyTime(ordered);
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
      figure('appendBytesOnly', 'stage: the same log bytes, one SQLite row a slice', rate(n, bytesMs)),
      {
        ...figure('ceiling', 'one core at most: validation + engine + append', rate(n, validate.ms + engine.ms + appendMs)),
        note: `${n} events; the stages' sum, before HTTP, parsing and garbage collection (ingest target: 200,000 events/s)`,
      },
      {
        ...figure('ceilingBytesOnly', 'one core at most, the log as bytes alone', rate(n, validate.ms + engine.ms + bytesMs)),
        note: `${n} events; validation + engine + the bytes alone: no SQLite log of every event does better`,
      },
    ];
  },
};
