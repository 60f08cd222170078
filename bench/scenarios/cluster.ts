/**
 * Scaling out (issue 9): the same ingest load and the same event -> alert probes through
 * a floor of three processes (`serve --redis --postgres`, a Redis of the bench's own)
 * beside one process on the same PostgreSQL (`serve --postgres`): the single-process
 * figures are the baseline of the multi-process ones.
 *
 * Ingest is posted to all the processes at once (a third of the batches each). Two rates:
 * acknowledged (the feeds' view: in the input stream, or for one process in the log) and
 * applied (in the event log, consumed by the owner). Latency: a probe posted to a process
 * that does not own the floor, seen at a wallboard of the third, so each probe crosses
 * Redis, the owner, PostgreSQL and a replica; for one process, posted and seen there.
 *
 * Needs PostgreSQL (FLOORWATCH_TEST_POSTGRES, as the tests) and redis-server on the PATH.
 */
import { probeEvent, probesIn, Poster } from '../lib/alert-probe.js';
import { connectClients } from '../lib/clients.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import http from 'node:http';
import { ingestHeaders, postAgain } from '../lib/http-load.js';
import { percentile } from '../lib/stats.js';
import { traffic, type Traffic } from '../lib/traffic.js';
import { startCluster } from '../../test/integration/cluster/cluster-harness.js';
import { requirePostgres } from '../../test/unit/storage/postgres-test-db.js';

interface Run {
  processes: number;
  ackPerSecond: number;
  appliedPerSecond: number;
  p50: number;
  p99: number;
  /** The first probe after the load, until the watching process showed it. */
  caughtUpMs: number;
}

const BATCH = 2000;

/**
 * Posts the batches a few at a time, as a feed does: a batch refused with 503 (too many
 * events waiting for the owner) is sent again 100 ms later. Resolves with the events accepted.
 */
