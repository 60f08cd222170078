/**
 * What answers without credentials, as the README says: /health, /ready and /metrics (a
 * load balancer and a scraper have none), besides sign-in and TV pairing. After a floor
 * with a caller's number, an agent's name, a transcript and an urgent report, /metrics
 * holds none of them (counts, feed names and rule ids only), and /ready only its checks;
 * the floor itself still needs a session.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../shared/ingest.js';
import { startServer, type RunningServer } from '../../server/serve.js';
import { ADMIN_FIRST_PASSWORD, signInAdmin } from './server-process.js';

/** What the floor is told that is about customers and agents: none of it may show without credentials. */
const PRIVATE = ['+8613800138000', 'Wei Distinctname', 'agent-7731', 'call-secret-42', '我要投诉到监管部门', 'threatens the regulator'];

describe('the endpoints that answer without credentials', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-open-'));
    server = await startServer({
      port: 0, host: '127.0.0.1', db: path.join(dir, 'floor.db'), reorderWindowMs: 0, retentionDays: 7,
      durability: 'NORMAL', logger: pino({ level: 'silent' }), adminPassword: ADMIN_FIRST_PASSWORD, announce: () => undefined,
    });
    const admin = await signInAdmin(server.url);
    const created = await admin.call('POST', '/api/v1/feed-tokens', { csrf: true, body: { name: 'pbx one' } });
    const { token } = (await created.json()) as { token: string };
    const now = Date.now();
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([
        { id: 'o-1', type: 'agent.login', ts: now, agentId: 'agent-7731', stationId: 'S-1', teamId: 'A', name: 'Wei Distinctname' },
        { id: 'o-2', type: 'call.offered', ts: now, callId: 'call-secret-42', queue: 'general', direction: 'inbound', from: '+8613800138000' },
        { id: 'o-3', type: 'call.answered', ts: now, callId: 'call-secret-42', agentId: 'agent-7731' },
        { id: 'o-4', type: 'transcript.utterance', ts: now, callId: 'call-secret-42', speaker: 'customer', text: '我要投诉到监管部门' },
        { id: 'o-5', type: 'urgent.reported', ts: now, agentId: 'agent-7731', callId: 'call-secret-42', summary: 'customer threatens the regulator' },
      ]),
    });
    expect((await res.json()) as IngestResult).toMatchObject({ accepted: 5, rejected: 0 });
  });

  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('/metrics: counts, feed names and rule ids, never a customer or an agent', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/floorwatch_ingest_events_accepted_total\{feed="pbx one"\} 5/);
    for (const secret of PRIVATE) expect(text, secret).not.toContain(secret);
  });

  it('/ready and /health: their checks only', async () => {
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    const report = (await ready.json()) as { checks: Record<string, unknown> };
    expect(Object.keys(report).sort()).toEqual(['checks', 'ready', 'reasons']);
    expect(Object.keys(report.checks).sort()).toEqual(['floors', 'shuttingDown', 'storage']);
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true });
  });

  it('the floor, its alerts and its feeds still need credentials', async () => {
    for (const route of ['/api/v1/floor', '/api/v1/alerts', '/api/v1/feeds']) {
      const res = await fetch(`${server.url}${route}`);
      expect(res.status, route).toBe(401);
      const body = await res.text();
      for (const secret of PRIVATE) expect(body, `${route}: ${secret}`).not.toContain(secret);
    }
  });
});
