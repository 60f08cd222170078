/**
 * A storage that cannot write (a full disk, an I/O error, a read-only file): ingest answers
 * 503 with Retry-After and "send it again later" (nothing acknowledged, so the feed keeps
 * the batch), not 500 "internal error"; socket.io feeds are told the same; /ready says the
 * storage's writes fail while they do, and ready again once they succeed.
 */
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../../shared/ingest.js';
import type { IngestClientToServer, IngestServerToClient } from '../../../shared/wallboard.js';
import { createApplication, type Application } from '../../../server/app.js';
import { storageRefusal, STORAGE_RETRY_AFTER_SECONDS } from '../../../server/ingest/storage-failure.js';
import { createReadiness } from '../../../server/ops/readiness.js';
import { watchStorageWrites } from '../../../server/ops/storage-writes.js';
import { createMemoryStorage } from '../../../server/storage/memory.js';
import { storageFailureKind } from '../../../server/storage/failure-kind.js';
import type { Storage } from '../../../server/storage/types.js';
import { FakeClock } from '../../helpers/fake-clock.js';
import { openFloor } from '../../helpers/floor-harness.js';
import { stubAccess } from '../../helpers/stub-access.js';

const sqliteError = (code: string, message = 'database or disk is full') => new Database.SqliteError(message, code);

