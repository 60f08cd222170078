/**
 * The transport end to end: a real http server on port 0, real socket.io clients, and a
 * fake floor behind them. No sleeps: every wait is on a response, an event or an ack.
 */
import { stubAccess, SUPERVISOR } from '../helpers/stub-access.js';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertSummary } from '../../shared/alerts.js';
import type { IngestResult } from '../../shared/ingest.js';
import { unpack } from '../../shared/packed.js';
import type {
  ScreenDelta, ScreenSnapshot, IngestClientToServer, IngestServerToClient, WallboardClientToServer, WallboardServerToClient,
} from '../../shared/wallboard.js';
import { createApplication, type Application, type ApplicationDeps } from '../../server/app.js';
import { emptySnapshot, FakeFloor, sampleAlert } from './fake-floor.js';
import { once } from './once.js';

type WallboardClient = ClientSocket<WallboardServerToClient, WallboardClientToServer>;
type IngestClient = ClientSocket<IngestServerToClient, IngestClientToServer>;

const answered = (id: string, extra: Record<string, unknown> = {}) => ({
  id, ts: 1_764_291_603_000, type: 'call.answered', callId: `call-${id}`, agentId: '1001', ...extra,
});

let floor: FakeFloor;
const started: Application[] = [];
const clients: ClientSocket[] = [];
let base: string;

async function start(options: Partial<ApplicationDeps> = {}): Promise<string> {
  const application = createApplication({ floor, logger: pino({ level: 'silent' }), bodyLimit: '64kb', access: stubAccess().edge, ...options });
  started.push(application);
  await new Promise<void>((resolve) => application.httpServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;
}

function client<T extends ClientSocket>(url: string, auth?: object): T {
  const socket = connect(url, { transports: ['websocket'], autoConnect: false, reconnection: false, ...(auth && { auth }) });
  clients.push(socket);
  return socket as T;
}

function post(path: string, body: string, contentType?: string): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {},
  });
}

beforeEach(async () => {
  floor = new FakeFloor();
  base = await start();
});

afterEach(async () => {
  for (const socket of clients.splice(0)) socket.disconnect();
  await Promise.all(started.splice(0).map((a) => a.close()));
});