async function feed(url: string, batches: readonly Buffer[], token: string, inFlight = 4): Promise<{ accepted: number; refusals: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  const headers = ingestHeaders(token);
  let next = 0;
  let accepted = 0;
  let refusals = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < batches.length; i = next++) {
      for (;;) {
        const res = await postAgain(new URL(url), batches[i]!, headers, agent);
        if (res.status === 503) {
          refusals += 1;
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        if (res.status >= 300) throw new Error(`POST ${url} answered ${res.status}: ${res.text.slice(0, 300)}`);
        accepted += (JSON.parse(res.text) as { accepted: number }).accepted;
        break;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    agent.destroy();
  }
  return { accepted, refusals };
}

async function measure(ctx: BenchContext, processes: number, load: Traffic, samples: number): Promise<Run> {
  const cluster = await startCluster(processes, {
    plain: processes === 1, leaseMs: 5000,
    ...(ctx.cpuProfDir !== undefined && { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${ctx.cpuProfDir}`] }),
  });
  try {
    await cluster.start(0);
    if (processes > 1) await cluster.waitForOwner();
    for (let i = 1; i < processes; i++) await cluster.start(i);
    const token = await cluster.feedToken();
    const owner = processes > 1 ? await cluster.waitForOwner() : 0;
    const others = [...Array(processes).keys()].filter((i) => i !== owner);
    // Post to a process that does not own the floor; watch on another (one process: itself).
    const postTo = others[0] ?? 0;
    const watchOn = others[1] ?? others[0] ?? 0;

    const [{ last_seq: before }] = await cluster.sql<{ last_seq: string }>('SELECT last_seq FROM event_log_counter');
    const parts = Array.from({ length: processes }, (_, i) => load.batches.filter((_b, k) => k % processes === i));
    const started = performance.now();
    const results = await Promise.all(parts.map((batches, i) => feed(`${cluster.nodes[i]!.url}/api/v1/events`, batches, token)));
    const ackSeconds = (performance.now() - started) / 1000;
    const accepted = results.reduce((sum, r) => sum + r.accepted, 0);
    const refusals = results.reduce((sum, r) => sum + r.refusals, 0);
    if (accepted !== load.events) throw new Error(`${processes} process(es) accepted ${accepted} of ${load.events} events`);
    for (;;) {
      const [{ last_seq: now }] = await cluster.sql<{ last_seq: string }>('SELECT last_seq FROM event_log_counter');
      if (Number(now) - Number(before) >= load.events) break;
      if (performance.now() - started > 600_000) throw new Error('the log did not take the load within 10 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const appliedSeconds = (performance.now() - started) / 1000;
    ctx.log(`cluster: ${processes} process(es): ${load.events} events acknowledged in ${ackSeconds.toFixed(1)} s (${refusals} batches refused busy and sent again), in the log after ${appliedSeconds.toFixed(1)} s`);

    const browser = await cluster.admin(watchOn);
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const clients = await connectClients({ count: 1, url: cluster.nodes[watchOn]!.url, namespace: '/wallboard', cookie, readyEvent: 'snapshot' });
    const poster = new Poster(new URL(`${cluster.nodes[postTo]!.url}/api/v1/events`), token);
    const runId = `bench-cluster-${processes}-${Date.now()}`;
    const latencies: number[] = [];
    let waiting: { n: number; sentAt: number; resolve: () => void } | undefined;
    clients.onDelta((delta, at) => {
      if (waiting && probesIn(delta, runId).includes(waiting.n)) {
        latencies.push(at - waiting.sentAt);
        waiting.resolve();
      }
    });
    let caughtUpMs = 0;
    try {
      // Probe 0 is not counted: it waits until the watching process has applied the load
      // (a replica follows the log a little behind the owner after a burst).
      for (let n = 0; n <= samples; n++) {
        const seen = new Promise<void>((resolve, reject) => {
          waiting = { n, sentAt: performance.now(), resolve };
          setTimeout(() => reject(new Error(`probe ${n} not seen within 30 s`)), 30_000).unref();
        });
        await poster.send(probeEvent(runId, n));
        await seen;
        if (n === 0) caughtUpMs = latencies.pop()!;
      }
    } finally {
      poster.close();
      clients.close();
    }
    return {
      processes,
      ackPerSecond: load.events / ackSeconds,
      appliedPerSecond: load.events / appliedSeconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      caughtUpMs,
    };
  } finally {
    await cluster.close();
  }
}

export const clusterScenario: Scenario = {
  name: 'cluster',
  notQuick: 'needs PostgreSQL and Redis, four servers',
  about: 'ingest events/s and event -> alert latency through 3 processes (Redis + PostgreSQL) beside 1 process on PostgreSQL',
  async run(ctx: BenchContext): Promise<Figure[]> {
    await requirePostgres();
    const agents = ctx.quick ? 200 : 500;
    const maxEvents = ctx.quick ? 40_000 : 200_000;
    const samples = ctx.quick ? 20 : 60;
    const make = (tag: string) => traffic({ agents, hours: 8, maxEvents, batchSize: BATCH, idPrefix: `bench-cluster-${tag}-${Date.now()}` });
    const one = await measure(ctx, 1, make('one'), samples);
    const three = await measure(ctx, 3, make('three'), samples);
    const note = `${agents} agents, batches of ${BATCH}; latency: ${samples} probes, posted to a non-owner, seen at a wallboard of a third process`;
    return [
      {
        key: 'cluster.ackEventsPerSecond', label: 'ingest acknowledged, 3 processes', value: round(three.ackPerSecond), unit: 'events/s',
        baseline: { label: '1 process, same PostgreSQL', value: round(one.ackPerSecond), unit: 'events/s' },
        ratio: round(three.ackPerSecond / one.ackPerSecond), target: 'informational', note,
      },
      {
        key: 'cluster.appliedEventsPerSecond', label: 'ingest applied (in the log), 3 processes', value: round(three.appliedPerSecond), unit: 'events/s',
        baseline: { label: '1 process, same PostgreSQL', value: round(one.appliedPerSecond), unit: 'events/s' },
        ratio: round(three.appliedPerSecond / one.appliedPerSecond),
        // One owner writes the log either way: the cluster may not cost more than half of it.
        target: '>= 0.5x one process', pass: three.appliedPerSecond >= 0.5 * one.appliedPerSecond, note,
      },
      {
        key: 'cluster.firstAlertAfterLoadMs', label: 'first alert after the load, at another process', value: round(three.caughtUpMs), unit: 'ms',
        baseline: { label: '1 process', value: round(one.caughtUpMs), unit: 'ms' }, ratio: round(three.caughtUpMs / one.caughtUpMs),
        target: 'informational', note: 'a replica applies the log a little behind the owner after a burst',
      },
      {
        key: 'cluster.latencyP50Ms', label: 'event -> alert p50, across 3 processes', value: round(three.p50), unit: 'ms',
        baseline: { label: '1 process p50', value: round(one.p50), unit: 'ms' }, ratio: round(three.p50 / one.p50), target: 'informational', note,
      },
      {
        key: 'cluster.latencyP99Ms', label: 'event -> alert p99, across 3 processes', value: round(three.p99), unit: 'ms',
        baseline: { label: '1 process p99', value: round(one.p99), unit: 'ms' }, ratio: round(three.p99 / one.p99),
        target: '<= 250 ms', pass: three.p99 <= 250, note,
      },
    ];
  },
};
