import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FloorEventInput } from '../../../../shared/events.js';
import { createConnectWebhook } from '../../../../server/adapters/amazon-connect/webhook.js';
import type { EventSink } from '../../../../server/adapters/types.js';

const fixture = (name: string): unknown[] => JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/amazon-connect', name), 'utf8')) as unknown[];
const SECRET = 's3cret-from-the-forwarder';
const PATH = '/hooks/amazon-connect';
const seen = new Set<string>();
const received: FloorEventInput[][] = [];
let failSink = false;
// A sink that behaves like the floor's ingest: repeated ids are duplicates.
const sink: EventSink = async (events) => {
  if (failSink) throw new Error('floor unavailable');
  received.push(events);
  let accepted = 0;
  let duplicates = 0;
  for (const e of events) {
    if (seen.has(e.id)) duplicates += 1;
    else {
      seen.add(e.id);
      accepted += 1;
    }
  }
  return { accepted, duplicates, rejected: 0, errors: [] };
};
let server: Server;
let base: string;
let hook: ReturnType<typeof createConnectWebhook>;

const post = (body: unknown, auth: string | null = `Bearer ${SECRET}`) => fetch(base + PATH, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(auth !== null && { authorization: auth }) },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

beforeAll(async () => {
  const app = express();
  hook = createConnectWebhook({ sink, logger: { warn: () => {}, debug: () => {} }, sharedSecret: SECRET, mapping: { statusReasons: { Lunch: 'meal' } } });
  app.post(PATH, hook);
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createConnectWebhook', () => {
  it('401 without the shared secret or with a wrong one; the body is not read', async () => {
    expect((await post(fixture('agent-events.json'), null)).status).toBe(401);
    expect((await post(fixture('agent-events.json'), 'Bearer wrong')).status).toBe(401);
    expect((await post(fixture('agent-events.json'), SECRET)).status).toBe(401);
    expect(received).toEqual([]);
  });

  it('one record or an array, agent events and contact records mixed: 200 after the sink', async () => {
    const one = await post(fixture('agent-events.json')[0]);
    expect(one.status).toBe(200);
    expect(await one.json()).toMatchObject({ records: 1, events: 2, accepted: 2 });
    const batch = await post([...fixture('agent-events.json').slice(1), ...fixture('contact-records.json')]);
    expect(batch.status).toBe(200);
    const body = await batch.json() as { accepted: number; duplicates: number; ignored: number; failed: number };
    expect(body).toMatchObject({ records: 20, failed: 0, ignored: 5 }); // Offline login, 2 closed ACWs, HEART_BEAT, an IVR-only contact
    expect(body.duplicates).toBeGreaterThan(0); // the contact records repeat what the stream said
  });

  it('a redelivered batch is accepted again and changes nothing', async () => {
    const res = await post(fixture('contact-records-redelivered.json'));
    expect(await res.json()).toMatchObject({ records: 3, accepted: 0, ignored: 2 });
  });

  it('400 on unreadable JSON; malformed records are counted, not fatal; a failing sink is a 503', async () => {
    expect((await post('{not json')).status).toBe(400);
    const res = await post([{ EventType: 'LOGIN', AgentARN: 'arn' }, 42]);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ failed: 2, events: 0 });
    failSink = true;
    expect((await post(fixture('agent-events.json')[0])).status).toBe(503);
    failSink = false;
    expect(hook.counters()).toMatchObject({ failed: 2 });
  });
});

describe('contact records for contacts new to this process (after a restart)', () => {
  it('reads what the log holds about them first, keeps the logged times, and goes on when the read fails', async () => {
    const asked: string[][] = [];
    const warnings: string[] = [];
    const got: FloorEventInput[] = [];
    let readFails = false;
    // What the log holds: the stream's answer, to the millisecond, sent before the restart.
    const logged = { id: 'connect-c-2-answered', ts: Date.parse('2026-11-28T01:05:25.633Z'), type: 'call.answered', callId: 'c-2' };
    const app = express();
    app.post(PATH, createConnectWebhook({
      sharedSecret: SECRET,
      sink: async (events) => {
        got.push(...events);
        return { accepted: events.length, duplicates: 0, rejected: 0, errors: [] };
      },
      logger: { warn: (_context: unknown, message?: string) => void warnings.push(String(message)), debug: () => {} },
      earlierEvents: async (callIds) => {
        asked.push(callIds);
        if (readFails) throw new Error('the database is away');
        return [logged];
      },
    }));
    const own = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(own.address() as AddressInfo).port}${PATH}`;
    const send = (body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}` }, body: JSON.stringify(body) });
    try {
      const [, c2, c3] = fixture('contact-records.json');
      expect((await send(fixture('agent-events.json')[0])).status).toBe(200);
      expect(asked).toEqual([]); // agent events need nothing from the log
      expect((await send(c2)).status).toBe(200);
      expect(asked).toEqual([['c-2']]);
      expect(got.find((e) => e.id === 'connect-c-2-answered')?.ts).toBe(logged.ts);
      readFails = true;
      const res = await send(c3);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ events: 2 });
      expect(asked).toEqual([['c-2'], ['c-3']]);
      expect(warnings.some((w) => w.includes('could not read what the floor holds'))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => own.close(() => resolve()));
    }
  });
});
