/**
 * A floor served by several real `floorwatch serve --redis --postgres` processes (child
 * processes, through the test helper every crash test uses), on a Redis of the test's own
 * and a fresh PostgreSQL schema; plus the checks the cluster tests share: who holds the
 * lease (from /metrics, as an operator would see it), and a wallboard client that keeps
 * its board the way the real client does (snapshot, deltas by seq, resync on a gap,
 * reconnecting forever).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import type { AlertSummary } from '../../../shared/alerts.js';
import { applyAgentChange } from '../../../shared/agent-changes.js';
import type { IngestResult } from '../../../shared/ingest.js';
import { unpack } from '../../../shared/packed.js';
import type { ScreenDelta, ScreenSnapshot, WallboardClientToServer, WallboardServerToClient } from '../../../shared/wallboard.js';
import { POSTGRES_URL, testSchemas } from '../../unit/storage/postgres-test-db.js';
import { parsePrometheusText } from '../../unit/ops/prometheus-text.js';
import type { Browser } from '../access/access-server.js';
import { signInAdmin, startServerProcess, type ServerProcess } from '../server-process.js';
import { startPrivateRedis, type PrivateRedis } from './private-redis.js';

export interface ClusterOptions {
  /** The lease's time to live (short in tests: takeovers within seconds). */
  leaseMs?: number;
  /** Redis keeps an append-only file (fsync always): a restart loses nothing. */
  appendonly?: boolean;
  /** No --redis: single processes on the same PostgreSQL (the bench's baseline). */
  plain?: boolean;
  /** Flags for node itself (the bench's --cpu-prof). */
  nodeFlags?: string[];
}