describe('ingest under overload', () => {
  it('refuses a batch with 503 and Retry-After while too many events wait, and takes it once they are applied', async () => {
    // No wait for room (the next test waits): refused at once.
    const url = await start({ ingestMaxPending: 3, ingestRoomWaitMs: 0 });
    let release!: () => void;
    floor.ingestGate = new Promise<void>((r) => { release = r; });
    const entered = new Promise<void>((r) => { floor.onIngest = r; });
    const first = fetch(`${url}/api/v1/events`, { method: 'POST', body: JSON.stringify([answered('b1'), answered('b2')]), headers: { 'content-type': 'application/json' } });
    await entered;
    const busy = await fetch(`${url}/api/v1/events`, { method: 'POST', body: JSON.stringify([answered('b3'), answered('b4')]), headers: { 'content-type': 'application/json' } });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('1');
    expect(((await busy.json()) as { error: string }).error).toMatch(/busy: 2 events are waiting/);
    // At the limit no batch fits: refused before its body is even read.
    const full = await start({ ingestMaxPending: 2, ingestRoomWaitMs: 0 });
    const entered2 = new Promise<void>((r) => { floor.onIngest = r; });
    const filling = fetch(`${full}/api/v1/events`, { method: 'POST', body: JSON.stringify([answered('f1'), answered('f2')]), headers: { 'content-type': 'application/json' } });
    await entered2;
    const refused = await fetch(`${full}/api/v1/events`, { method: 'POST', body: 'not even a batch', headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^busy/);
    // Nothing of the refused batch reached the floor: it was never accepted.
    release();
    expect((await first).status).toBe(200);
    expect((await filling).status).toBe(200);
    expect(floor.ingested.map((e) => e.id)).toEqual(['b1', 'b2', 'f1', 'f2']);
    floor.ingestGate = undefined;
    const again = await fetch(`${url}/api/v1/events`, { method: 'POST', body: JSON.stringify([answered('b3'), answered('b4')]), headers: { 'content-type': 'application/json' } });
    expect(again.status).toBe(200);
    expect(floor.ingested.map((e) => e.id)).toEqual(['b1', 'b2', 'f1', 'f2', 'b3', 'b4']);
  });

  // Bodies of 600 events: over 64 KB, so not held to the cap only as an urgent event's is.
  const bulk = (tag: string): string => JSON.stringify(Array.from({ length: 600 }, (_, i) => answered(`${tag}-${i}`)));

  it('lets a batch that finds the floor busy wait for room, its body unread, and takes it once the floor has applied what waited', async () => {
    const url = await start({ ingestMaxPending: 1000, bodyLimit: '1mb' });
    const send = (body: string) => fetch(`${url}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect((await send(bulk('warm'))).status).toBe(200); // the bytes per event are learned
    let release!: () => void;
    floor.ingestGate = new Promise<void>((r) => { release = r; });
    const entered = new Promise<void>((r) => { floor.onIngest = r; });
    const first = send(bulk('w1'));
    await entered;
    // 600 wait and 600 more would pass 1,000: this one waits (up to a second) instead of a 503.
    const waiting = send(bulk('w2'));
    floor.ingestGate = undefined;
    release();
    expect((await first).status).toBe(200);
    expect((await waiting).status).toBe(200);
    expect(floor.ingested.length).toBe(1800);
    expect(floor.ingested.at(-1)?.id).toBe('w2-599');
  });

  it('refuses a batch that waited for room in vain, with the count waiting', async () => {
    const url = await start({ ingestMaxPending: 1000, ingestRoomWaitMs: 50, bodyLimit: '1mb' });
    const send = (body: string) => fetch(`${url}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect((await send(bulk('warm'))).status).toBe(200);
    let release!: () => void;
    floor.ingestGate = new Promise<void>((r) => { release = r; });
    const entered = new Promise<void>((r) => { floor.onIngest = r; });
    const first = send(bulk('v1'));
    await entered;
    const refused = await send(bulk('v2'));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: string }).error).toMatch(/busy: 600 events are waiting to be applied \(limit 1000\)/);
    release();
    expect((await first).status).toBe(200);
    expect(floor.ingested.length).toBe(1200);
  });

  it('always takes a batch when nothing waits, however big', async () => {
    const url = await start({ ingestMaxPending: 1 });
    const res = await fetch(`${url}/api/v1/events`, { method: 'POST', body: JSON.stringify([answered('c1'), answered('c2'), answered('c3')]), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(200);
  });
});

describe('POST /api/v1/events', () => {
  it('reports each bad event and hands the good ones to the floor', async () => {
    const batch = [answered('e0'), answered('e1', { ts: 'noon' }), { ...answered('e2'), type: 'nope' }, answered('e3')];
    const res = await post('/api/v1/events', JSON.stringify(batch), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      accepted: 2, duplicates: 0, rejected: 2,
      errors: [
        { index: 1, field: 'ts', id: 'e1', reason: expect.stringContaining('ISO 8601') },
        { index: 2, field: 'type', id: 'e2', reason: 'unknown event type "nope"' },
      ],
    });
    expect(floor.ingested.map((e) => e.id)).toEqual(['e0', 'e3']);
  });

  it('reads NDJSON and maps the floor\'s refusals back to batch positions', async () => {
    floor.refuse = (e) => (e.id === 'e3' ? { field: 'ts', reason: 'too far in the future' } : undefined);
    const body = [answered('e0'), { bad: true }, answered('e2'), answered('e3')].map((e) => JSON.stringify(e)).join('\n');
    const res = await post('/api/v1/events', `${body}\n`, 'application/x-ndjson');
    expect(res.status).toBe(200);
    const result = (await res.json()) as IngestResult;
    expect(result).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2 });
    expect(result.errors.map((e) => [e.index, e.field])).toEqual([[1, 'type'], [3, 'ts']]);
    expect(result.errors[1]).toEqual({ index: 3, field: 'ts', reason: 'too far in the future', id: 'e3' });
  });

  it('answers 422 when every event is rejected, and 200 for a resent batch of duplicates', async () => {
    const bad = await post('/api/v1/events', JSON.stringify([{ id: 'x' }, 7]), 'application/json');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ accepted: 0, rejected: 2 });

    const batch = JSON.stringify([answered('d1'), answered('d2')]);
    expect((await post('/api/v1/events', batch, 'application/json')).status).toBe(200);
    const resent = await post('/api/v1/events', batch, 'application/json');
    expect(resent.status).toBe(200);
    expect(await resent.json()).toEqual({ accepted: 0, duplicates: 2, rejected: 0, errors: [] });
  });

  it('answers only once the floor has made the events durable', async () => {
    let release!: () => void;
    floor.ingestGate = new Promise<void>((resolve) => { release = resolve; });
    const entered = new Promise<void>((resolve) => { floor.onIngest = resolve; });
    let answered_ = false;
    const pending = post('/api/v1/events', JSON.stringify([answered('slow')]), 'application/json')
      .then((res) => { answered_ = true; return res; });
    await entered;
    // A full round trip on another request: had the ingest answered early, it would be in by now.
    expect((await fetch(`${base}/health`)).status).toBe(200);
    expect(answered_).toBe(false);
    release();
    expect((await pending).status).toBe(200);
  });

  it('413 for a body over the limit, 400 for one that is not a batch, 415 for other types', async () => {
    const big = JSON.stringify(Array.from({ length: 1000 }, (_, i) => answered(`big-${i}`)));
    const tooLarge = await post('/api/v1/events', big, 'application/json');
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({ error: 'body too large', limit: '64kb' });

    const garbage = await post('/api/v1/events', 'this is not json', 'application/json');
    expect(garbage.status).toBe(400);
    expect(await garbage.json()).toEqual({ error: expect.stringMatching(/neither a JSON array nor NDJSON/) });

    const csv = await post('/api/v1/events', 'id,ts\n1,2', 'text/csv');
    expect(csv.status).toBe(415);
    expect(await csv.json()).toMatchObject({ error: expect.stringContaining('text/csv') });
    expect(floor.ingested).toEqual([]);
  });

  it('takes a 10,000-event batch at the default limit', async () => {
    const url = await start({ bodyLimit: undefined });
    const body = Array.from({ length: 10_000 }, (_, i) => JSON.stringify(answered(`n${i}`))).join('\n');
    const res = await fetch(`${url}/api/v1/events`, { method: 'POST', body, headers: { 'content-type': 'application/x-ndjson' } });
    expect(await res.json()).toEqual({ accepted: 10_000, duplicates: 0, rejected: 0, errors: [] });
  });
});

