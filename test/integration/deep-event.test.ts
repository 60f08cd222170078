/**
 * An event with an unknown field nested thousands of levels deep passed validation (events
 * are loose objects), then overflowed the stack of the log write's JSON.stringify: HTTP
 * answered 500, socket.io "send the batch again", so a retrying feed looped forever. Now
 * it is refused at validation, naming its field, on every path (HTTP inline and on the
 * parse thread, socket.io), and the rest of its batch goes in.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../shared/ingest.js';
import type { IngestClientToServer, IngestServerToClient } from '../../shared/wallboard.js';
import { createApplication, type Application } from '../../server/app.js';
import { Floor } from '../../server/floor/floor.js';
import { startThreadParser, type BatchParser } from '../../server/ingest/batch-parser.js';
import { MAX_EVENT_DEPTH } from '../../server/ingest/parse-batch.js';
import { createSqliteStorage } from '../../server/storage/sqlite/index.js';
import type { Storage } from '../../server/storage/types.js';
import { defaultRulesConfig } from '../../shared/rules-config.js';
import { T0 } from '../helpers/engine-harness.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { stubAccess } from '../helpers/stub-access.js';

/** Bodies up to this size are parsed inline, bigger ones on the thread. */
const INLINE_UP_TO = 40_000;

let storage: Storage;
let floor: Floor;
let parser: BatchParser;
let application: Application;
let base: string;
let dir: string;

/** `{ "a": { "a": ... 1 } }`, `levels` objects deep. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}
/** The same as JSON text: JSON.stringify (in this test as in the server) overflows thousands of levels down. */
const nestedText = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const login = (id: string, agentId: string, extra: Record<string, unknown> = {}) =>
  ({ id, type: 'agent.login', ts: at(0), agentId, stationId: `S-${agentId}`, ...extra });

/** As JSON text: two good events around one whose `extra` field is `levels` deep. */
function batch(tag: string, levels: number): string {
  const deep = `${JSON.stringify(login(`${tag}-deep`, `${tag}2`)).slice(0, -1)},"extra":${nestedText(levels)}}`;
  return `[${JSON.stringify(login(`${tag}-1`, `${tag}1`))},${deep},${JSON.stringify(login(`${tag}-3`, `${tag}3`))}]`;
}

async function post(body: unknown): Promise<{ status: number; result: IngestResult }> {
  const res = await fetch(`${base}/api/v1/events`, {
    method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, result: (await res.json()) as IngestResult };
}

function expectDeepRefused(result: IngestResult, tag: string): void {
  expect(result).toMatchObject({ accepted: 2, duplicates: 0, rejected: 1 });
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors;
  expect(error).toMatchObject({ index: 1, id: `${tag}-deep`, reason: `nested deeper than ${MAX_EVENT_DEPTH} levels` });
  // The field is named down to the first level past the limit: extra.a.a...
  expect(error!.field).toBe(['extra', ...Array<string>(MAX_EVENT_DEPTH).fill('a')].join('.'));
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fw-deep-'));
  storage = createSqliteStorage(path.join(dir, 'floor.db'));
  floor = await Floor.open({ storage, clock: new FakeClock(T0 + 60_000), rules: defaultRulesConfig(), reorderWindowMs: 2000 });
  parser = startThreadParser({ inlineUpToBytes: INLINE_UP_TO });
  application = createApplication({ floor, logger: pino({ level: 'silent' }), access: stubAccess().edge, ingestParser: parser });
  await new Promise<void>((r) => application.httpServer.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(application.httpServer.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await application.close();
  await parser.close();
  await floor.close();
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('an event nested too deep', () => {
  it('over HTTP, parsed inline: refused naming its field, the two good events accepted, the server still answers', async () => {
    const body = batch('h', 5_000);
    expect(body.length).toBeLessThan(INLINE_UP_TO);
    const { status, result } = await post(body);
    expect(status).toBe(200);
    expectDeepRefused(result, 'h');
    // Sent again: the good ones are duplicates, the bad one refused again, never a 500.
    expect((await post(body)).result).toMatchObject({ accepted: 0, duplicates: 2, rejected: 1 });
    const health = await fetch(`${base}/api/v1/floor`);
    expect(health.status).toBe(200);
    expect((await post([login('after', 'a1')])).result).toMatchObject({ accepted: 1 });
  });

  it('over HTTP, parsed on the thread: the same answer', async () => {
    const body = batch('t', 10_000);
    expect(body.length).toBeGreaterThan(INLINE_UP_TO);
    const { status, result } = await post(body);
    expect(status).toBe(200);
    expectDeepRefused(result, 't');
  });

  it('over socket.io: the same answer', async () => {
    const socket: Socket<IngestServerToClient, IngestClientToServer> = connect(`${base}/ingest`, {
      transports: ['websocket'], reconnection: false, auth: { token: 'feed' },
    });
    try {
      await new Promise<void>((resolve) => socket.once('connect', resolve));
      // socket.io-client's encoder cannot send such a batch (it recurses too): the raw
      // packet, as any other client could send it, an EVENT with ack id 9999.
      const acked = new Promise<unknown>((resolve) => {
        socket.io.on('packet', (packet) => {
          if (packet.type === 3 && packet.nsp === '/ingest' && packet.id === 9999) resolve((packet.data as unknown[])[0]);
        });
      });
      socket.io.engine.write(`2/ingest,9999["events",${batch('s', 5_000)}]`);
      expectDeepRefused((await acked) as IngestResult, 's');
      // The namespace still answers.
      expect(await socket.timeout(5_000).emitWithAck('events', [login('s-after', 's9')])).toMatchObject({ accepted: 1 });
    } finally {
      socket.disconnect();
    }
  });

  it(`takes an event exactly ${MAX_EVENT_DEPTH} levels deep, and arrays count as levels too`, async () => {
    const { result } = await post([
      login('ok-deep', 'd1', { extra: nested(MAX_EVENT_DEPTH) }),
      login('too-deep', 'd2', { list: [[nested(MAX_EVENT_DEPTH - 1)]] }),
    ]);
    expect(result).toMatchObject({ accepted: 1, rejected: 1 });
    expect(result.errors[0]).toMatchObject({ index: 1, field: `list.0.0.${Array<string>(MAX_EVENT_DEPTH - 2).fill('a').join('.')}` });
  });
});
