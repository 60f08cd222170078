import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../../shared/events.js';
import { createTwilioWebhook } from '../../../../server/adapters/twilio/webhook.js';
import type { EventSink } from '../../../../server/adapters/types.js';
import type { LoggedEvent } from '../../../../server/adapters/earlier-events.js';

const token = 'test-auth-token';
const received: FloorEventInput[][] = [];
let failSink = false;
const sink: EventSink = async (events) => {
  if (failSink) throw new Error('disk full');
  received.push(events);
  return { accepted: events.length, duplicates: 0, rejected: 0, errors: [] };
};
const logger = { warn: () => {}, debug: () => {} };
let server: Server;
let base: string;
const PATH = '/hooks/twilio/taskrouter';
const PUBLIC = 'https://floor.example.com';

function sign(url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', token).update(data).digest('base64');
}
function post(params: Record<string, string>, signature: string | undefined, path = PATH) {
  return fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature !== undefined && { 'x-twilio-signature': signature }) },
    body: new URLSearchParams(params).toString(),
  });
}

const params = {
  EventType: 'worker.activity.update', Sid: 'EV1', Timestamp: '1795827600', WorkerSid: 'WK1', WorkerName: '1001',
  WorkerActivityName: 'Available', WorkerPreviousActivityName: 'Offline', WorkerAttributes: '{"contact_uri":"client:1001"}',
};

// What the floor's log holds about calls, as serve.ts reads it; each test sets its own.
const asked: string[][] = [];
let logHolds: LoggedEvent[] = [];
let hook: ReturnType<typeof createTwilioWebhook>;
beforeAll(async () => {
  const app = express();
  hook = createTwilioWebhook({
    authToken: token, publicUrl: PUBLIC, sink, logger,
    earlierEvents: async (callIds) => {
      asked.push(callIds);
      return logHolds.filter((e) => e.callId !== undefined && callIds.includes(e.callId));
    },
  });
  app.post(PATH, hook);
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createTwilioWebhook', () => {
  it('a signed callback: 200 after the sink took the events', async () => {
    const res = await post(params, sign(PUBLIC + PATH, params));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'mapped', accepted: 2 });
    expect(received.at(-1)!.map((e) => e.type)).toEqual(['agent.login', 'agent.state']);
  });

  it('the query string is part of the signed URL', async () => {
    const p = { ...params, Sid: 'EV2' };
    expect((await post(p, sign(PUBLIC + PATH + '?site=sg', p), PATH + '?site=sg')).status).toBe(200);
    expect((await post(p, sign(PUBLIC + PATH, p), PATH + '?site=sg')).status).toBe(403);
  });

  it('403 on a tampered param, a wrong URL or no signature; nothing reaches the sink', async () => {
    const before = received.length;
    expect((await post({ ...params, WorkerName: '9999' }, sign(PUBLIC + PATH, params))).status).toBe(403);
    expect((await post(params, sign('https://evil.example.com' + PATH, params))).status).toBe(403);
    expect((await post(params, undefined)).status).toBe(403);
    expect(received.length).toBe(before);
  });

  it('an ignored event is answered 200 without calling the sink; a failing sink is a 503', async () => {
    const before = received.length;
    const ignored = { EventType: 'task.updated', Timestamp: '1795827600', TaskSid: 'WT9' };
    const res = await post(ignored, sign(PUBLIC + PATH, ignored));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'ignored' });
    expect(received.length).toBe(before);
    failSink = true;
    const p = { ...params, Sid: 'EV3' };
    expect((await post(p, sign(PUBLIC + PATH, p))).status).toBe(503);
    failSink = false;
    expect(hook.counters()).toMatchObject({ read: 4, mapped: 3, ignored: 1, failed: 0 });
  });

  it('a task first met at its completion (a restart since): the log says it ended and who answered', async () => {
    logHolds = [
      { id: 'tr-WT90-offered', ts: 1795827000_000, type: 'call.offered', callId: 'CA90' },
      { id: 'tr-WT90-answered', ts: 1795827010_000, type: 'call.answered', callId: 'CA90', agentId: '1007' },
      { id: 'tr-WT90-ended', ts: 1795827100_000, type: 'call.ended', callId: 'CA90' },
    ];
    const completed = {
      EventType: 'task.completed', Sid: 'EV90', Timestamp: '1795827130', TaskSid: 'WT90', TaskAge: '130',
      TaskAttributes: '{"call_sid":"CA90","call_type":"enquiry"}',
    };
    const res = await post(completed, sign(PUBLIC + PATH, completed));
    expect(res.status).toBe(200);
    expect(asked.at(-1)).toEqual(['CA90']);
    // Not ended a second time; the wrap-up goes to the agent the log names.
    expect(received.at(-1)!.map((e) => [e.type, (e as { agentId?: string }).agentId])).toEqual([['wrapup.completed', '1007']]);
  });
});
