/**
 * Memory: the floor's state per 1,000 agents (engine state after an hour of simulated
 * traffic, heap measured after a full GC), and the server's memory per connected
 * wallboard against a bare socket.io connection (resident memory of each server process
 * before and after the clients connect).
 */
import { floorEventSchema, type FloorEvent } from '../../shared/events.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createEngineState, step } from '../../server/engine/engine.js';
import { simulateFloor } from '../../server/simulate/index.js';
import { startChild } from '../lib/child.js';
import { connectClients } from '../lib/clients.js';
import { round, type BenchContext, type Figure, type Scenario } from '../lib/figure.js';
import { heapUsedAfterGc, inspectorUrl } from '../lib/heap.js';
import { startBenchServer } from '../lib/server.js';
import { slope } from '../lib/stats.js';

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run the bench with node --expose-gc (npm run bench does)');
  collect();
  collect();
}

/**
 * Heap held by the floor's state after `hours` of traffic. With breachRate 0 the state is
 * what scales with agents (agents, calls, queues, compliance, timers); open alerts scale
 * with breaches left unresolved, so they are measured apart, per alert.
 */
function floorEvents(agents: number, hours: number, breachRate: number): FloorEvent[] {
  const start = Date.parse('2026-11-28T09:00:00+08:00');
  const events: FloorEvent[] = [];
  for (const raw of simulateFloor({ seed: 3, agents, start, durationMs: hours * 3600_000, shiftChangeAt: null, breachRate })) {
    events.push(floorEventSchema.parse(raw));
  }
  return events;
}

/**
 * The events exist before and after the measurement, so they cancel out; the simulator
 * (which holds every agent's model) is gone before it starts (it lived in floorEvents).
 */
function heapOfFloor(events: readonly FloorEvent[], agents: number): { bytes: number; alerts: number } {
  // A throwaway pass first: the engine's compiled code and type feedback live in the heap
  // too, and the first pass would count them as state (runs differed by up to 0.75 MB per
  // 1,000 agents depending on what the process had compiled before).
  const warm = createEngineState(defaultRulesConfig(), events[0]!.ts);
  for (const event of events) step(warm, { kind: 'event', event }, event.ts);
  gc();
  const before = process.memoryUsage().heapUsed;
  const state = createEngineState(defaultRulesConfig(), events[0]!.ts);
  for (const event of events) step(state, { kind: 'event', event }, event.ts);
  gc();
  const used = process.memoryUsage().heapUsed - before;
  if (state.agents.size < agents * 0.9) throw new Error(`only ${state.agents.size} of ${agents} agents in the state`);
  return { bytes: used, alerts: state.alerts.size };
}

/**
 * Live heap per client of a process (through its inspector: GC, then heapUsed): clients
 * connect in steps (four; two in the quick run), the heap is read after each, and the slope over the clients is
 * the figure (steadier than one before/after pair).
 */
async function perClient(wsUrl: string, connect: (count: number) => Promise<{ close(): void }>, count: number, settleMs: number, steps: number): Promise<number> {
  const points: Array<{ x: number; y: number }> = [{ x: 0, y: await heapUsedAfterGc(wsUrl) }];
  const sets: Array<{ close(): void }> = [];
  for (let i = 1; i <= steps; i++) {
    sets.push(await connect(count / steps));
    await new Promise((r) => setTimeout(r, settleMs));
    points.push({ x: (i * count) / steps, y: await heapUsedAfterGc(wsUrl) });
  }
  for (const set of sets) set.close();
  return slope(points);
}

function inspector(stderr: string): string {
  const url = inspectorUrl(stderr);
  if (url === undefined) throw new Error('the process did not print its inspector address');
  return url;
}

export const memoryScenario: Scenario = {
  name: 'memory',
  about: 'heap per 1,000 agents; server memory per connected client vs a bare socket.io connection',
  async run(ctx: BenchContext): Promise<Figure[]> {
    const agents = ctx.quick ? 1000 : 5000;
    const events = floorEvents(agents, 1, 0);
    const clean = heapOfFloor(events, agents);
    // Read the events after the measurement, so the optimiser cannot free them before it.
    if (events.length === 0) throw new Error('the simulator produced no events');
    const perThousand = clean.bytes / (agents / 1000);
    ctx.log(`memory: ${agents} agents' floor state measured (${clean.alerts} open alerts)`);

    const count = ctx.quick ? 200 : 2000;
    // After each step, time for the connections' handshakes to settle (less for fewer clients).
    const settleMs = ctx.quick ? 150 : 500;
    const steps = ctx.quick ? 2 : 4;
    const server = await startBenchServer({ nodeFlags: ['--inspect=127.0.0.1:0'] });
    let ours: number;
    try {
      ours = await perClient(inspector(server.process.log.join('')), (n) => connectClients({ count: n, url: server.url, namespace: '/wallboard', cookie: server.cookie, readyEvent: 'snapshot' }), count, settleMs, steps);
    } finally {
      await server.stop();
      server.cleanup();
    }
    const bare = await startChild('bench/baselines/bare-io.ts', ['--inspect=127.0.0.1:0']);
    let base: number;
    try {
      base = await perClient(inspector(bare.stderr()), (n) => connectClients({ count: n, url: bare.url, namespace: '/', readyEvent: 'connect' }), count, settleMs, steps);
    } finally {
      await bare.stop();
    }
    const ratio = ours / base;
    return [
      {
        key: 'memory.perThousandAgentsMb', label: 'floor state per 1,000 agents', value: round(perThousand / 2 ** 20), unit: 'MB',
        target: '<= 2 MB', pass: perThousand <= 2 * 2 ** 20, note: `${agents} agents after 1 h of traffic, no breaches`,
      },
      {
        key: 'memory.perClientKb', label: 'server heap per wallboard', value: round(ours / 1024), unit: 'KB',
        baseline: { label: 'bare socket.io connection (heap)', value: round(base / 1024), unit: 'KB' },
        ratio: round(ratio), target: '<= 1.5x bare', pass: ratio <= 1.5, note: `${count} clients`,
      },
    ];
  },
};
