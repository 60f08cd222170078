/**
 * What every area of the access service shares: the store, the clock, the audit log, the
 * revocation hub, the per-record queue, and the settings. One object, so the areas stay
 * small functions of it and tests can build them with a fake clock.
 */
import type { Logger } from 'pino';
import type { ScryptParams } from '../passwords.js';
import type { AccessStore } from '../types.js';
import type { AuditLog } from './audit.js';
import type { RevocationHub } from './revocations.js';
import type { Serial } from './serial.js';

export interface Clock {
  now(): number;
}

export interface LockoutPolicy {
  /** Consecutive failed sign-ins that lock an account. */
  maxFailures: number;
  /** How long it stays locked. */
  lockMs: number;
}

export interface AccessSettings {
  /** scrypt cost for new hashes; the default (passwords.ts) unless a test speeds it up. */
  passwordParams?: ScryptParams;
  /** A password older than this must be changed (Infinity: never). */
  passwordMaxAgeMs: number;
  /** Idle time after which a session ends; each use pushes it out again. */
  sessionTtlMs: number;
  lockout: LockoutPolicy;
}

export interface AccessContext extends AccessSettings {
  store: AccessStore;
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  revocations: RevocationHub;
  serial: Serial;
}

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

export const DEFAULT_PASSWORD_MAX_AGE_DAYS = 90;
export const DEFAULT_SESSION_TTL_MS = 12 * 60 * MINUTE_MS;
export const DEFAULT_LOCKOUT: Readonly<LockoutPolicy> = Object.freeze({ maxFailures: 5, lockMs: 15 * MINUTE_MS });
/** A pairing code is shown this long; a paired TV has as long again to collect its token. */
export const PAIR_REQUEST_TTL_MS = 10 * MINUTE_MS;

/**
 * lastSeenAt / lastUsedAt (and a session's sliding expiry) are written at most this often:
 * every request writing a row would turn each page load into a database write.
 */
export const TOUCH_INTERVAL_MS = MINUTE_MS;

export function touchDue(lastAt: number | undefined, now: number): boolean {
  return lastAt === undefined || now - lastAt >= TOUCH_INTERVAL_MS;
}

/** Queue keys, one namespace per record kind. */
export const recordKey = {
  account: (id: string) => `account:${id}`,
  device: (id: string) => `device:${id}`,
  feed: (id: string) => `feed:${id}`,
  pair: (id: string) => `pair:${id}`,
};

/** Spread into an audit entry: an ip only when known (the store drops undefined anyway). */
export function from(ip: string | undefined): { ip?: string } {
  return ip === undefined ? {} : { ip };
}