describe('socket.io /ingest', () => {
  it('acks an IngestResult, an error for a non-array, and ingests a batch sent without an ack', async () => {
    const socket = client<IngestClient>(`${base}/ingest`).connect();
    const result = await socket.timeout(5_000).emitWithAck('events', [answered('s1'), { id: 's2', ts: 1 }]);
    expect(result).toEqual({
      accepted: 1, duplicates: 0, rejected: 1, errors: [{ index: 1, field: 'type', id: 's2', reason: 'missing event type' }],
    });
    expect(await socket.timeout(5_000).emitWithAck('events', { not: 'an array' })).toEqual({ error: 'expected an array of events' });

    socket.emit('events', [answered('fire-and-forget')], undefined as never);
    // Events of one socket are handled in order, so the next ack comes after the one before it.
    await socket.timeout(5_000).emitWithAck('events', []);
    expect(floor.ingested.map((e) => e.id)).toEqual(['s1', 'fire-and-forget']);
  });

  it('takes a batch over socket.io\'s default 1 MB message size', async () => {
    const url = await start({ bodyLimit: undefined });
    const socket = client<IngestClient>(`${url}/ingest`).connect();
    const batch = Array.from({ length: 10_000 }, (_, i) => answered(`w${i}`));
    const result = await socket.timeout(10_000).emitWithAck('events', batch);
    expect(result).toMatchObject({ accepted: 10_000, rejected: 0 });
  });
});