describe('storageRefusal', () => {
  it.each([
    ['SQLITE_FULL', 'full', /^storage full: /],
    ['SQLITE_IOERR', 'io', /^storage failing \(I\/O error\): /],
    ['SQLITE_IOERR_WRITE', 'io', /^storage failing \(I\/O error\): /],
    ['SQLITE_READONLY', 'read-only', /^storage failing \(read-only\): /],
    ['SQLITE_READONLY_DBMOVED', 'read-only', /^storage failing \(read-only\): /],
    ['SQLITE_CANTOPEN', 'cannot-open', /^storage failing \(cannot open its file\): /],
  ])('maps %s to a retryable refusal', (code, kind, words) => {
    const err = sqliteError(code);
    expect(storageFailureKind(err)).toBe(kind);
    const refusal = storageRefusal(err)!;
    expect(refusal.retryAfterSeconds).toBe(STORAGE_RETRY_AFTER_SECONDS);
    expect(refusal.error).toMatch(words);
    expect(refusal.error).toMatch(/send it again later/);
  });

  it.each([
    ['53100', 'full', /^storage full: /],
    ['58030', 'io', /^storage failing \(I\/O error\): /],
    ['25006', 'read-only', /^storage failing \(read-only\): /],
    ['57P01', 'unavailable', /^storage failing \(database unreachable\): /],
    ['08006', 'unavailable', /^storage failing \(database unreachable\): /],
    ['ECONNREFUSED', 'unavailable', /^storage failing \(database unreachable\): /],
  ])('PostgreSQL (pg) %s is a %s failure: 503, send again', (code, kind, words) => {
    const err = Object.assign(new Error('from pg'), { code });
    expect(storageFailureKind(err)).toBe(kind);
    expect(storageRefusal(err)!.error).toMatch(words);
  });

  it('leaves other errors alone (a bug stays a 500)', () => {
    expect(storageRefusal(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBeUndefined();
    expect(storageRefusal(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed'))).toBeUndefined();
    expect(storageRefusal(new Error('something else'))).toBeUndefined();
    expect(storageRefusal(undefined)).toBeUndefined();
  });
});

/** A memory storage whose appends throw `failure` while it is set. */
function failingStorage(): { storage: Storage; fail(err: Error | undefined): void } {
  const storage = createMemoryStorage();
  let failure: Error | undefined;
  const append = storage.log.append.bind(storage.log);
  storage.log.append = async (entries) => {
    if (failure) throw failure;
    return append(entries);
  };
  return { storage, fail: (err) => { failure = err; } };
}

const started: Application[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  await Promise.all(started.splice(0).map((a) => a.close()));
});

async function serve(probe?: () => void) {
  const { storage, fail } = failingStorage();
  const writes = watchStorageWrites({ ...(probe && { probe }) });
  const now = Date.now();
  const { floor } = await openFloor({ storage: writes.watch(storage), clock: new FakeClock(now), reorderWindowMs: 0 });
  const readiness = createReadiness({ pingStorage: () => storage.log.lastSeq(), storageWrites: () => writes.failing() });
  const app = createApplication({ floor, logger: pino({ level: 'silent' }), access: stubAccess().edge, readiness });
  started.push(app);
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  let n = 0;
  const post = (count = 1) => fetch(`${base}/api/v1/events`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer any' },
    body: JSON.stringify(Array.from({ length: count }, () => ({ id: `e${++n}`, ts: now, type: 'agent.login', agentId: `a${n}`, stationId: 'S-1' }))),
  });
  const ready = async () => {
    const res = await fetch(`${base}/ready`);
    return { status: res.status, body: (await res.json()) as { ready: boolean; reasons: string[]; checks: { storage: string } } };
  };
  return { base, fail, post, ready, now };
}

describe('ingest while the storage cannot write', () => {
  it('answers 503 with Retry-After and "send it again later", /ready says so; both recover when appends succeed', async () => {
    const { fail, post, ready } = await serve();
    expect((await post()).status).toBe(200);
    expect((await ready()).status).toBe(200);

    fail(sqliteError('SQLITE_FULL'));
    const refused = await post(3);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe(String(STORAGE_RETRY_AFTER_SECONDS));
    const body = (await refused.json()) as { error: string };
    expect(body.error).toMatch(/^storage full: the batch was not stored.*send it again later/);
    expect(body.error).not.toMatch(/internal error/);
    expect(await ready()).toEqual({
      status: 503,
      body: expect.objectContaining({ ready: false, reasons: ['storage writes failing: disk full'], checks: expect.objectContaining({ storage: 'failing' }) }),
    });

    // An I/O error is said as such.
    fail(sqliteError('SQLITE_IOERR_WRITE', 'disk I/O error'));
    expect((await post()).status).toBe(503);
    expect((await ready()).body.reasons).toEqual(['storage writes failing: I/O error']);

    // Room again: the feed's resend is taken, and the server is ready again.
    fail(undefined);
    const resent = await post(2);
    expect(resent.status).toBe(200);
    expect(((await resent.json()) as IngestResult).accepted).toBe(2);
    expect(await ready()).toMatchObject({ status: 200, body: { ready: true, reasons: [], checks: { storage: 'ok' } } });
  });

  it('any other failure stays a 500 and leaves /ready alone', async () => {
    const { fail, post, ready } = await serve();
    fail(new Error('a bug'));
    expect((await post()).status).toBe(500);
    expect((await ready()).status).toBe(200);
  });

  it('with no feed sending, the probe finds that the disk takes writes again', async () => {
    let diskFull = true;
    const { fail, post, ready } = await serve(() => {
      if (diskFull) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    fail(sqliteError('SQLITE_FULL'));
    expect((await post()).status).toBe(503);
    expect((await ready()).body.reasons).toEqual(['storage writes failing: disk full']);
    expect((await ready()).status).toBe(503);
    diskFull = false;
    expect((await ready()).status).toBe(200);
  });

  it('socket.io feeds are told to send the batch again later', async () => {
    const { base, fail, now } = await serve();
    fail(sqliteError('SQLITE_FULL'));
    const socket = connect(`${base}/ingest`, { transports: ['websocket'], reconnection: false, auth: { token: 'any' } }) as ClientSocket<IngestServerToClient, IngestClientToServer>;
    sockets.push(socket);
    const answer = await new Promise<IngestResult | { error: string }>((resolve) => {
      socket.emit('events', [{ id: 's1', ts: now, type: 'agent.login', agentId: 'a1', stationId: 'S-1' }], resolve);
    });
    expect(answer).toEqual({ error: expect.stringMatching(/^storage full: .*send it again later/) });
  });
});
