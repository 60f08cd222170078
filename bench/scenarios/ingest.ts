/**
 * Ingest throughput: simulated floor traffic posted in NDJSON batches to the real server
 * (SQLite durable log, validation, reorder buffer, every rule on), against two raw
 * baselines over the same bytes: `JSON.parse` alone, and a bare node:http handler.
 */
import { existsSync, statSync } from 'node:fs';
import { startChild } from '../lib/child.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { postAll } from '../lib/http-load.js';
import { startBenchServer } from '../lib/server.js';
import { traffic } from '../lib/traffic.js';

const BATCH = 5000;
/**
 * Batches posted to the server before the timed ones (the bare handler gets the same): a server
 * on a floor has been running, and a cold one spends its first batches in the JIT (the
 * quick run read 32,000-40,000 events/s cold, 67,000-74,000 warmed up, the same hour).
 */
const WARM_UP_BATCHES = 2;

/** Raw JSON.parse of every line of every batch: the floor any JSON ingest stands on. */
function parseRate(batches: readonly Buffer[], events: number): number {
  const started = performance.now();
  let parsed = 0;
  for (const batch of batches) {
    for (const line of batch.toString().split('\n')) {
      if (line.length > 0) {
        JSON.parse(line);
        parsed++;
      }
    }
  }
  if (parsed !== events) throw new Error(`parsed ${parsed} of ${events} events`);
  return events / ((performance.now() - started) / 1000);
}

function walBytes(dbFile: string): number {
  return existsSync(`${dbFile}-wal`) ? statSync(`${dbFile}-wal`).size : 0;
}

export const ingestScenario: Scenario = {
  name: 'ingest',
  about: 'events/s through HTTP batches, all rules on, vs JSON.parse and a bare node:http handler',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const agents = ctx.quick ? 300 : 1000;
    const maxEvents = (ctx.quick ? 30_000 : 1_000_000) + WARM_UP_BATCHES * BATCH;
    const all = traffic({ agents, hours: 8, maxEvents, batchSize: BATCH, idPrefix: `bench-ingest-${Date.now()}` });
    const warmUp = { batches: all.batches.slice(0, WARM_UP_BATCHES), counts: all.counts.slice(0, WARM_UP_BATCHES) };
    const load = { batches: all.batches.slice(WARM_UP_BATCHES), counts: all.counts.slice(WARM_UP_BATCHES) };
    const events = load.counts.reduce((sum, count) => sum + count, 0);
    const bytes = load.batches.reduce((sum, batch) => sum + batch.length, 0);
    ctx.log(`ingest: ${events} events from ${agents} agents, ${(bytes / 2 ** 20).toFixed(1)} MiB in batches of ${BATCH}, after ${WARM_UP_BATCHES} batches to warm up`);

    // Warm up, then take the best of three: the first pass pays for JIT and page faults.
    const parse = Math.max(...[0, 1, 2].map(() => parseRate(load.batches, events)));

    const bare = await startChild('bench/baselines/bare-http.ts');
    let bareRate: number;
    try {
      await postAll(bare.url, warmUp.batches, warmUp.counts);
      bareRate = (await postAll(bare.url, load.batches, load.counts)).perSecond;
    } finally {
      await bare.stop();
    }

    const server = await startBenchServer({ ...(ctx.cpuProfDir !== undefined && { cpuProfDir: ctx.cpuProfDir }) });
    let result;
    try {
      const warmed = await postAll(`${server.url}/api/v1/events`, warmUp.batches, warmUp.counts, { token: server.token });
      const warmUpEvents = warmUp.counts.reduce((sum, count) => sum + count, 0);
      if (warmed.accepted !== warmUpEvents) throw new Error(`server accepted ${warmed.accepted} of the warm-up's ${warmUpEvents} events`);
      result = await postAll(`${server.url}/api/v1/events`, load.batches, load.counts, { token: server.token });
      // Bounded by the checkpoints restarting it (storage/sqlite/checkpointer.ts), not by the day's appends.
      ctx.log(`ingest: the WAL file is ${(walBytes(server.dbFile) / 2 ** 20).toFixed(0)} MiB after ${(all.bytes / 2 ** 20).toFixed(0)} MiB of events`);
    } catch (error) {
      // The answer says only "internal error": the server's log says what went wrong (once
      // it has stopped, so the line written after the answer is in).
      await server.stop();
      const warnings = server.process.log.filter((line) => /"level":(40|50|60)/.test(line));
      ctx.log(`ingest: the server's warnings and errors:\n${warnings.slice(-10).join('\n')}`);
      throw error;
    } finally {
      await server.stop();
      server.cleanup();
    }
    if (result.accepted !== events) throw new Error(`server accepted ${result.accepted} of ${events} events`);
    // A refused batch was read and sent again: many refusals mean the server spent time on batches it did not take.
    ctx.log(`ingest: ${result.busyRetries} batches refused as busy and sent again`);

    const ratio = result.perSecond / parse;
    return [
      {
        key: 'ingest.eventsPerSecond', label: 'ingest, HTTP batches, all rules', value: round(result.perSecond), unit: 'events/s',
        baseline: { label: 'bare node:http handler', value: round(bareRate), unit: 'events/s' },
        ratio: round(result.perSecond / bareRate), target: '>= 200,000 events/s',
        pass: result.perSecond >= 200_000,
      },
      {
        key: 'ingest.vsJsonParse', label: 'ingest vs raw JSON.parse', value: round(ratio), unit: 'x JSON.parse',
        baseline: { label: 'JSON.parse of the same bytes', value: round(parse), unit: 'events/s' },
        ratio: round(ratio), target: '>= 0.3 of JSON.parse', pass: ratio >= 0.3,
      },
    ];
  },
};