describe('socket.io /wallboard', () => {
  it('sends a snapshot on connect, then every delta, from one floor subscription', async () => {
    const first = client<WallboardClient>(`${base}/wallboard`);
    const second = client<WallboardClient>(`${base}/wallboard`);
    const snapshots = [once<ScreenSnapshot>(first, 'snapshot'), once<ScreenSnapshot>(second, 'snapshot')];
    // The namespace's one subscription (and the ops tracker's, server/ops): none per socket.
    const subscriptions = floor.subscriberCount;
    first.connect();
    second.connect();
    const [snapshot] = await Promise.all(snapshots);
    expect(snapshot).toMatchObject({ alerts: [{ id: 'alert-1' }] });
    expect(floor.subscriberCount).toBe(subscriptions);

    const deltas = [once<ScreenDelta>(first, 'delta'), once<ScreenDelta>(second, 'delta')];
    const pushed = floor.pushDelta({ alerts: [sampleAlert('alert-2')] });
    // Numbered in the screens' own sequence, which the snapshot started; alerts as summaries.
    for (const delta of await Promise.all(deltas)) expect(delta).toEqual({ ...pushed, alerts: pushed.alerts.map(alertSummary), seq: snapshot!.seq + 1 });
  });

  const emptyFloorFigures = () => emptySnapshot(0, []).floor;

  it("skips a screen for a delta of alerts it may not see, without a gap in its numbering; passes the floor's gaps on", async () => {
    const teamB = client<WallboardClient>(`${base}/wallboard`, { teams: ['B'] });
    const whole = client<WallboardClient>(`${base}/wallboard`);
    const [b0, w0] = await Promise.all([once<ScreenSnapshot>(teamB.connect(), 'snapshot'), once<ScreenSnapshot>(whole.connect(), 'snapshot')]);
    const seen: Record<'b' | 'w', ScreenDelta[]> = { b: [], w: [] };
    let arrived = (): void => undefined;
    teamB.on('delta', (d) => { seen.b.push(unpack(d)); arrived(); });
    whole.on('delta', (d) => { seen.w.push(unpack(d)); arrived(); });
    /** Resolves once both screens hold this many deltas (socket events, no timers). */
    const until = (done: () => boolean): Promise<void> => new Promise((resolve) => {
      arrived = () => { if (done()) resolve(); };
      arrived();
    });
    const alertOf = (id: string, teamId: string) => ({ ...sampleAlert(id), teamId });
    floor.pushDelta({ alerts: [alertOf('a-A', 'A')] }); // alerts alone, none of team B
    floor.pushDelta({ alerts: [alertOf('a-B', 'B')] });
    floor.pushDelta({ agents: [], floor: emptyFloorFigures() }); // status: to every screen
    await until(() => seen.w.length === 3 && seen.b.length === 2);
    expect(seen.w.map((d) => d.seq)).toEqual([w0.seq + 1, w0.seq + 2, w0.seq + 3]);
    expect(seen.b.map((d) => d.seq)).toEqual([b0.seq + 1, b0.seq + 2]);
    expect(seen.b[0]!.alerts.map((a) => a.id)).toEqual(['a-B']);
    // The floor skips a seq (replaced in cluster mode): every screen sees a gap, and resyncs.
    floor.seq += 1;
    floor.pushDelta({ floor: emptyFloorFigures() });
    await until(() => seen.w.length === 4 && seen.b.length === 3);
    expect(seen.w[3]!.seq).toBe(w0.seq + 5);
    expect(seen.b[2]!.seq).toBe(b0.seq + 4);
    expect(await teamB.timeout(5_000).emitWithAck('resync')).toMatchObject({ seq: b0.seq + 4 });
  });

  it('answers resync with a fresh snapshot', async () => {
    const socket = client<WallboardClient>(`${base}/wallboard`);
    const snapshot = once<ScreenSnapshot>(socket, 'snapshot');
    socket.connect();
    const first = await snapshot;
    floor.pushDelta();
    expect(await socket.timeout(5_000).emitWithAck('resync')).toMatchObject({ seq: first.seq + 1 });
  });

  it('validates commands, naming the field, and passes good ones to the floor as the signed-in viewer', async () => {
    const socket = client<WallboardClient>(`${base}/wallboard`).connect();
    const ack = socket.timeout(5_000);
    expect(await ack.emitWithAck('alert:acknowledge', { alertId: 42 } as never))
      .toEqual({ ok: false, field: 'alertId', error: expect.stringContaining('alertId'), code: 'invalidField', params: { field: 'alertId', detail: expect.any(String) } });
    expect(await ack.emitWithAck('hold:approve', { callId: 'call-1', seconds: 0 }))
      .toMatchObject({ ok: false, field: 'seconds' });
    // Strict inputs: an unknown field is refused, named, not dropped with its text.
    expect(await ack.emitWithAck('alert:resolve', { alertId: 'alert-1', resolution: 'done' } as never))
      .toMatchObject({ ok: false, field: 'resolution', code: 'invalidField' });
    expect(floor.commands).toEqual([]);

    expect(await ack.emitWithAck('alert:acknowledge', { alertId: 'alert-1', note: 'on it' }))
      .toMatchObject({ ok: true, value: { id: 'alert-1', status: 'acknowledged', acknowledgedBy: 'sup' } });
    expect(await ack.emitWithAck('hold:approve', { callId: 'call-1', seconds: 120 }))
      .toEqual({ ok: true, value: { callId: 'call-1', allowedSeconds: 120 } });
    expect(floor.commands).toEqual([
      { type: 'alert.acknowledge', by: 'sup', alertId: 'alert-1', note: 'on it' },
      { type: 'hold.approve', by: 'sup', callId: 'call-1', seconds: 120 },
    ]);
  });
});

