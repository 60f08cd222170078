/**
 * Deliveries per second to 1,000 and to 5,000 connected clients: how fast alerts reach
 * every screen when many arrive at once, against a raw socket.io broadcast of the same
 * number of same-sized messages. A delivery is one alert arriving at one client (the
 * floor may put several alerts in one delta; that is the point of coalescing).
 */
import { probeEvent, probesIn, Poster } from '../lib/alert-probe.js';
import { startChild } from '../lib/child.js';
import { connectClients, type ClientSet } from '../lib/clients.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { post } from '../lib/http-load.js';
import { startBenchServer } from '../lib/server.js';

/** Starts counting, runs `fire`, resolves with deliveries/s once `expected` arrived. */
async function rate(clients: ClientSet, expected: number, count: (delta: unknown) => number, fire: () => Promise<void>): Promise<number> {
  let got = 0;
  let last = 0;
  const all = new Promise<void>((resolve, reject) => {
    clients.onDelta((delta, at) => {
      got += count(delta);
      last = at;
      if (got >= expected) resolve();
    });
    setTimeout(() => reject(new Error(`${got} of ${expected} deliveries within 120 s`)), 120_000).unref();
  });
  const started = performance.now();
  await fire();
  await all;
  return expected / ((last - started) / 1000);
}

async function ours(ctx: BenchContext, count: number, messages: number): Promise<{ rate: number; size: number }> {
  const runId = `bench-fan-${count}-${Date.now()}`;
  const server = await startBenchServer({ extraArgs: ['--reorder-window', '0'], ...(ctx.cpuProfDir !== undefined && { cpuProfDir: ctx.cpuProfDir }) });
  try {
    const clients = await connectClients({ count, url: server.url, namespace: '/wallboard', cookie: server.cookie, readyEvent: 'snapshot' });
    ctx.log(`fanout: ${count} wallboards connected to Floorwatch`);
    const poster = new Poster(new URL(`${server.url}/api/v1/events`), server.token, 'application/x-ndjson', messages);
    // One probe first, until every screen has it: the server has settled after the
    // connections (a busy server answers 503 and the probe is sent again) and is warm.
    // The baseline's message is the size of a delta carrying one alert (the warm-up's).
    let size = 0;
    clients.sockets[0]!.on('delta', (d: unknown) => {
      if (size === 0 && probesIn(d, `${runId}-warm`).length === 1) size = JSON.stringify(d).length;
    });
    await rate(clients, count, (d) => probesIn(d, `${runId}-warm`).length, () => poster.send(probeEvent(`${runId}-warm`, 0)));
    // The same burst as the baseline's: all the alerts at once, each its own request (as
    // from many feeds), never one batch carrying them all.
    const r = await rate(clients, count * messages, (d) => probesIn(d, runId).length, async () => {
      await Promise.all(Array.from({ length: messages }, (_, n) => poster.send(probeEvent(runId, n))));
    });
    poster.close();
    clients.close();
    return { rate: r, size };
  } finally {
    await server.stop();
    server.cleanup();
  }
}

async function raw(count: number, messages: number, size: number): Promise<number> {
  const bare = await startChild('bench/baselines/bare-io.ts');
  try {
    const clients = await connectClients({ count, url: bare.url, namespace: '/', readyEvent: 'connect' });
    const body = Buffer.from(JSON.stringify({ filler: 'x'.repeat(Math.max(0, size - 40)) }));
    const r = await rate(clients, count * messages, () => 1, async () => {
      await post(new URL(`${bare.url}/burst?n=${messages}`), body, { 'content-type': 'application/json' });
    });
    clients.close();
    return r;
  } finally {
    await bare.stop();
  }
}

export const fanoutScenario: Scenario = {
  name: 'fanout',
  about: 'alert deliveries/s to 1,000 and 5,000 clients vs a raw socket.io broadcast',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const sizes = ctx.quick ? [500] : (process.env.FANOUT_SIZES?.split(",").map(Number) ?? [1000, 5000]);
    const messages = 50;
    const figures: Figure[] = [];
    for (const count of sizes) {
      const mine = await ours(ctx, count, messages);
      const base = await raw(count, messages, mine.size);
      const ratio = mine.rate / base;
      figures.push({
        key: `fanout.${count}`, label: `deliveries/s to ${count} clients`, value: round(mine.rate), unit: 'deliveries/s',
        baseline: { label: 'raw socket.io broadcast', value: round(base), unit: 'deliveries/s' },
        ratio: round(ratio), target: '>= 0.8 of raw', pass: ratio >= 0.8,
        note: `${messages} alerts, delta ${mine.size} B`,
      });
    }
    return figures;
  },
};
