/**
 * Rules both access-store backends apply the same way, so memory and SQLite answer every
 * question identically (the contract suite holds them to it).
 */
import { toCount } from '../storage/limits.js';

/** `audit.list` without a limit returns at most this many. */
export const DEFAULT_AUDIT_LIST_LIMIT = 1_000;
/** `audit.list` never returns more than this, whatever it is asked for. */
export const MAX_AUDIT_LIST_LIMIT = 100_000;

export function auditListLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_AUDIT_LIST_LIMIT;
  return Math.min(toCount('limit', limit), MAX_AUDIT_LIST_LIMIT);
}

/**
 * A session or pair request is live while `now < expiresAt`; from its expiry instant on it
 * is expired (so byCode stops finding it and prune removes it at the same moment).
 */
export function isUnexpired(expiresAt: number, now: number): boolean {
  return expiresAt > now;
}

/**
 * Raised by create/update when an id, username or token hash is already taken. Both
 * backends raise it (SQLite's constraint errors are translated), so a caller can answer
 * "already exists" without knowing which backend it has.
 */
export class DuplicateRecordError extends Error {
  constructor(readonly what: string, readonly field: string, options?: { cause?: unknown }) {
    super(`a ${what} with this ${field} already exists`, options);
    this.name = 'DuplicateRecordError';
  }
}

/** UTF-8 byte order: how SQLite's default BINARY collation sorts text. */
export function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