export interface TestCluster {
  redis: PrivateRedis;
  schema: string;
  postgresUrl: string;
  nodes: Array<ServerProcess | undefined>;
  /** Starts process `i` (again), waiting until it serves. */
  start(i: number): Promise<ServerProcess>;
  /** The index of the process whose /metrics says it owns the floor (undefined when none does). */
  owner(): Promise<number | undefined>;
  /** Waits until exactly one live process owns the floor; its index. */
  waitForOwner(timeoutMs?: number, not?: number): Promise<number>;
  admin(i: number): Promise<Browser>;
  feedToken(): Promise<string>;
  post(i: number, events: object[]): Promise<IngestResult>;
  /** A client on the schema, for checks behind the servers' back. */
  sql<T extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const schemas = testSchemas('fw_cluster');

export async function startCluster(size: number, options: ClusterOptions = {}): Promise<TestCluster> {
  const redis = await startPrivateRedis({ appendonly: options.appendonly ?? false });
  const schema = schemas.next();
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const postgresUrl = `${POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-cluster-'));
  const nodes: Array<ServerProcess | undefined> = Array.from({ length: size }, () => undefined);
  const sessions = new Map<number, Promise<Browser>>();
  const sql = new pg.Client({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  await sql.connect();
  let token: Promise<string> | undefined;

  const cluster: TestCluster = {
    redis, schema, postgresUrl, nodes,
    async start(i) {
      const args = [
        '--db', path.join(dir, `side-${i}.db`), '--postgres', postgresUrl,
        ...(options.plain ? [] : ['--redis', redis.url, '--lease-ms', String(options.leaseMs ?? 1500)]),
        '--reorder-window', '0', '--no-rules',
        // The test feeds post as fast as they can: no rate limit in the way.
        '--ingest-per-minute', '1000000',
      ];
      const node = await startServerProcess(args, 60_000, 0, options.nodeFlags ?? []);
      nodes[i] = node;
      sessions.delete(i);
      return node;
    },
    async owner() {
      const owners: number[] = [];
      await Promise.all(nodes.map(async (node, i) => {
        if (!node || node.child.exitCode !== null || node.child.signalCode !== null) return;
        try {
          const text = await (await fetch(`${node.url}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
          if (parsePrometheusText(text).value('floorwatch_lease_owned', { floor: 'main' }) === 1) owners.push(i);
        } catch {
          // not answering: not an owner anyone can see
        }
      }));
      if (owners.length > 1) throw new Error(`more than one process says it owns the floor: ${owners.join(', ')}`);
      return owners[0];
    },
    async waitForOwner(timeoutMs = 20_000, not) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const owner = await cluster.owner();
        if (owner !== undefined && owner !== not) return owner;
        if (Date.now() > until) throw new Error(`no process took the floor within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    admin(i) {
      if (!sessions.has(i)) sessions.set(i, signInAdmin(nodes[i]!.url));
      return sessions.get(i)!;
    },
    feedToken() {
      token ??= (async () => {
        const created = await (await cluster.admin(0)).call('POST', '/api/v1/feed-tokens', { csrf: true, body: { name: 'pbx cluster' } });
        if (created.status !== 201 && created.status !== 200) throw new Error(`feed token: ${created.status}`);
        return ((await created.json()) as { token: string }).token;
      })();
      return token;
    },
    async post(i, events) {
      const res = await fetch(`${nodes[i]!.url}/api/v1/events`, {
        method: 'POST', body: JSON.stringify(events), signal: AbortSignal.timeout(15_000),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await cluster.feedToken()}` },
      });
      if (res.status !== 200) throw new Error(`ingest at ${i} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as IngestResult;
    },
    async sql(text, values) {
      return (await sql.query(text, values)).rows;
    },
    async close() {
      // Killed outright, unless profiled: a profile is written as the process ends by itself.
      const profiled = options.nodeFlags?.some((flag) => flag.startsWith('--cpu-prof')) === true;
      await Promise.all(nodes.map((n) => n?.stop(profiled ? 'SIGTERM' : 'SIGKILL')));
      await sql.end();
      await redis.stop();
      await schemas.dropAll();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/**
 * A wallboard as the real client keeps it: the snapshot, then deltas in seq order; a gap
 * (or a new day) asks for a resync and replaces the board with the answer. Reconnects
 * forever. Remembers every alert id it was ever shown, with the statuses it saw.
 */
export class BoardClient {
  readonly socket: Socket<WallboardServerToClient, WallboardClientToServer>;
  board: ScreenSnapshot | undefined;
  readonly seen = new Map<string, Set<AlertSummary['status']>>();
  resyncs = 0;
  snapshots = 0;
  /** Why the server ended the connection, each time it did. */
  readonly disconnects: string[] = [];
  private waiters: Array<() => void> = [];

  constructor(url: string, browser: Browser) {
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    this.socket = connect(`${url}/wallboard`, {
      transports: ['websocket'], reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 500, extraHeaders: { cookie },
    });
    this.socket.on('snapshot', (s) => {
      this.snapshots += 1;
      this.replace(unpack(s));
    });
    this.socket.on('delta', (d) => this.apply(unpack(d)));
    this.socket.on('disconnect', (reason) => {
      this.disconnects.push(reason);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  private note(alerts: AlertSummary[]): void {
    for (const alert of alerts) {
      const statuses = this.seen.get(alert.id) ?? new Set();
      statuses.add(alert.status);
      this.seen.set(alert.id, statuses);
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  private replace(s: ScreenSnapshot): void {
    this.board = s;
    this.note(s.alerts);
  }

  private apply(d: ScreenDelta): void {
    const b = this.board;
    if (b === undefined) return;
    if (d.seq <= b.seq) return;
    // A catch-up (shared/wallboard.ts, `after`) applies from any seq inside it.
    if (b.seq < (d.after ?? d.seq - 1) || d.newDay !== undefined) {
      this.resyncs += 1;
      this.socket.emit('resync', (s) => this.replace(unpack(s)));
      return;
    }
    const agents = new Map(b.agents.map((a) => [a.agentId, a]));
    for (const a of d.agents) agents.set(a.agentId, applyAgentChange(agents.get(a.agentId), a));
    const alerts = new Map(b.alerts.map((a) => [a.id, a]));
    for (const a of d.alerts) {
      if (a.status === 'resolved') alerts.delete(a.id);
      else alerts.set(a.id, a);
    }
    this.board = { ...b, seq: d.seq, at: d.at, agents: [...agents.values()], alerts: [...alerts.values()], ...(d.floor && { floor: d.floor }) };
    this.note(d.alerts);
  }

  /** Resolves once `check` holds for this board (checked on every change). */
  until(check: (client: BoardClient) => boolean, timeoutMs = 20_000, what = 'the board'): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${what}: not reached within ${timeoutMs} ms (board at seq ${this.board?.seq}, ` +
        `${this.board?.alerts.length} live alerts, ${this.snapshots} snapshots, ${this.resyncs} resyncs, connected: ${this.socket.connected})`)), timeoutMs);
      const test = () => {
        if (check(this)) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(test);
        }
      };
      test();
    });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** Agent logins, then calls in which the agent says a forbidden phrase: one alert per call. */
export function callBatch(tag: string, calls: number, agents = 10): object[] {
  const now = Date.now();
  return Array.from({ length: calls }, (_, i) => {
    const call = `c-${tag}-${i}`;
    const agentId = String(1000 + (i % agents));
    return [
      { id: `off-${tag}-${i}`, type: 'call.offered', ts: now, callId: call, queue: 'general', direction: 'inbound' },
      { id: `ans-${tag}-${i}`, type: 'call.answered', ts: now, callId: call, agentId },
      { id: `say-${tag}-${i}`, type: 'transcript.utterance', ts: now, callId: call, speaker: 'agent', text: '这个我不知道' },
      { id: `end-${tag}-${i}`, type: 'call.ended', ts: now, callId: call, releasedBy: 'customer' },
    ];
  }).flat();
}

export function logins(agents = 10): object[] {
  const now = Date.now();
  return Array.from({ length: agents }, (_, i) => ({
    id: `login-${i}`, type: 'agent.login', ts: now, agentId: String(1000 + i), stationId: `S-${i}`, teamId: `t${i % 2}`,
  }));
}
