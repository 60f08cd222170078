/**
 * Wallboards for benches that measure delivery (latency, overload): socket.io's protocol
 * spoken on bare WebSockets (wire-clients-socket.ts), frames searched, never decoded
 * (wire-clients-frame.ts), in child processes (wire-clients-child.ts).
 *
 * Why not bench/lib/clients.ts: real screens are other machines, and decoding a delta is
 * the screen's cost, not the server's. 200 socket.io-client screens in the bench process
 * each JSON-decode every delta (hundreds of agents); under overload the bench process
 * then saturates, and what it measures is its own queue. Here a screen costs framing and a
 * byte search, and its I/O is off the process that generates and posts the traffic.
 *
 * Arrival times are wireClock() (epoch ms, sub-ms), the same clock in every process: take
 * send times with wireClock() too.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildCounts, FromChild, ToChild } from './wire-clients-messages.js';

export { wireClock } from './wire-clients-socket.js';

const CHILD = fileURLToPath(new URL('./wire-clients-child.ts', import.meta.url));
const CLOSE_TIMEOUT_MS = 10_000;

/**
 * One probe alert arriving at one screen, for the first time at that screen: `at` on
 * wireClock, `serverTime` when the server cut the frame (its Date.now(); NaN if absent).
 */
export type OnProbe = (probe: number, at: number, serverTime: number) => void;

export interface WireClientSet {
  /** Screens connected (each had its first snapshot). */
  readonly count: number;
  onProbe(listener: OnProbe): void;
  /** Screens the server disconnected (they do not reconnect); a child that died counts all of its screens. */
  disconnected(): number;
  /** Deltas carrying agents or queues, summed over screens. */
  statusDeltas(): number;
  /** Catch-up snapshots (a screen fell behind, drained, and was caught up), summed over screens. */
  catchUps(): number;
  /** Closes every screen and child; resolves with the children's CPU time (ms) since they were connected, all told. */
  close(): Promise<{ cpuMs: number }>;
}

export interface WireConnectOptions {
  count: number;
  url: string;
  /** The signed-in session's cookie header; none for the bare baseline. */
  cookie?: string;
  /** Default `/wallboard`; `/` for the bare baseline (whose clients are ready once connected). */
  namespace?: string;
  /** Probe call ids of this run are `<runId>-probe-call-<n>` (bench/lib/alert-probe.ts). */
  runId: string;
  /** Child processes the screens are spread over (default 2, one per core here). */
  processes?: number;
  /** Connections each child opens at once (default 50). */
  parallel?: number;
  /** The teams screen `i` (0-based, over all children) asks for; undefined: the whole view. */
  teams?: (screen: number) => string[] | undefined;
}

interface Child {
  process: ChildProcess;
  share: number;
  counts: ChildCounts;
  died: boolean;
  closed?: Promise<number>;
}

export async function connectWireClients(options: WireConnectOptions): Promise<WireClientSet> {
  const processes = Math.max(1, Math.min(options.processes ?? 2, options.count));
  let listener: OnProbe = () => {};
  let closing = false;
  const children: Child[] = [];
  const firstScreen: number[] = [];
  for (let i = 0, first = 0; i < processes; i++) {
    const share = Math.floor(options.count / processes) + (i < options.count % processes ? 1 : 0);
    // Only tsx's loader: the bench's own flags (--expose-gc, ...) are not the screens' business.
    const proc = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const child: Child = { process: proc, share, counts: { dropped: 0, statusDeltas: 0, catchUps: 0 }, died: false };
    firstScreen.push(first);
    first += share;
    proc.on('message', (m: FromChild) => {
      if (m.type === 'report') {
        child.counts = m.counts;
        for (const { probe, at, serverTime } of m.probes) at.forEach((t, i) => listener(probe, t, serverTime[i]!));
      } else if (m.type === 'closed') child.counts = m.counts;
    });
    proc.once('exit', () => {
      if (!closing) child.died = true;
    });
    children.push(child);
  }

  const ready = (child: Child): Promise<void> => new Promise((resolve, reject) => {
    const onMessage = (m: FromChild): void => {
      if (m.type === 'ready') {
        if (m.connected === child.share) resolve();
        else reject(new Error(`wire clients: ${m.connected} of ${child.share} connected`));
      } else if (m.type === 'failed') reject(new Error(`wire clients: ${m.message}`));
    };
    child.process.on('message', onMessage);
    child.process.once('exit', (code) => reject(new Error(`wire clients: a child exited (${code}) while connecting`)));
    const first = firstScreen[children.indexOf(child)]!;
    const teams = options.teams;
    const start: ToChild = {
      type: 'start', url: options.url, runId: options.runId, count: child.share, parallel: options.parallel ?? 50,
      ...(options.cookie !== undefined && { cookie: options.cookie }), ...(options.namespace !== undefined && { namespace: options.namespace }),
      ...(teams !== undefined && { scopes: Array.from({ length: child.share }, (_, j) => teams(first + j) ?? null) }),
    };
    child.process.send(start);
  });
  try {
    await Promise.all(children.map(ready));
  } catch (err) {
    closing = true;
    for (const c of children) c.process.kill();
    throw err;
  }

  const sum = (pick: (c: ChildCounts) => number): number => children.reduce((n, c) => n + pick(c.counts), 0);
  const closeChild = (child: Child): Promise<number> => new Promise((resolve) => {
    if (child.process.exitCode !== null || child.died) return resolve(0);
    const timer = setTimeout(() => {
      child.process.kill();
      resolve(0);
    }, CLOSE_TIMEOUT_MS);
    child.process.on('message', (m: FromChild) => {
      if (m.type !== 'closed') return;
      clearTimeout(timer);
      resolve(m.cpuMs);
    });
    child.process.send({ type: 'close' } satisfies ToChild);
  });

  return {
    count: options.count,
    onProbe(next) {
      listener = next;
    },
    disconnected: () => children.reduce((n, c) => n + (c.died ? c.share : c.counts.dropped), 0),
    statusDeltas: () => sum((c) => c.statusDeltas),
    catchUps: () => sum((c) => c.catchUps),
    async close() {
      closing = true;
      const cpu = await Promise.all(children.map((c) => (c.closed ??= closeChild(c))));
      return { cpuMs: cpu.reduce((a, b) => a + b, 0) };
    },
  };
}
