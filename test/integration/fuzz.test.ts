/**
 * Random and malformed bodies, headers and socket payloads at every ingest and command
 * endpoint: the server answers 4xx (never 5xx), keeps running, and nothing it had already
 * accepted is lost.
 */
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T0 } from '../helpers/engine-harness.js';
import { signIn, startSecuredFloor, wallboard, INITIAL_ADMIN, STRONG, type SecuredFloor, type Wallboard } from '../helpers/secured-floor.js';
import { Browser } from './access/access-server.js';
import { once } from './once.js';

let s: SecuredFloor;
let supervisor: Browser;
let board: Wallboard;
let feed: Socket;

const junk = fc.oneof(
  fc.string(),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.array(fc.record({ id: fc.string(), type: fc.constantFrom('agent.login', 'call.ended', 'x'), ts: fc.oneof(fc.integer(), fc.string()) }), { maxLength: 5 })
    .map((v) => JSON.stringify(v)),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
  fc.constant('{"a":'), fc.constant('[{]'), fc.constant('\u0000\uFFFF'), fc.constant(''),
);
const contentType = fc.constantFrom(undefined, 'application/json', 'application/x-ndjson', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'x-\u00e9/\u00ff');
const path = fc.constantFrom(
  '/api/v1/events', '/api/v1/alerts/al-1/acknowledge', '/api/v1/alerts/al-1/resolve', '/api/v1/calls/c1/hold-approval',
  '/api/v1/session', '/api/v1/session/password', '/api/v1/tv/pair-requests', '/api/v1/accounts', '/api/v1/displays',
  '/api/v1/alerts/%E0%A4%A/acknowledge', '/api/v1/calls/' + 'x'.repeat(300) + '/hold-approval',
);

/** Its own connection (a feed is its own process), not multiplexed with the wallboard's. */
function feedSocket(): Socket {
  return connect(`${s.base}/ingest`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: s.feedToken } });
}

async function loggedIds(): Promise<number> {
  return (await s.floor.listAlerts({})).length + s.floor.snapshot().agents.length;
}

beforeAll(async () => {
  s = await startSecuredFloor();
  const admin = await signIn(s.base, 'admin', INITIAL_ADMIN);
  const res = await admin.call('POST', '/api/v1/accounts', { csrf: true, body: { username: 'sup', name: 'Sup', role: 'supervisor' } });
  supervisor = await signIn(s.base, 'sup', ((await res.json()) as { oneTimePassword: string }).oneTimePassword);
  board = wallboard(s.base, { browser: supervisor });
  await once(board, 'snapshot');
  feed = feedSocket();
  await once(feed, 'connect');
  s.clock.set(T0 + 5000);
  const ok = await fetch(`${s.base}/api/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.feedToken}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ id: 'keep-1', type: 'agent.login', ts: T0, agentId: '1001', stationId: 'S-1' }]),
  });
  expect(((await ok.json()) as { accepted: number }).accepted).toBe(1);
});

afterAll(async () => {
  board?.close();
  feed?.close();
  await s?.close();
});

describe('fuzzing the edges', () => {
  it('HTTP: random bodies, types and headers get 2xx or 4xx, never 5xx', async () => {
    const before = await loggedIds();
    await fc.assert(fc.asyncProperty(path, junk, contentType, fc.boolean(), fc.boolean(), fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET'),
      async (p, body, type, withToken, withSession, method) => {
        const headers: Record<string, string> = {};
        if (type !== undefined) headers['content-type'] = type;
        if (withToken) headers.authorization = `Bearer ${s.feedToken}`;
        if (withSession) {
          headers.cookie = [...supervisor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
          headers['x-csrf-token'] = supervisor.cookies.get('fw_csrf') ?? '';
        }
        const res = await fetch(`${s.base}${p}`, { method, headers, ...(method !== 'GET' && { body }) });
        const text = await res.text();
        expect([p, method, res.status]).toEqual([p, method, expect.any(Number)]);
        expect(res.status, `${method} ${p} ${type} ${body.slice(0, 60)} -> ${text.slice(0, 200)}`).toBeLessThan(500);
        expect(text).not.toMatch(/at .*\.ts:\d+|node_modules/);
      }), { numRuns: 300 });
    expect(await loggedIds()).toBeGreaterThanOrEqual(before);
    expect((await fetch(`${s.base}/health`)).status).toBe(200);
  });

  it('socket.io: random payloads to /ingest and the wallboard commands are answered or ignored, never fatal', async () => {
    // The HTTP storm may have signed the supervisor out (DELETE /session is fair game): start afresh.
    board.close();
    feed.close();
    const again = new Browser(s.base);
    expect((await again.call('POST', '/api/v1/session', { body: { username: 'sup', password: STRONG } })).status).toBe(200);
    board = wallboard(s.base, { browser: again });
    await once(board, 'snapshot');
    feed = feedSocket();
    await once(feed, 'connect');
    await fc.assert(fc.asyncProperty(fc.anything(), fc.constantFrom('events', 'alert:acknowledge', 'alert:resolve', 'hold:approve', 'resync', 'nonsense'),
      async (payload, event) => {
        const target = event === 'events' ? feed : board;
        if (event === 'nonsense') {
          // No handler, so no ack: the socket must simply stay up.
          target.emit(event as never, payload as never);
          return;
        }
        const answer = await target.timeout(5000).emitWithAck(event as never, payload as never).catch((e: Error) => e);
        expect(answer).not.toBeInstanceOf(Error);
      }), { numRuns: 200 });
    expect(feed.connected && board.connected).toBe(true);
    const res = await feed.emitWithAck('events', [{ id: 'keep-2', type: 'agent.login', ts: T0 + 1000, agentId: '1002', stationId: 'S-2' }]);
    expect(res).toMatchObject({ accepted: 1 });
    // What was accepted before the storm is still there.
    expect(s.floor.snapshot().agents.map((a) => a.agentId).sort()).toEqual(['1001', '1002']);
  });
});
