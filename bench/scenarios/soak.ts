/**
 * Soak: a 50,000-agent floor's traffic in real time with 2,000 wallboards connected, for
 * `--soak-minutes` (10 in the full run). The first virtual 10 minutes (everyone logging
 * in) are sent at once before the clock starts, so the soak measures a floor in its
 * stride. Sampled every 5 s: the server's resident memory and the lag of a probe alert
 * (post -> first wallboard), minus the reorder window every fresh event waits by design.
 * Flat = the second half's growth stays small (memory slope, lag ratio of last to first
 * third).
 */
import { probeEvent, probesIn, Poster } from '../lib/alert-probe.js';
import { connectClients } from '../lib/clients.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { rssOf } from '../lib/machine.js';
import { postAll } from '../lib/http-load.js';
import { startBenchServer } from '../lib/server.js';
import { mean, slope } from '../lib/stats.js';
import { simulateFloor } from '../../server/simulate/index.js';
import type { SimEvent } from '../../server/simulate/sim-event.js';
import { encodeBatches } from '../lib/traffic.js';

const WINDOW_MS = 2000;
const SAMPLE_MS = 5000;
const WARM_MS = 10 * 60_000;

export const soakScenario: Scenario = {
  name: 'soak',
  about: '50,000 agents, 2,000 clients in real time: memory flat, lag flat',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const agents = ctx.soakAgents ?? (ctx.quick ? 5000 : 50_000);
    const clientsCount = ctx.soakClients ?? (ctx.quick ? 200 : 2000);
    const minutes = ctx.quick ? 0.5 : ctx.soakMinutes;
    const runId = `bench-soak-${Date.now()}`;
    const start = Date.now() - WARM_MS;
    const source = simulateFloor({ seed: 5, agents, start, durationMs: WARM_MS + (minutes + 5) * 60_000, idPrefix: runId, shiftChangeAt: null })[Symbol.iterator]();
    let pending: SimEvent | undefined;
    /** The simulator's events up to `until`. */
    const take = (until: number): SimEvent[] => {
      const out: SimEvent[] = [];
      for (;;) {
        const next = pending ?? source.next().value as SimEvent | undefined;
        pending = undefined;
        if (next === undefined) return out;
        if (next.ts > until) {
          pending = next;
          return out;
        }
        out.push(next);
      }
    };

    const server = await startBenchServer({ nodeFlags: ['--max-old-space-size=4096'] });
    try {
      const warm = encodeBatches(take(Date.now()), 5000);
      await postAll(`${server.url}/api/v1/events`, warm.batches, warm.counts, { token: server.token });
      ctx.log(`soak: ${agents} agents warmed up (${warm.events} events); connecting ${clientsCount} wallboards`);
      const clients = await connectClients({ count: clientsCount, url: server.url, namespace: '/wallboard', cookie: server.cookie, readyEvent: 'snapshot', parallel: 50 });
      const poster = new Poster(new URL(`${server.url}/api/v1/events`), server.token);
      const samples: Array<{ t: number; rss: number; lag: number }> = [];
      let probe = 0;
      let probeSentAt = 0;
      let probeSeen: ((at: number) => void) | undefined;
      clients.onDelta((delta, at) => {
        if (probeSeen && probesIn(delta, runId).includes(probe - 1)) probeSeen(at);
      });
      const begin = performance.now();
      let nextSample = begin + SAMPLE_MS;
      let sent = 0;
      while (performance.now() - begin < minutes * 60_000) {
        const batch = take(Date.now());
        if (batch.length > 0) {
          await poster.send(batch);
          sent += batch.length;
        }
        if (performance.now() >= nextSample) {
          nextSample += SAMPLE_MS;
          const seen = new Promise<number>((resolve) => { probeSeen = resolve; });
          probeSentAt = performance.now();
          await poster.send(probeEvent(runId, probe++));
          const at = await Promise.race([seen, new Promise<number>((r) => setTimeout(() => r(performance.now() + 60_000), 60_000))]);
          probeSeen = undefined;
          samples.push({ t: (performance.now() - begin) / 60_000, rss: (await rssOf(server.pid)) ?? Number.NaN, lag: Math.max(0, at - probeSentAt - WINDOW_MS) });
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      poster.close();
      clients.close();
      ctx.log(`soak: ${sent} events in ${minutes} min, ${samples.length} samples`);

      const half = samples.slice(Math.floor(samples.length / 2));
      const mbPerMinute = slope(half.map((s) => ({ x: s.t, y: s.rss / 2 ** 20 })));
      const third = Math.max(1, Math.floor(samples.length / 3));
      const lagFirst = mean(samples.slice(0, third).map((s) => s.lag));
      const lagLast = mean(samples.slice(-third).map((s) => s.lag));
      const lagGrowth = lagLast - lagFirst;
      const note = `${agents} agents, ${clientsCount} clients, ${minutes} min, ${Math.round(sent / (minutes * 60))} events/s`;
      return [
        {
          key: 'soak.memorySlopeMbPerMin', label: 'soak: memory growth, second half', value: round(mbPerMinute), unit: 'MB/min',
          target: '<= 5 MB/min (flat)', pass: mbPerMinute <= 5, note: `rss at end ${round((samples.at(-1)?.rss ?? 0) / 2 ** 20)} MB; ${note}`,
        },
        {
          key: 'soak.lagGrowthMs', label: 'soak: alert lag, last third vs first', value: round(lagGrowth), unit: 'ms',
          target: '<= 100 ms (flat)', pass: lagGrowth <= 100, note: `lag first ${round(lagFirst)} ms, last ${round(lagLast)} ms beyond the 2 s reorder window`,
        },
      ];
    } finally {
      await server.stop();
      server.cleanup();
    }
  },
};
