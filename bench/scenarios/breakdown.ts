/**
 * Where an event's time goes, in-process and one stage at a time over the same events:
 * raw JSON.parse, validation against the v1 contract (zod), the engine with every rule
 * (`step`), and the durable append to the SQLite log. Informational: it explains the
 * ingest figure (whose cost is roughly the sum of these) and shows what to work on.
 *
 * Every stage is timed warm, as a running server runs it (a first pass over the quick
 * run's 40,000 events is mostly the JIT at work: the engine read 118,000 events/s cold,
 * 260,000-340,000 warm). The last rows add stages up: what each of the server's two
 * threads could do at most (the parse thread: JSON.parse, validation, the log's text; the
 * floor's thread: the engine and the append), the floor's thread with the log written as
 * one row a slice instead of a row per event, and all of it on one core; and what the
 * stages no design can leave out (JSON.parse, validation, the engine, the log's bytes)
 * give on one core, before HTTP, the threads' hand-over or a way to recognise a repeat.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FloorEvent } from '../../shared/events.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../../server/engine/engine.js';
import { DEFAULTS } from '../../server/floor/options.js';
import { validateBatch, withTexts } from '../../server/ingest/parse-batch.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { openDatabase } from '../../server/storage/sqlite/open.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { simulatedEvents } from '../lib/traffic.js';

const SLICE = DEFAULTS.ingestSliceEvents;
const rate = (n: number, ms: number): number => n / (ms / 1000);

/**
 * The faster of a second and a third call: the first warms the JIT, as a running server's
 * traffic has, and the better of two keeps a moment of the machine's other work out of the
 * stage's figure (the bounds below are what a stage could give at best).
 */