describe('the address commands are audited with', () => {
  // The proxy in front (--trust-proxy) is believed for socket.io commands as for HTTP ones.
  for (const [trustProxy, expected] of [[1, '203.0.113.7'], [undefined, '127.0.0.1']] as const) {
    it(`is ${expected} for a socket behind a proxy with trustProxy ${String(trustProxy)}`, async () => {
      const access = stubAccess();
      const url = await start({ access: access.edge, ...(trustProxy !== undefined && { trustProxy }) });
      const socket = connect(`${url}/wallboard`, { transports: ['websocket'], reconnection: false, extraHeaders: { 'x-forwarded-for': '203.0.113.7' } }) as WallboardClient;
      clients.push(socket);
      expect(await socket.timeout(5_000).emitWithAck('alert:acknowledge', { alertId: 'alert-1' })).toMatchObject({ ok: true });
      expect(access.audit).toEqual([expect.objectContaining({ action: 'alert-acknowledged', ip: expected })]);
    });
  }
});

describe('REST', () => {
  const postJson = (path: string, body: unknown) => post(path, JSON.stringify(body), 'application/json');

  it('serves the snapshot, the rules and health', async () => {
    expect(await (await fetch(`${base}/api/v1/floor`)).json()).toMatchObject({ seq: 1, day: '2026-11-28' });
    expect(await (await fetch(`${base}/api/v1/rules`)).json()).toMatchObject({ timezone: 'Asia/Shanghai' });
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ ok: true });
  });

  it('lists alerts with a validated query', async () => {
    const res = await fetch(`${base}/api/v1/alerts?status=open,acknowledged&rule=greeting&from=1000&to=2026-11-29T00:00:00Z&limit=10`);
    expect(res.status).toBe(200);
    expect(floor.alertQueries).toEqual([{
      status: ['open', 'acknowledged'], rule: 'greeting', from: 1000, to: Date.parse('2026-11-29T00:00:00Z'), limit: 10,
    }]);

    for (const [query, field] of [['status=closed', 'status.0'], ['limit=0', 'limit'], ['stauts=open', 'stauts']]) {
      const bad = await fetch(`${base}/api/v1/alerts?${query}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ field });
    }
  });

  it('runs the same commands as the socket, with status codes', async () => {
    const ack = await postJson('/api/v1/alerts/alert-1/acknowledge', { note: 'seen' });
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ ok: true, value: { status: 'acknowledged', acknowledgeNote: 'seen' } });

    const resolve = await post('/api/v1/alerts/alert-1/resolve', '');
    expect(await resolve.json()).toMatchObject({ ok: true, value: { status: 'resolved' } });

    const unknown = await postJson('/api/v1/alerts/nope/resolve', {});
    expect(unknown.status).toBe(409);
    expect(await unknown.json()).toEqual({ ok: false, error: 'no such alert', field: 'alertId' });

    const badHold = await postJson('/api/v1/calls/call-1/hold-approval', { seconds: 'lots' });
    expect(badHold.status).toBe(400);
    expect(await badHold.json()).toMatchObject({ ok: false, field: 'seconds' });

    const hold = await postJson('/api/v1/calls/call-1/hold-approval', { seconds: 90, note: 'customer verifying' });
    expect(await hold.json()).toEqual({ ok: true, value: { callId: 'call-1', allowedSeconds: 90 } });
    expect(floor.commands.at(-1)).toEqual({ type: 'hold.approve', by: 'sup', callId: 'call-1', seconds: 90, note: 'customer verifying' });
  });

  it('refuses an unknown field with 400 naming it, rather than dropping what it carried', async () => {
    const before = floor.commands.length;
    for (const [path, body, field] of [
      ['/api/v1/alerts/alert-1/resolve', { resolution: 'called the customer back' }, 'resolution'],
      ['/api/v1/alerts/alert-1/acknowledge', { note: 'seen', notes: 'seen' }, 'notes'],
      ['/api/v1/calls/call-1/hold-approval', { seconds: 90, reason: 'verifying' }, 'reason'],
      ['/api/v1/agents/1001/leave-approval', { comment: 'relief late' }, 'comment'],
    ] as const) {
      const res = await postJson(path, body);
      expect(res.status, path).toBe(400);
      expect(await res.json()).toEqual({
        ok: false, field, code: 'invalidField', error: expect.stringContaining(field), params: { field, detail: expect.stringContaining(field) },
      });
    }
    expect(floor.commands).toHaveLength(before);
  });

  it('takes `by` from the signed-in viewer, never from the body: a body naming one is refused', async () => {
    const lead = { ...SUPERVISOR, id: 'u-lead-7', username: 'lead-7', role: 'lead' as const, teams: ['A'] };
    floor.alerts[0].teamId = 'A';
    const url = await start({ access: stubAccess(lead).edge });
    const spoofed = await fetch(`${url}/api/v1/alerts/alert-1/acknowledge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"by":"someone-else"}' });
    expect(spoofed.status).toBe(400);
    expect(await spoofed.json()).toMatchObject({ field: 'by' });
    expect(floor.commands).toEqual([]);
    await fetch(`${url}/api/v1/alerts/alert-1/acknowledge`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(floor.commands).toEqual([{ type: 'alert.acknowledge', by: 'lead-7', alertId: 'alert-1' }]);
  });

  it('answers unknown API paths and failures in JSON, without internals', async () => {
    const missing = await fetch(`${base}/api/v1/nothing?x=1`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'not found', code: 'notFound', path: '/api/v1/nothing' });

    const badJson = await post('/api/v1/alerts/alert-1/acknowledge', '{"note":', 'application/json');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toHaveProperty('error');

    floor.failListAlerts = true;
    const failed = await fetch(`${base}/api/v1/alerts`);
    expect(failed.status).toBe(500);
    const text = await failed.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error', code: 'internal' });
    expect(text).not.toContain('disk on fire');
  });
});
