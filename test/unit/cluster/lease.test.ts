/**
 * The lease on a floor, against a real (private) Redis: one holder at a time, fencing
 * tokens that only rise, expiry, renewal, and a stale holder that can neither renew nor
 * release its successor's lease.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { floorKeys } from '../../../server/cluster/keys.js';
import { Lease } from '../../../server/cluster/lease.js';
import { closeRedis, connectRedis, type RedisClient } from '../../../server/cluster/redis.js';
import { SKIP_REDIS, startPrivateRedis, type PrivateRedis } from '../../integration/cluster/private-redis.js';

const logger = pino({ level: 'silent' });
let server: PrivateRedis;
let redis: RedisClient;

/** Waits until Redis has let the key expire (PTTL says how long: no guessing). */
async function expired(key: string): Promise<void> {
  for (;;) {
    const pttl = Number(await redis.sendCommand(['PTTL', key]));
    if (pttl < 0) return;
    await new Promise((r) => setTimeout(r, pttl + 5));
  }
}

describe.skipIf(SKIP_REDIS)('the floor lease', () => {
  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = await connectRedis(server.url, { name: 'test', logger });
  });
  afterAll(async () => {
    closeRedis(redis);
    await server.stop();
  });
  beforeEach(async () => {
    await redis.sendCommand(['FLUSHALL']);
  });

  const keys = floorKeys('north');

  it('is held by one process at a time, with a token higher than any before', async () => {
    const a = new Lease(redis, keys, { holderId: 'a', ttlMs: 300 });
    const b = new Lease(redis, keys, { holderId: 'b', ttlMs: 300 });
    const first = await a.acquire();
    expect(first).toMatchObject({ token: 1, takeover: 'first' });
    expect(await b.acquire()).toBeNull();
    expect(await b.holder()).toMatchObject({ holderId: 'a', token: 1 });

    await expired(keys.lease);
    const second = await b.acquire();
    // The holder vanished without releasing: a failover, with the next token.
    expect(second).toMatchObject({ token: 2, takeover: 'failover' });
    expect(await a.acquire()).toBeNull();
  });

  it('is extended by renewal, and only for its holder', async () => {
    const a = new Lease(redis, keys, { holderId: 'a', ttlMs: 400 });
    const b = new Lease(redis, keys, { holderId: 'b', ttlMs: 400 });
    const grant = (await a.acquire())!;
    await new Promise((r) => setTimeout(r, 250));
    expect(await a.renew(grant)).toBe(true);
    // 250 ms + 250 ms: past the first time to live, but renewed, so still held.
    await new Promise((r) => setTimeout(r, 250));
    expect(await b.acquire()).toBeNull();
    expect((await a.holder())!.remainingMs).toBeGreaterThan(0);

    await expired(keys.lease);
    const taken = (await b.acquire())!;
    // The stale holder can neither renew nor release its successor's lease.
    expect(await a.renew(grant)).toBe(false);
    expect(a.valid(grant)).toBe(false);
    expect(await a.release(grant)).toBe(false);
    expect(await b.holder()).toMatchObject({ holderId: 'b', token: taken.token });
    expect(await b.renew(taken)).toBe(true);
  });

  it('counts a release as a handover, not a failover, and frees the lease at once', async () => {
    const a = new Lease(redis, keys, { holderId: 'a', ttlMs: 60_000 });
    const b = new Lease(redis, keys, { holderId: 'b', ttlMs: 60_000 });
    const grant = (await a.acquire())!;
    expect(await a.release(grant)).toBe(true);
    expect(await b.acquire()).toMatchObject({ token: 2, takeover: 'handover' });
  });

  it('keeps tokens rising when Redis lost its counter: the caller passes the newest token the storage saw', async () => {
    const a = new Lease(redis, keys, { holderId: 'a', ttlMs: 60_000 });
    expect((await a.acquire())!.token).toBe(1);
    await redis.sendCommand(['FLUSHALL']); // a Redis restart without persistence
    const after = (await a.acquire(7))!;
    expect(after.token).toBe(8);
    expect(after.takeover).toBe('failover');
  });

  it("stops its holder a safety margin before Redis's expiry, on the local clock", async () => {
    let now = 1000;
    const a = new Lease(redis, keys, { holderId: 'a', ttlMs: 1000, now: () => now });
    const grant = (await a.acquire())!;
    expect(a.valid(grant)).toBe(true);
    now = 1000 + 899;
    expect(a.valid(grant)).toBe(true);
    now = 1000 + 900; // ttl minus a tenth
    expect(a.valid(grant)).toBe(false);
    // A renewal sent now counts from now.
    expect(await a.renew(grant)).toBe(true);
    expect(a.valid(grant)).toBe(true);
    expect(grant.validUntil).toBe(1900 + 900);
  });

  it('keeps floors apart: each has its own lease and tokens', async () => {
    const north = new Lease(redis, floorKeys('north'), { holderId: 'a', ttlMs: 60_000 });
    const south = new Lease(redis, floorKeys('south'), { holderId: 'b', ttlMs: 60_000 });
    expect((await north.acquire())!.token).toBe(1);
    expect((await south.acquire())!.token).toBe(1);
  });
});
