/**
 * The input stream, against a real (private) Redis: event batches deduplicated by id at
 * the append (within a batch too), commands with their reply address, entries read in
 * order with Redis's acceptance time, the cursor moved only by the lease holder, and
 * answers delivered through a process's reply list.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { floorEventSchema, type FloorEvent } from '../../../shared/events.js';
import { BusyError } from '../../../server/ingest/ingest-service.js';
import { floorKeys } from '../../../server/cluster/keys.js';
import { Lease } from '../../../server/cluster/lease.js';
import { closeRedis, connectRedis, duplicate, type RedisClient } from '../../../server/cluster/redis.js';
import { ReplyBox, sendReply } from '../../../server/cluster/replies.js';
import { InputStream } from '../../../server/cluster/stream-log.js';
import { acceptedInputOf, answerOf } from '../../../server/cluster/stream-inputs.js';
import { SKIP_REDIS, startPrivateRedis, type PrivateRedis } from '../../integration/cluster/private-redis.js';

const logger = pino({ level: 'silent' });
const keys = floorKeys('main');
let server: PrivateRedis;
let redis: RedisClient;
let reader: RedisClient;

const login = (id: string, agentId: string): FloorEvent =>
  floorEventSchema.parse({ id, type: 'agent.login', ts: Date.now(), agentId, stationId: `S-${agentId}` });

describe.skipIf(SKIP_REDIS)('the input stream', () => {
  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = await connectRedis(server.url, { name: 'test', logger });
    reader = await duplicate(redis, 'reader', logger);
  });
  afterAll(async () => {
    closeRedis(reader);
    closeRedis(redis);
    await server.stop();
  });
  beforeEach(async () => {
    await redis.sendCommand(['FLUSHALL']);
  });

  it('appends a batch as one entry, keeping only ids not seen within the window', async () => {
    const stream = new InputStream(redis, keys, { dedupWindowMs: 60_000 });
    const [e1, e2, e3] = [login('e1', '1'), login('e2', '2'), login('e3', '3')];
    const first = await stream.appendEvents([e1, e2, e1]);
    expect(first.duplicates).toEqual([2]); // repeated within the batch
    const again = await stream.appendEvents([e2, e3]);
    expect(again.duplicates).toEqual([0]);
    expect(await stream.appendEvents([e3])).toEqual({ duplicates: [0] }); // nothing new: no entry

    const entries = await stream.range('0-0', 10);
    expect(entries.map((e) => e.kind)).toEqual(['events', 'events']);
    expect(entries.map((e) => e.payload)).toEqual([[e1, e2], [e3]]);
    expect(entries[0].acceptedAt).toBeLessThanOrEqual(entries[1].acceptedAt);
    expect(Math.abs(entries[0].acceptedAt - Date.now())).toBeLessThan(5000);
    // Read back as the owner reads it: one input, its events as log entries, stamped with Redis's time.
    expect(acceptedInputOf(entries[0])).toEqual({
      receivedAt: entries[0].acceptedAt,
      entries: [{ id: 'e1', payload: { kind: 'event', event: e1 } }, { id: 'e2', payload: { kind: 'event', event: e2 } }],
    });
  });

  it("appends each event's JSON as the parser wrote it, not written again, keeping only the new ones", async () => {
    const stream = new InputStream(redis, keys);
    const [e1, e2] = [login('e1', '1'), login('e2', '2')];
    await stream.appendEvents([e1]);
    // Keys in another order than JSON.stringify's: what is stored shows which text went in.
    const texts = [e1, e2].map((e) => JSON.stringify(Object.fromEntries(Object.entries(e).reverse())));
    expect((await stream.appendEvents([e1, e2], texts)).duplicates).toEqual([0]);
    const raw = (await redis.sendCommand(['XRANGE', keys.inputs, '-', '+'])) as Array<[string, string[]]>;
    const fields = raw[1]![1];
    expect(fields[fields.indexOf('d') + 1]).toBe(`[${texts[1]}]`);
    expect((await stream.range('0-0', 10))[1]!.payload).toEqual([e2]);
  });

  it('forgets an id once the window has passed (the owner\'s log still refuses it)', async () => {
    const stream = new InputStream(redis, keys, { dedupWindowMs: 50 });
    await stream.appendEvents([login('e1', '1')]);
    for (;;) {
      if (Number(await redis.sendCommand(['EXISTS', keys.seen('e1')])) === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await stream.appendEvents([login('e1', '1')])).duplicates).toEqual([]);
  });

  it('reads entries after a position in order, waiting for the next when there is none', async () => {
    const stream = new InputStream(redis, keys);
    await stream.appendInput('command', 'cmd-1', { type: 'alert.acknowledge', alertId: 'al-1', by: 'lead' }, 'proc-a');
    const [entry] = await stream.read(reader, '0-0', 10, 100);
    expect(entry).toMatchObject({ kind: 'command', id: 'cmd-1', replyTo: 'proc-a', payload: { alertId: 'al-1' } });
    const waiting = stream.read(reader, entry.streamId, 10, 5000);
    await stream.appendEvents([login('e9', '9')]);
    const next = await waiting;
    expect(next.map((e) => e.kind)).toEqual(['events']);
    expect(await stream.read(reader, next[0].streamId, 10, 50)).toEqual([]);
  });

  it('moves the cursor only for the lease holder, and trims what the log already has', async () => {
    const stream = new InputStream(redis, keys);
    const lease = new Lease(redis, keys, { holderId: 'a', ttlMs: 60_000 });
    const grant = (await lease.acquire())!;
    for (const id of ['e1', 'e2', 'e3']) await stream.appendEvents([login(id, id)]);
    const entries = await stream.range('0-0', 10);
    expect(await stream.cursor()).toBeNull();
    expect(await stream.advanceCursor('someone-else#9', entries[1].streamId)).toBe(false);
    expect(await stream.cursor()).toBeNull();
    expect(await stream.advanceCursor(grant.value, entries[1].streamId)).toBe(true);
    expect(await stream.cursor()).toBe(entries[1].streamId);
    expect((await stream.range('0-0', 10)).map((e) => e.streamId)).toEqual([entries[1].streamId, entries[2].streamId]);
  });

  it('refuses a batch, taking none of it, while too many events wait for the owner', async () => {
    const stream = new InputStream(redis, keys, { maxPendingEvents: 3 });
    const lease = new Lease(redis, keys, { holderId: 'a', ttlMs: 60_000 });
    const grant = (await lease.acquire())!;
    await stream.appendEvents([login('e1', '1'), login('e2', '2')]);
    expect(await stream.pending()).toBe(2);
    const refused = stream.appendEvents([login('e3', '3'), login('e4', '4')]);
    await expect(refused).rejects.toBeInstanceOf(BusyError);
    await expect(refused).rejects.toThrow(/2 events are waiting/);
    // Its refusal can tell, without sending the batch again, when it would go in.
    const refusal = (await refused.catch((err: unknown) => err)) as BusyError;
    expect(await refusal.fits!()).toBe(false);
    // The owner logs the first entry: those two no longer wait, and the refused batch goes in whole.
    const [entry] = await stream.range('0-0', 10);
    expect(entry.events).toBe(2);
    expect(await stream.advanceCursor(grant.value, entry.streamId, entry.events)).toBe(true);
    expect(await stream.pending()).toBe(0);
    expect(await refusal.fits!()).toBe(true);
    expect(await stream.appendEvents([login('e3', '3'), login('e4', '4')])).toMatchObject({ duplicates: [] });
    expect(await stream.pending()).toBe(2);
    // A batch bigger than the limit still goes in when nothing waits (as for one process).
    await stream.advanceCursor(grant.value, (await stream.range(entry.streamId, 10))[0].streamId, 2);
    expect((await stream.appendEvents(['a', 'b', 'c', 'd', 'e'].map((id) => login(id, id)))).duplicates).toEqual([]);
  });

  it("delivers the owner's answer to the process that waits for it", async () => {
    const box = new ReplyBox(await duplicate(redis, 'replies', logger), keys.replies('proc-a'), logger);
    box.start();
    try {
      const answer = box.wait('cmd-7', 5000);
      await sendReply(redis, keys, 'proc-b', 'cmd-7', 'not for a');
      await sendReply(redis, keys, 'proc-a', 'cmd-7', { ok: true, value: 42 });
      expect(await answer).toEqual({ ok: true, value: 42 });
      await expect(box.wait('cmd-8', 50)).rejects.toThrow(/no answer/);
    } finally {
      await box.stop();
    }
  });

  it('turns a replayed command (already in the log) into a clear answer', () => {
    expect(answerOf('command', { appended: 0, duplicates: 1 })).toMatchObject({ ok: false, error: expect.stringMatching(/already applied/) });
    expect(answerOf('rules', { appended: 1, duplicates: 0 })).toEqual({ ok: true, value: null });
    expect(acceptedInputOf({ streamId: '1-0', acceptedAt: 1, kind: 'events', payload: 'garbage' })).toBeNull();
  });
});
