/**
 * Crash safety: `floorwatch serve` is killed with SIGKILL in the middle of ingest and
 * started again on the same database. Every event it acknowledged is in the log, every
 * alert it had raised is there, and the rebuilt floor equals the floor before the kill.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/alerts.js';
import type { IngestResult } from '../../shared/ingest.js';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import { createFeedToken, signInAdmin, startServerProcess, type ServerProcess } from './server-process.js';
import type { Browser } from './access/access-server.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop('SIGKILL')));
});

async function start(db: string): Promise<ServerProcess> {
  // A zero reorder window applies each batch at once, so the test needs no waiting.
  const server = await startServerProcess(['--db', db, '--reorder-window', '0', '--no-rules']);
  running.push(server);
  return server;
}

/** Agent logins, then calls in which the agent says a forbidden phrase: one alert per call. */
function batch(n: number, size: number): object[] {
  const now = Date.now();
  if (n === 0) {
    return Array.from({ length: 20 }, (_, i) => ({
      id: `login-${i}`, type: 'agent.login', ts: now, agentId: String(1000 + i), stationId: `S-${i}`, teamId: `t${i % 2}`,
    }));
  }
  return Array.from({ length: size }, (_, i) => {
    const k = `${n}-${i}`;
    const agentId = String(1000 + ((n * size + i) % 20));
    const kind = i % 4;
    if (kind === 0) return { id: `off-${k}`, type: 'call.offered', ts: now, callId: `c-${k}`, queue: 'general', direction: 'inbound' };
    if (kind === 1) return { id: `ans-${k}`, type: 'call.answered', ts: now, callId: `c-${n}-${i - 1}`, agentId };
    if (kind === 2) return { id: `say-${k}`, type: 'transcript.utterance', ts: now, callId: `c-${n}-${i - 2}`, speaker: 'agent', text: '这个我不知道' };
    return { id: `end-${k}`, type: 'call.ended', ts: now, callId: `c-${n}-${i - 3}`, releasedBy: 'customer' };
  });
}

let token = '';

async function post(url: string, events: object[]): Promise<IngestResult> {
  const res = await fetch(`${url}/api/v1/events`, {
    method: 'POST', body: JSON.stringify(events), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}`);
  return (await res.json()) as IngestResult;
}

/** Reads as the admin of the server at that URL (signing in once per server). */
const sessions = new Map<string, Promise<Browser>>();
async function getJson<T>(url: string): Promise<T> {
  const { origin, pathname, search } = new URL(url);
  if (!sessions.has(origin)) sessions.set(origin, signInAdmin(origin));
  const res = await (await sessions.get(origin)!).call('GET', pathname + search);
  if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
  return (await res.json()) as T;
}

/** What must survive: agents and queue counters (not the wall-clock fields of the moment). */
function durable(s: FloorSnapshot) {
  return {
    agents: s.agents,
    queues: s.queues.map(({ longestWaitSeconds: _l, ...q }) => q),
    alerts: s.alerts.map((a) => a.id).sort(),
    compliance: s.compliance,
  };
}

describe('after kill -9', () => {
  it('loses no acknowledged event and no alert, and rebuilds the same floor', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-crash-'));
    const db = path.join(dir, 'floor.db');
    token = createFeedToken(db);
    let server = await start(db);

    const acknowledged: string[] = [];
    for (let n = 0; n < 12; n++) {
      const events = batch(n, 200);
      const result = await post(server.url, events);
      expect(result.rejected).toBe(0);
      acknowledged.push(...events.map((e) => (e as { id: string }).id));
    }
    const alertsBefore = await getJson<Alert[]>(`${server.url}/api/v1/alerts?limit=5000`);
    expect(alertsBefore.length).toBeGreaterThan(100);
    const before = durable(await getJson<FloorSnapshot>(`${server.url}/api/v1/floor`));

    // Killed with nothing in flight: the rebuilt floor is the same floor, every alert back.
    await server.stop('SIGKILL');
    server = await start(db);
    expect(durable(await getJson<FloorSnapshot>(`${server.url}/api/v1/floor`))).toEqual(before);

    // Killed while a batch is on the wire (it may or may not have been taken) and while
    // the acknowledged ones are still being written about.
    for (let n = 12; n < 16; n++) {
      const events = batch(n, 200);
      await post(server.url, events);
      acknowledged.push(...events.map((e) => (e as { id: string }).id));
    }
    const inFlight = post(server.url, batch(16, 2000)).catch(() => 'lost');
    await server.stop('SIGKILL');
    await inFlight;

    server = await start(db);
    const alertsAfter = await getJson<Alert[]>(`${server.url}/api/v1/alerts?limit=5000`);
    expect(alertsAfter.map((a) => a.id)).toEqual(expect.arrayContaining(alertsBefore.map((a) => a.id)));
    await server.stop('SIGTERM');

    const storage = createSqliteStorage(db);
    try {
      const logged = new Set((await storage.log.read(0, 1_000_000)).map((e) => e.id));
      expect(acknowledged.filter((id) => !logged.has(id))).toEqual([]);
    } finally {
      await storage.close();
    }
  }, 120_000);
});
