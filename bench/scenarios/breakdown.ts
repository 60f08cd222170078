/**
 * Where an event's time goes, in-process and one stage at a time over the same events:
 * raw JSON.parse, validation against the v1 contract (zod), the engine with every rule
 * (`step`), and the durable append to the SQLite log. Informational: it explains the
 * ingest figure (whose cost is roughly the sum of these) and shows what to work on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { floorEventSchema, type FloorEvent } from '../../shared/events.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../../server/engine/engine.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { simulatedEvents } from '../lib/traffic.js';

const rate = (n: number, ms: number): number => n / (ms / 1000);

function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
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
    const dir = mkdtempSync(path.join(tmpdir(), 'floorwatch-stage-'));
    const storage = createSqliteStorage(path.join(dir, 'log.db'), { backgroundCheckpoints: true }); // as serve opens it
    const started = performance.now();
    for (let i = 0; i < n; i += 5000) {
      await storage.log.append(ordered.slice(i, i + 5000).map((event) => ({ id: event.id, receivedAt: event.ts, payload: { kind: 'event' as const, event } })));
    }
    const appendMs = performance.now() - started;
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
    const jsonRate = rate(n, parse.ms);
    const figure = (key: string, label: string, perSecond: number): Figure => ({
      key: `breakdown.${key}`, label, value: round(perSecond), unit: 'events/s',
      baseline: { label: 'JSON.parse', value: round(jsonRate), unit: 'events/s' }, ratio: round(perSecond / jsonRate),
      target: 'informational', note: `${n} events, one core`,
    });
    return [
      figure('validate', 'stage: validation (zod, v1 contract)', rate(n, validate.ms)),
      figure('engine', `stage: engine step, all rules (${engine.value} agents)`, rate(n, engine.ms)),
      figure('append', 'stage: SQLite log append (batches of 5,000)', rate(n, appendMs)),
    ];
  },
};
