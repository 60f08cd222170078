/**
 * Event -> alert latency at socket.io wallboards (p50, p99), with 1,000 of them
 * connected, against a raw `io.emit` of the same payload from a bare socket.io server.
 * Probes go one at a time (the next after every client has the last), so this is the
 * latency of an idle floor; the overload scenario measures it under pressure.
 *
 * The screens are wire clients in two child processes (bench/lib/wire-clients.ts), for
 * both servers: real screens are other machines, and 1,000 socket.io clients decoding
 * every delta in the bench's own process measured mostly that process's queue (the raw
 * baseline's p99 was 40-70 ms of it, by machine and day).
 *
 * The server runs with a reorder window of 0: with the default 2 s window a fresh event
 * waits up to 2 s for late ones by design (docs/events.md), which is not what this measures.
 */
import { probeEvent, probesIn, Poster } from '../lib/alert-probe.js';
import { startChild } from '../lib/child.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { startBenchServer } from '../lib/server.js';
import { percentile } from '../lib/stats.js';
import { connectWireClients, wireClock, type WireClientSet } from '../lib/wire-clients.js';

/** Sends `samples` probes one by one; resolves with every client's latency for each. */
async function measure(clients: WireClientSet, samples: number, fire: (n: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const expected = clients.count;
  let sentAt = 0;
  let current = -1;
  let got = 0;
  let done: (() => void) | undefined;
  clients.onProbe((probe, at) => {
    if (probe !== current) return;
    latencies.push(at - sentAt);
    if (++got === expected) done?.();
  });
  for (let n = 0; n < samples; n++) {
    current = n;
    got = 0;
    const all = new Promise<void>((resolve, reject) => {
      done = resolve;
      setTimeout(() => reject(new Error(`probe ${n}: ${got} of ${expected} clients got it within 10 s`)), 10_000).unref();
    });
    sentAt = wireClock();
    await fire(n);
    await all;
  }
  return latencies;
}

export const latencyScenario: Scenario = {
  name: 'latency',
  about: 'event -> alert latency p50/p99 at 1,000 connected wallboards vs a raw io.emit',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const count = ctx.quick ? 200 : 1000;
    const samples = ctx.quick ? 30 : 100;
    const runId = `bench-lat-${Date.now()}`;

    const server = await startBenchServer({ extraArgs: ['--reorder-window', '0'] });
    let ours: number[];
    let payloadSize = 0;
    try {
      const clients = await connectWireClients({ count, url: server.url, cookie: server.cookie, runId });
      ctx.log(`latency: ${count} wallboards connected`);
      const poster = new Poster(new URL(`${server.url}/api/v1/events`), server.token);
      // One probe delta's size, so the baseline sends as many bytes: a socket.io client of
      // its own, beside the wire clients, decodes the deltas to find one.
      const sizeProbe = await deltaSize(server.url, server.cookie, runId);
      ours = await measure(clients, samples, (n) => poster.send(probeEvent(runId, n)));
      payloadSize = await sizeProbe.size;
      sizeProbe.close();
      poster.close();
      await clients.close();
    } finally {
      await server.stop();
      server.cleanup();
    }

    const bare = await startChild('bench/baselines/bare-io.ts');
    let raw: number[];
    try {
      const clients = await connectWireClients({ count, url: bare.url, namespace: '/', runId });
      const poster = new Poster(new URL(`${bare.url}/emit`), undefined, 'application/json');
      // The probe's call id in the same words as an alert's, so the screens find it alike.
      const filler = 'x'.repeat(Math.max(0, payloadSize - 80));
      raw = await measure(clients, samples, (n) => poster.send({ callId: `${runId}-probe-call-${n}`, filler }));
      poster.close();
      await clients.close();
    } finally {
      await bare.stop();
    }

    const p50 = percentile(ours, 50);
    const p99 = percentile(ours, 99);
    const rawP50 = percentile(raw, 50);
    const rawP99 = percentile(raw, 99);
    const note = `${count} clients, ${samples} probes, payload ${payloadSize} B`;
    return [
      {
        key: 'latency.p50Ms', label: `event -> alert p50, ${count} wallboards`, value: round(p50), unit: 'ms',
        baseline: { label: 'raw io.emit p50', value: round(rawP50), unit: 'ms' }, ratio: round(p50 / rawP50),
        target: 'informational', note,
      },
      {
        key: 'latency.p99Ms', label: `event -> alert p99, ${count} wallboards`, value: round(p99), unit: 'ms',
        baseline: { label: 'raw io.emit p99', value: round(rawP99), unit: 'ms' }, ratio: round(p99 / rawP99),
        target: '<= 50 ms and <= 2x raw', pass: p99 <= 50 && p99 <= 2 * rawP99, note,
      },
    ];
  },
};

/** A socket.io client that reports the size of the first delta carrying a probe alert. */
async function deltaSize(url: string, cookie: string, runId: string): Promise<{ size: Promise<number>; close(): void }> {
  const { io } = await import('socket.io-client');
  const socket = io(`${url}/wallboard`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  const size = new Promise<number>((resolve) => socket.on('delta', (d: unknown) => {
    if (probesIn(d, runId).length > 0) resolve(JSON.stringify(d).length);
  }));
  return { size, close: () => socket.close() };
}
