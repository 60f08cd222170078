/**
 * The lease on a floor's engine, in Redis: at most one process holds it at a time, and
 * only the holder runs the engine (consumes the input stream, writes the log, alerts and
 * snapshots). After the Redlock single-instance pattern: SET NX PX to take it, and small
 * Lua scripts that renew or release it only while the value is still the caller's own.
 *
 * Every grant carries a fencing token, one more than any handed out before (INCR on a
 * counter that is never reset; after a Redis restart lost it, the caller passes the last
 * token the storage has seen, so tokens keep rising). The storage refuses writes of a
 * token older than the newest it has seen (fence.ts): a holder that stalled past its
 * lease (a long GC pause, a frozen VM) cannot write over its successor.
 *
 * The holder's own view of its lease is kept on the local monotonic clock from the moment
 * each request was SENT: it stops acting a safety margin before Redis lets the key expire,
 * whatever Redis's clock or the network did meanwhile.
 */
import { performance } from 'node:perf_hooks';
import type { FloorKeys } from './keys.js';
import { runScript, type RedisClient } from './redis.js';

/** How the lease came to this holder: the first ever, handed over on purpose, or taken after its holder vanished. */
export type Takeover = 'first' | 'handover' | 'failover';

export interface LeaseGrant {
  token: number;
  /** The lease key's value while this grant holds it: "<holder>#<token>". */
  value: string;
  takeover: Takeover;
  /** Local monotonic ms until which the holder may act (renewals move it on). */
  validUntil: number;
}

export interface LeaseOptions {
  holderId: string;
  ttlMs: number;
  /** Monotonic ms; tests move it by hand. */
  now?: () => number;
}

// KEYS: lease, fence, handover. ARGV: holder, ttl ms, lowest token the storage has seen.
const ACQUIRE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local last = tonumber(redis.call('GET', KEYS[2]) or '0')
local seen = tonumber(ARGV[3])
if last < seen then last = seen end
local token = last + 1
redis.call('SET', KEYS[2], token)
redis.call('SET', KEYS[1], ARGV[1] .. '#' .. token, 'PX', ARGV[2])
local released = redis.call('GET', KEYS[3])
redis.call('DEL', KEYS[3])
local how = 'failover'
if last == 0 then how = 'first' elseif released == tostring(last) then how = 'handover' end
return {token, how}`;

// KEYS: lease. ARGV: value, ttl ms.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

// KEYS: lease, handover. ARGV: value, token. The handover mark tells the next holder this was no failover.
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SET', KEYS[2], ARGV[2], 'PX', 60000)
return 1`;

export class Lease {
  private readonly now: () => number;
  /** Acts stop this much before Redis would let the key expire (clock rates, scheduling). */
  private readonly margin: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Pick<FloorKeys, 'lease' | 'fence' | 'handover'>,
    private readonly options: LeaseOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.margin = Math.max(50, Math.round(options.ttlMs / 10));
  }

  get ttlMs(): number {
    return this.options.ttlMs;
  }

  /** Takes the lease if nobody holds it; `lowestToken`: the newest token the storage has seen. */
  async acquire(lowestToken = 0): Promise<LeaseGrant | null> {
    const sent = this.now();
    const reply = await runScript<[number, Takeover] | null>(
      this.redis, ACQUIRE, [this.keys.lease, this.keys.fence, this.keys.handover], [this.options.holderId, this.options.ttlMs, lowestToken]);
    if (reply === null) return null;
    const token = Number(reply[0]);
    return { token, value: `${this.options.holderId}#${token}`, takeover: reply[1], validUntil: sent + this.options.ttlMs - this.margin };
  }

  /** Extends the lease; false when it is no longer this grant's (expired and taken, or released). */
  async renew(grant: LeaseGrant): Promise<boolean> {
    const sent = this.now();
    const renewed = Number(await runScript(this.redis, RENEW, [this.keys.lease], [grant.value, this.options.ttlMs])) === 1;
    if (renewed) grant.validUntil = Math.max(grant.validUntil, sent + this.options.ttlMs - this.margin);
    else grant.validUntil = 0;
    return renewed;
  }

  /** Gives the lease up (a graceful handover); false when it was no longer this grant's. */
  async release(grant: LeaseGrant): Promise<boolean> {
    grant.validUntil = 0;
    return Number(await runScript(this.redis, RELEASE, [this.keys.lease, this.keys.handover], [grant.value, grant.token])) === 1;
  }

  /** May the holder of `grant` still act? (Local view; the storage's fence is the last word.) */
  valid(grant: LeaseGrant): boolean {
    return this.now() < grant.validUntil;
  }

  /** Who holds the lease now, and for how much longer (ms), as Redis sees it. */
  async holder(): Promise<{ holderId: string; token: number; remainingMs: number } | null> {
    const [value, pttl] = await Promise.all([
      this.redis.sendCommand(['GET', this.keys.lease]) as Promise<string | null>,
      this.redis.sendCommand(['PTTL', this.keys.lease]) as Promise<number>,
    ]);
    if (value === null) return null;
    const at = value.lastIndexOf('#');
    return { holderId: value.slice(0, at), token: Number(value.slice(at + 1)), remainingMs: Number(pttl) };
  }
}
