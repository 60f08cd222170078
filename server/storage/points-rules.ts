/**
 * Rules every PointsLedger backend applies the same way, so memory and SQLite answer alike
 * (the contract suite holds them to it). The ledger is append-only: an entry is never
 * changed or deleted, and a mistaken one is cancelled by a reversal, at most once.
 */
import type { PointsEntry } from '../../shared/points.js';
import { toBound, toCount } from './limits.js';

/**
 * Raised by `record` when a reversal would break the ledger's shape: the entry it names is
 * already reversed, is missing, or is itself a reversal. Nothing of the batch is written.
 * (SQLite raises it from a trigger, so even a hand-written INSERT cannot do it.)
 */
export class PointsLedgerConflictError extends Error {
  constructor(readonly entryId: string, readonly reason: 'already-reversed' | 'not-reversible', options?: { cause?: unknown }) {
    super(reason === 'already-reversed'
      ? `points entry ${entryId} is already reversed`
      : `points entry ${entryId} cannot be reversed: it is missing or is itself a reversal`, options);
    this.name = 'PointsLedgerConflictError';
  }
}

/** The messages the SQLite trigger raises; sqlite/points.ts turns them into the error above. */
export const ALREADY_REVERSED = 'points entry already reversed';
export const NOT_REVERSIBLE = 'a reversal must name an entry that is not itself a reversal';

export interface PointsListQuery {
  from?: number;
  to?: number;
  agentId?: string;
  limit?: number;
}

/** The checked bounds of a list query: NaN is a caller bug, a missing limit means all. */
export function pointsListBounds(query: PointsListQuery): { from?: number; to?: number; limit: number } {
  return {
    ...(query.from !== undefined && { from: toBound('from', query.from) }),
    ...(query.to !== undefined && { to: toBound('to', query.to) }),
    limit: query.limit === undefined ? Infinity : toCount('limit', query.limit),
  };
}

/** Checked before anything is written: a record SQLite could not bind is refused whole by both. */
export function assertStorableEntry(entry: PointsEntry): void {
  if (typeof entry.id !== 'string' || entry.id.length === 0) throw new TypeError('a points entry needs an id');
  if (typeof entry.agentId !== 'string' || entry.agentId.length === 0) throw new TypeError(`points entry ${entry.id} needs an agentId`);
  if (!Number.isFinite(entry.at)) throw new RangeError(`points entry ${entry.id}: at must be a finite number`);
  if (!Number.isFinite(entry.points)) throw new RangeError(`points entry ${entry.id}: points must be a finite number`);
}

/**
 * What is stored: the entry without `reversedBy`, which is not a fact of the entry but of
 * the ledger, filled in on reading from whichever reversal names it.
 */
export function storedForm(entry: PointsEntry): string {
  const { reversedBy: _ignored, ...rest } = entry;
  return JSON.stringify(rest);
}