function timedWarm<T>(fn: () => T): { value: T; ms: number } {
  fn();
  const a = timed(fn);
  const b = timed(fn);
  return b.ms < a.ms ? b : a;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

/** The log's text of an event whose JSON is `text`, as the floor makes it (floor.ts). */
const logText = (text: string): string => `{"kind":"event","event":${text}}`;

/**
 * Milliseconds to append the events to a new SQLite log, opened as serve opens it, a slice
 * at a time as the floor logs a batch, each with its text already made (the parse thread
 * makes it, not the floor's thread).
 */
async function appendTime(events: FloorEvent[], texts: string[]): Promise<number> {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorwatch-stage-'));
  const storage = createSqliteStorage(path.join(dir, 'log.db'), { backgroundCheckpoints: true, backgroundLookups: true });
  try {
    const started = performance.now();
    for (let i = 0; i < events.length; i += SLICE) {
      await storage.log.append(events.slice(i, i + SLICE).map((event, k) => ({
        id: event.id, receivedAt: event.ts, payload: { kind: 'event' as const, event }, payloadText: texts[i + k]!,
      })));
    }
    return performance.now() - started;
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Milliseconds to write the same log texts as one row a slice into a database opened as
 * serve opens it, never checkpointed, each slice's text made beforehand: the bytes alone,
 * no row or index per event, what a log of one row per batch could not go below. With
 * `events`, each event's repeat key (its time and id, as the log's unique index holds it)
 * also goes into a key table in the slice's transaction, one statement a slice: without
 * some such key a resent batch would be logged and applied twice.
 */
function sliceRowsTime(texts: string[], events?: FloorEvent[]): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'floorwatch-bytes-'));
  const db = openDatabase(path.join(dir, 'log.db'), { checkpoints: false });
  try {
    db.exec('CREATE TABLE bench_slices (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
    db.exec('CREATE TABLE bench_keys (ts INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (ts, id)) WITHOUT ROWID');
    const insert = db.prepare<[string]>('INSERT INTO bench_slices (payload) VALUES (?)');
    const insertKeys = db.prepare<[string]>(
      'INSERT OR IGNORE INTO bench_keys (ts, id) SELECT value ->> 0, value ->> 1 FROM json_each(?)');
    const slices: string[] = [];
    const keys: string[] = [];
    for (let i = 0; i < texts.length; i += SLICE) {
      slices.push(`[${texts.slice(i, i + SLICE).join(',')}]`);
      if (events) keys.push(JSON.stringify(events.slice(i, i + SLICE).map((e) => [e.ts, e.id])));
    }
    const started = performance.now();
    for (let k = 0; k < slices.length; k++) {
      db.transaction(() => {
        insert.run(slices[k]!);
        if (events) insertKeys.run(keys[k]!);
      }).immediate();
    }
    return performance.now() - started;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Events appended once, untimed, before the timed appends: SQLite's and the log code's first calls. */
const APPEND_WARM_UP = 20_000;

export const breakdownScenario: Scenario = {
  name: 'breakdown',
  about: 'per-stage rates in-process: JSON.parse, validation, engine step, SQLite append',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const events = simulatedEvents({ agents: 1000, hours: 8, maxEvents: ctx.quick ? 40_000 : 300_000, idPrefix: `bench-stage-${Date.now()}` });
    const lines = events.map((e) => JSON.stringify(e));
    const n = lines.length;
    const parse = timedWarm(() => lines.map((l) => JSON.parse(l) as unknown));
    // The server's own loop (parse-batch.ts), told each event's line, as NDJSON is read.
    const validate = timedWarm(() => validateBatch(parse.value, lines));
    if (validate.value.errors.length > 0) throw new Error(`breakdown: ${validate.value.errors.length} simulated events refused`);
    // Each event's JSON: its line when the event is what the line reads as, else serialised.
    const text = timedWarm(() => withTexts(validate.value).texts);
    const order = validate.value.events.map((_, i) => i).sort((a, b) => validate.value.events[a]!.ts - validate.value.events[b]!.ts);
    const ordered: FloorEvent[] = order.map((i) => validate.value.events[i]!);
    const engine = timedWarm(() => {
      const state = createEngineState(defaultRulesConfig(), ordered[0]!.ts);
      for (const e of ordered) step(state, { kind: 'event', event: e }, e.ts);
      return state.agents.size;
    });
    const texts = order.map((i) => logText(text.value[i]!));
    await appendTime(ordered.slice(0, APPEND_WARM_UP), texts.slice(0, APPEND_WARM_UP));
    const appendMs = await appendTime(ordered, texts);
    // The simulator numbers its events, so each id sorts near the one before; phone
    // systems that name events by a call's UUID (FreeSWITCH, Amazon Connect, Twilio's
    // SIDs) send ids in no order at all, which is where the log's id index is costly.
    const randomIds = ordered.map((event) => ({ ...event, id: randomUUID() }));
    const randomIdsMs = await appendTime(randomIds, randomIds.map((event) => logText(JSON.stringify(event))));
    const bytesMs = sliceRowsTime(texts);
    const keyedMs = sliceRowsTime(texts, ordered);
    const jsonRate = rate(n, parse.ms);
    const figure = (key: string, label: string, perSecond: number, note = `${n} events, one core`): Figure => ({
      key: `breakdown.${key}`, label, value: round(perSecond), unit: 'events/s',
      baseline: { label: 'JSON.parse', value: round(jsonRate), unit: 'events/s' }, ratio: round(perSecond / jsonRate),
      target: 'informational', note,
    });
    const before = 'before HTTP, the hand-over between threads and garbage collection';
    return [
      figure('validate', 'stage: validation (zod, v1 contract)', rate(n, validate.ms)),
      figure('text', "stage: the log's text of each event (its line, or JSON.stringify)", rate(n, text.ms)),
      figure('engine', `stage: engine step, all rules (${engine.value} agents)`, rate(n, engine.ms)),
      figure('append', `stage: SQLite log append (slices of ${SLICE.toLocaleString('en-US')})`, rate(n, appendMs)),
      figure('appendRandomIds', `stage: SQLite log append, random ids (UUIDs)`, rate(n, randomIdsMs)),
      figure('appendBytesOnly', 'stage: the same log bytes, one SQLite row a slice', rate(n, bytesMs)),
      figure('appendSliceKeyed', 'stage: one row a slice and a repeat key an event', rate(n, keyedMs),
        `${n} events, one core; no lookup rows (an agent's day), which a log needs too`),
      // The server splits an event's work between two threads (ingest/batch-parser.ts):
      // each row bounds one of them; the last bounds the whole on one core.
      figure('parseThread', 'parse thread at most: JSON.parse + validation + text', rate(n, parse.ms + validate.ms + text.ms),
        `${n} events; the stages' sum, ${before}`),
      figure('floorThread', "floor's thread at most: engine + append", rate(n, engine.ms + appendMs),
        `${n} events; the stages' sum, ${before}`),
      figure('floorThreadBytesOnly', "floor's thread at most, the log as one row a slice", rate(n, engine.ms + bytesMs),
        `${n} events; engine + the bytes alone, ${before}`),
      figure('floorThreadSliceKeyed', "floor's thread at most, a row a slice and a key an event", rate(n, engine.ms + keyedMs),
        `${n} events; engine + slices and repeat keys, ${before}`),
      figure('oneCore', 'one core at most: every stage', rate(n, parse.ms + validate.ms + text.ms + engine.ms + appendMs),
        `${n} events; the stages' sum, ${before} (ingest target: 200,000 events/s on one core)`),
      // The floor of any design: an event must be parsed, validated (the contract's errors
      // name the field), stepped through the rules and written down before it is accepted.
      figure('oneCoreLeast', 'one core at most, the log its bytes alone: JSON.parse + validation + engine + bytes',
        rate(n, parse.ms + validate.ms + engine.ms + bytesMs),
        `${n} events; no repeat keys, lookup rows, snapshots, HTTP or hand-over, ${before} (ingest target: 200,000 events/s on one core)`),
    ];
  },
};
