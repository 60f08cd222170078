/**
 * Operations against a real server (startServer on SQLite, real HTTP and socket.io):
 * /metrics is Prometheus text whose counts go up with ingest, alerts and sockets; /ready
 * tells a load balancer the truth (storage, floor, shutdown); every response carries its
 * request id, and the log line of the request carries it too. And the start: while the
 * floor is rebuilt the port already answers /health, and /ready says "not yet".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../shared/ingest.js';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { createApplication } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { listenWhileBooting } from '../../server/ops/boot-server.js';
import { createMetrics } from '../../server/ops/metrics.js';
import { createReadiness } from '../../server/ops/readiness.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import { createMemoryStorage } from '../../server/storage/memory.js';
import { stubAccess } from '../helpers/stub-access.js';
import { wallboard } from '../helpers/secured-floor.js';
import { parsePrometheusText } from '../unit/ops/prometheus-text.js';
import { ADMIN_FIRST_PASSWORD, signInAdmin } from './server-process.js';
import type { Browser } from './access/access-server.js';
import { once } from './once.js';

interface LogLine { msg: string; reqId?: string; method?: string; path?: string; status?: number; ms?: number }

function capture(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { logger: pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) }), lines };
}

async function scrape(base: string) {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
}

const sockets: Socket[] = [];

describe('a real server', () => {
  let dir: string;
  let server: RunningServer;
  let admin: Browser;
  let token: string;
  const { logger, lines } = capture();

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'floorwatch-ops-'));
    server = await startServer({
      port: 0, host: '127.0.0.1', db: path.join(dir, 'floor.db'), reorderWindowMs: 0, retentionDays: 7,
      durability: 'NORMAL', logger, adminPassword: ADMIN_FIRST_PASSWORD, announce: () => undefined,
    });
    admin = await signInAdmin(server.url);
    const created = await admin.call('POST', '/api/v1/feed-tokens', { csrf: true, body: { name: 'pbx one' } });
    token = ((await created.json()) as { token: string }).token;
  });

  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = async (events: object[]): Promise<IngestResult> => {
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    return (await res.json()) as IngestResult;
  };

  it('answers /health and /ready (storage reachable, floor rebuilt and keeping up)', async () => {
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { ready: boolean; checks: { storage: string; floors: Array<{ floor: string; engineLagSeconds: number }> } };
    expect(report).toMatchObject({ ready: true, checks: { storage: 'ok', floors: [{ floor: 'default' }] } });
    // The reorder window is 0 and a quiet floor beats every 5 s: a few seconds at most.
    expect(report.checks.floors[0].engineLagSeconds).toBeLessThan(10);
  });

  it('counts ingest per feed, over HTTP and socket.io, and alerts as they open', async () => {
    const before = await scrape(server.url);
    const feed = { feed: 'pbx one' };
    const counted = (exposition: typeof before, name: string) => exposition.value(`floorwatch_ingest_events_${name}_total`, feed) ?? 0;
    const now = Date.now();
    const call = [
      { id: 'login-1', type: 'agent.login', ts: now, agentId: '1001', stationId: 'S-1', teamId: 'A' },
      { id: 'off-1', type: 'call.offered', ts: now, callId: 'c-1', queue: 'general', direction: 'inbound' },
      { id: 'ans-1', type: 'call.answered', ts: now, callId: 'c-1', agentId: '1001' },
      { id: 'say-1', type: 'transcript.utterance', ts: now, callId: 'c-1', speaker: 'agent', text: '这个我不知道' },
    ];
    expect(await post([...call, { id: 'bad', type: 'agent.login' }])).toMatchObject({ accepted: 4, rejected: 1 });
    expect(await post([call[0]])).toMatchObject({ duplicates: 1 });
    // forceNew: its own connection, not one a later wallboard socket (with a cookie) would share.
    const ingestSocket = connect(`${server.url}/ingest`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
    sockets.push(ingestSocket);
    const viaSocket = await ingestSocket.timeout(5_000).emitWithAck('events', [
      { id: 'login-2', type: 'agent.login', ts: now, agentId: '1002', stationId: 'S-2', teamId: 'A' },
    ]);
    expect(viaSocket).toMatchObject({ accepted: 1 });
    // The floor applies the batch and opens the forbidden-phrase alert on its next tick.
    await server.floor.tick();

    const after = await scrape(server.url);
    expect(counted(after, 'received') - counted(before, 'received')).toBe(7);
    expect(counted(after, 'accepted') - counted(before, 'accepted')).toBe(5);
    expect(counted(after, 'rejected') - counted(before, 'rejected')).toBe(1);
    expect(counted(after, 'duplicate') - counted(before, 'duplicate')).toBe(1);
    // The agent said a forbidden phrase (critical), and did not open with the greeting (info).
    expect(after.value('floorwatch_alerts_opened_total', { floor: 'default', rule: 'forbidden-phrases' })).toBe(1);
    expect(after.value('floorwatch_alerts_opened_total', { floor: 'default', rule: 'greeting' })).toBe(1);
    expect(after.value('floorwatch_alerts_open', { floor: 'default', severity: 'critical' })).toBe(1);
    expect(after.value('floorwatch_alerts_open', { floor: 'default', severity: 'info' })).toBe(1);
    expect(after.value('floorwatch_alerts_open', { floor: 'default', severity: 'warning' })).toBe(0);
    expect(after.value('floorwatch_sockets', { namespace: '/ingest', role: 'feed' })).toBe(1);
    expect(after.value('floorwatch_engine_lag_seconds', { floor: 'default' })).toBeGreaterThanOrEqual(0);
    // The process's own figures come along, under their standard names.
    expect(after.types.get('process_resident_memory_bytes')).toBe('gauge');
  });

  it('counts wallboard sockets by the role of who is watching', async () => {
    const board = wallboard(server.url, { browser: admin });
    sockets.push(board);
    await once<FloorSnapshot>(board, 'snapshot');
    expect((await scrape(server.url)).value('floorwatch_sockets', { namespace: '/wallboard', role: 'admin' })).toBe(1);
    const left = once(board, 'disconnect');
    board.disconnect();
    await left;
    // The server sees the disconnect a moment later; scrape until it has (each wait is a response).
    let count: number | undefined = 1;
    for (const deadline = Date.now() + 5_000; count !== undefined && Date.now() < deadline;) {
      count = (await scrape(server.url)).value('floorwatch_sockets', { namespace: '/wallboard', role: 'admin' });
    }
    expect(count).toBeUndefined();
  });

  it('sends every response its request id, and logs the request with it', async () => {
    const res = await fetch(`${server.url}/api/v1/floor`, { headers: { 'x-request-id': 'lb-7f3a' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('lb-7f3a');
    expect(lines.find((line) => line.msg === 'request' && line.reqId === 'lb-7f3a'))
      .toMatchObject({ method: 'GET', path: '/api/v1/floor', status: 401 });
    const fresh = await fetch(`${server.url}/health`);
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is not ready once shutdown has begun, while it still answers /health', async () => {
    server.readiness.beginShutdown();
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ ready: false, reasons: ['shutting down'] });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

describe('starting up', () => {
  it('answers on its port while the floor is rebuilt (/health 200, /ready 503), then hands the same port to the app', async () => {
    const { logger } = capture();
    const storage = createMemoryStorage();
    const metrics = createMetrics();
    const readiness = createReadiness({ pingStorage: () => storage.log.lastSeq(), logger });
    const boot = await listenWhileBooting({ port: 0, host: '127.0.0.1', metrics, readiness, logger });
    const address = boot.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    expect((await fetch(`${base}/health`)).status).toBe(200);
    const notYet = await fetch(`${base}/ready`);
    expect(notYet.status).toBe(503);
    expect(await notYet.json()).toMatchObject({ ready: false, reasons: ['floor not rebuilt yet'], checks: { storage: 'ok' } });
    const api = await fetch(`${base}/api/v1/floor`);
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('5');
    expect(api.headers.get('x-request-id')).toBeTruthy();
    parsePrometheusText(await (await fetch(`${base}/metrics`)).text());

    const floor = await Floor.open({ storage, clock: { now: () => Date.now() }, rules: defaultRulesConfig() });
    const app = createApplication({ floor, logger, access: stubAccess().edge, metrics, readiness, httpServer: boot.handOver() });
    try {
      const ready = await fetch(`${base}/ready`);
      expect(ready.status).toBe(200);
      expect((await fetch(`${base}/api/v1/floor`)).status).toBe(200);
      // socket.io attached to the handed-over server too.
      const board = wallboard(base, {});
      sockets.push(board);
      expect(await once<FloorSnapshot>(board, 'snapshot')).toMatchObject({ demo: false });
      board.disconnect();

      // A second server on the same port is told what is wrong and what to do, in its terms.
      const port = Number(new URL(base).port);
      await expect(listenWhileBooting({ port, host: '127.0.0.1', metrics, readiness, logger }))
        .rejects.toThrow(`127.0.0.1:${port} is in use (another Floorwatch, or another program, listens there): stop it, or choose another --port`);

      // The storage going away makes it not ready, and says which check failed.
      await storage.close();
      const down = await fetch(`${base}/ready`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ reasons: ['storage unreachable'], checks: { storage: 'unreachable' } });
    } finally {
      await app.close();
      await floor.close();
    }
    expect(readiness.shuttingDown).toBe(true);
  });

  it('closes its boot listener when the start fails before the hand-over', async () => {
    const { logger } = capture();
    const boot = await listenWhileBooting({ port: 0, host: '127.0.0.1', metrics: createMetrics(), readiness: createReadiness(), logger });
    await boot.close();
    expect(boot.server.listening).toBe(false);
  });
});
