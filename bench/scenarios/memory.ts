/**
 * Memory: the floor's state per 1,000 agents (engine state after an hour of simulated
 * traffic, heap measured after a full GC), and the server's memory per connected
 * wallboard against a bare socket.io connection (resident memory of each server process
 * before and after the clients connect).
 */
import { floorEventSchema } from '../../shared/events.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../../server/engine/engine.js';
import { simulateFloor } from '../../server/simulate/index.js';
import { startChild } from '../lib/child.js';
import { connectClients } from '../lib/clients.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { rssOf } from '../lib/machine.js';
import { startBenchServer } from '../lib/server.js';

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the bench with node --expose-gc (npm run bench does)');
  collect();
  collect();
}

function heapOfFloor(agents: number, hours: number): number {
  const start = Date.parse('2026-11-28T09:00:00+08:00');
  gc();
  const before = process.memoryUsage().heapUsed;
  const state = createEngineState(defaultRulesConfig(), start);
  for (const raw of simulateFloor({ seed: 3, agents, start, durationMs: hours * 3600_000, shiftChangeAt: null })) {
    const event = floorEventSchema.parse(raw);
    step(state, { kind: 'event', event }, event.ts);
  }
  gc();
  const used = process.memoryUsage().heapUsed - before;
  if (state.agents.size < agents * 0.9) throw new Error(`only ${state.agents.size} of ${agents} agents in the state`);
  return used;
}

/** Resident memory growth of `pid` when `count` clients connect, per client. */
async function perClient(pid: number, connect: () => Promise<{ close(): void }>, count: number): Promise<number> {
  const before = (await rssOf(pid)) ?? Number.NaN;
  const clients = await connect();
  // Let the server settle (buffers of the handshake freed) before reading its memory.
  await new Promise((r) => setTimeout(r, 1000));
  const after = (await rssOf(pid)) ?? Number.NaN;
  clients.close();
  return (after - before) / count;
}

export const memoryScenario: Scenario = {
  name: 'memory',
  about: 'heap per 1,000 agents; server memory per connected client vs a bare socket.io connection',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const agents = ctx.quick ? 1000 : 5000;
    const perThousand = heapOfFloor(agents, 1) / (agents / 1000);
    ctx.log(`memory: ${agents} agents' floor state measured`);

    const count = ctx.quick ? 300 : 1000;
    const server = await startBenchServer();
    let ours: number;
    try {
      ours = await perClient(server.pid, () => connectClients({ count, url: server.url, namespace: '/wallboard', cookie: server.cookie, readyEvent: 'snapshot' }), count);
    } finally {
      await server.stop();
      server.cleanup();
    }
    const bare = await startChild('bench/baselines/bare-io.ts');
    let base: number;
    try {
      base = await perClient(bare.pid, () => connectClients({ count, url: bare.url, namespace: '/', readyEvent: 'connect' }), count);
    } finally {
      await bare.stop();
    }
    const ratio = ours / base;
    return [
      {
        key: 'memory.perThousandAgentsMb', label: 'floor state per 1,000 agents', value: round(perThousand / 2 ** 20), unit: 'MB',
        target: '<= 2 MB', pass: perThousand <= 2 * 2 ** 20, note: `${agents} agents after 1 h of traffic`,
      },
      {
        key: 'memory.perClientKb', label: 'server memory per wallboard', value: round(ours / 1024), unit: 'KB',
        baseline: { label: 'bare socket.io connection', value: round(base / 1024), unit: 'KB' },
        ratio: round(ratio), target: '<= 1.5x bare', pass: ratio <= 1.5, note: `${count} clients`,
      },
    ];
  },
};
