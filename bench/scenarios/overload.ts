/**
 * Overload: traffic offered at twice the rate the server sustains (measured first, in
 * this run), open loop, for a while. Judged on what a floor needs under pressure:
 * - alert latency stays bounded (p99 of probe alerts at the wallboards);
 * - every alert whose event was accepted reaches every wallboard as its own alert (never
 *   dropped, never merged into another);
 * - status deltas are coalesced (a wallboard gets a few deltas a second, not one per event).
 * A server that cannot take a batch may refuse it (503/429, the sender retries); refused
 * events were never accepted, so nothing accepted is lost.
 */
import { probeEvent, probesIn, Poster } from '../lib/alert-probe.js';
import { connectClients } from '../lib/clients.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { ingestHeaders, post, postAll } from '../lib/http-load.js';
import { startBenchServer } from '../lib/server.js';
import { percentile } from '../lib/stats.js';
import { encodeBatches, simulatedEvents } from '../lib/traffic.js';
import http from 'node:http';

const TICK_MS = 50;
const PROBE_EVERY_MS = 250;
const LATENCY_BOUND_MS = 1000;

export const overloadScenario: Scenario = {
  name: 'overload',
  about: 'at 2x the sustainable rate: latency bounded, alerts never dropped or merged, deltas coalesced',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const seconds = ctx.quick ? 8 : 30;
    const clientsCount = ctx.quick ? 50 : 200;
    const runId = `bench-over-${Date.now()}`;
    const server = await startBenchServer({ extraArgs: ['--reorder-window', '0'] });
    try {
      // 1. The sustainable rate, closed loop, on this server.
      const warm = encodeBatches(simulatedEvents({ agents: 500, hours: 8, maxEvents: 150_000, idPrefix: `${runId}-warm` }), 5000);
      const sustainable = (await postAll(`${server.url}/api/v1/events`, warm.batches, warm.counts, { token: server.token })).perSecond;
      const offered = 2 * sustainable;
      const perTick = Math.max(1, Math.round((offered * TICK_MS) / 1000));
      const needed = Math.ceil((seconds * 1000) / TICK_MS) * perTick;
      const traffic = encodeBatches(simulatedEvents({ agents: 2000, hours: 10, maxEvents: needed, idPrefix: `${runId}-load`, seed: 11 }), perTick);
      ctx.log(`overload: sustainable ${Math.round(sustainable)} events/s; offering ${Math.round(offered)} for ${seconds} s`);

      const clients = await connectClients({ count: clientsCount, url: server.url, namespace: '/wallboard', cookie: server.cookie, readyEvent: 'snapshot' });
      const sentAt = new Map<number, number>();
      const accepted = new Set<number>();
      const received = new Map<number, number>(); // probe -> clients that got it
      const latencies: number[] = [];
      let deltas = 0;
      clients.onDelta((delta, at) => {
        // Status deltas (agents, queues) are the ones coalescing must keep few; alerts go out as they come.
        const d = delta as { agents?: unknown[]; queues?: unknown[] };
        if ((d.agents?.length ?? 0) > 0 || (d.queues?.length ?? 0) > 0) deltas++;
        for (const n of probesIn(delta, runId)) {
          received.set(n, (received.get(n) ?? 0) + 1);
          latencies.push(at - sentAt.get(n)!);
        }
      });

      // 2. Open loop: a batch every tick whatever the answers, and a probe every 250 ms.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
      const url = new URL(`${server.url}/api/v1/events`);
      const headers = ingestHeaders(server.token);
      const prober = new Poster(url, server.token);
      let okEvents = 0;
      let refused = 0;
      const inflight: Array<Promise<void>> = [];
      const started = performance.now();
      let probe = 0;
      for (let tick = 0; tick < traffic.batches.length; tick++) {
        const due = started + tick * TICK_MS;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const i = tick;
        inflight.push(post(url, traffic.batches[i]!, headers, agent).then((res) => {
          if (res.status < 300) okEvents += traffic.counts[i]!;
          else refused += traffic.counts[i]!;
        }, () => { refused += traffic.counts[i]!; }));
        if ((tick * TICK_MS) % PROBE_EVERY_MS === 0) {
          const n = probe++;
          sentAt.set(n, performance.now());
          inflight.push(prober.send(probeEvent(runId, n)).then(() => { accepted.add(n); }, () => {}));
        }
      }
      await Promise.all(inflight);
      const offeredSeconds = (performance.now() - started) / 1000;
      // 3. Let every accepted probe arrive (the server drains what it accepted).
      const deadline = performance.now() + 60_000;
      while (performance.now() < deadline && [...accepted].some((n) => (received.get(n) ?? 0) < clientsCount - clients.disconnected())) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const elapsed = (performance.now() - started) / 1000;
      agent.destroy();
      prober.close();
      clients.close();

      const lostClients = clients.disconnected();
      const connected = clientsCount - lostClients;
      const dropped = [...accepted].filter((n) => (received.get(n) ?? 0) < connected).length;
      const merged = [...received.values()].filter((c) => c > clientsCount).length;
      const p99 = percentile(latencies, 99);
      const deltasPerClientSecond = deltas / clientsCount / elapsed;
      const eventsPerSecond = okEvents / offeredSeconds;
      const note = `offered ${Math.round(offered)} events/s (2x ${Math.round(sustainable)}), took ${Math.round(eventsPerSecond)}/s, refused ${refused}`;
      return [
        {
          key: 'overload.alertP99Ms', label: 'overload 2x: alert latency p99', value: round(p99), unit: 'ms',
          target: `<= ${LATENCY_BOUND_MS} ms`, pass: p99 <= LATENCY_BOUND_MS, note,
        },
        {
          key: 'overload.alertsLost', label: 'overload 2x: accepted alerts dropped or merged', value: dropped + merged, unit: 'alerts',
          target: '0', pass: dropped + merged === 0 && accepted.size > 0 && lostClients === 0,
          note: `${accepted.size} probe alerts accepted, ${clientsCount} clients, ${lostClients} disconnected by the server`,
        },
        {
          key: 'overload.deltasPerSecond', label: 'overload 2x: status deltas per client per second', value: round(deltasPerClientSecond), unit: 'deltas/s',
          target: '<= 5 (coalesced)', pass: deltasPerClientSecond <= 5,
          note: `${Math.round(eventsPerSecond)} events/s accepted`,
        },
      ];
    } finally {
      await server.stop();
      server.cleanup();
    }
  },
};
