/**
 * Where submitted and confirmed handovers are kept (drafts are computed, never stored).
 * Two backends, memory and SQLite, held to one contract (test/unit/handover/store-*.ts).
 * A confirmed handover is history: neither backend lets it change.
 */
import { createHash } from 'node:crypto';
import { HANDOVER_FIELDS, type Handover, type HandoverStatus } from '../../shared/handover.js';
import { toBound, toCount } from '../storage/limits.js';

export interface HandoverQuery {
  /** Case-insensitive text anywhere in the fields, the team ids, the leads' names and accounts. */
  q?: string;
  teamId?: string;
  /** shiftChangeAt >= from */
  from?: number;
  /** shiftChangeAt < to */
  to?: number;
  status?: HandoverStatus[];
  limit?: number;
}

export interface HandoverStore {
  /**
   * Inserts or replaces by id. Throws HandoverStoreConflictError for a change to a confirmed
   * handover, or a second handover (another id) for the same shift change and teams.
   */
  save(handover: Handover): Promise<void>;
  get(id: string): Promise<Handover | undefined>;
  /** Newest shift change first (ties by id). */
  search(query: HandoverQuery): Promise<Handover[]>;
  close(): Promise<void>;
}

export class HandoverStoreConflictError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HandoverStoreConflictError';
  }
}

export const CONFIRMED_IS_FINAL = 'a confirmed handover cannot be changed';

/**
 * A database's refusal of a save as the contract says it: the guard against changing a
 * confirmed handover (its message), or the one handover per shift change and teams (the
 * backend's unique-violation code); anything else as it came.
 */
export function saveRefusal(error: unknown, uniqueViolation: boolean): unknown {
  const message = error instanceof Error ? error.message : '';
  if (message.includes(CONFIRMED_IS_FINAL)) return new HandoverStoreConflictError(CONFIRMED_IS_FINAL, { cause: error });
  if (uniqueViolation) return new HandoverStoreConflictError('another handover already covers this shift change and these teams', { cause: error });
  return error;
}

/** `search` without a limit returns at most this many; never more than the max. */
export const DEFAULT_HANDOVER_LIMIT = 200;
export const MAX_HANDOVER_LIMIT = 5_000;

export function handoverLimit(limit: number | undefined): number {
  return limit === undefined ? DEFAULT_HANDOVER_LIMIT : Math.min(toCount('limit', limit), MAX_HANDOVER_LIMIT);
}

export function checkedBounds(query: HandoverQuery): { from?: number; to?: number } {
  return {
    ...(query.from !== undefined && { from: toBound('from', query.from) }),
    ...(query.to !== undefined && { to: toBound('to', query.to) }),
  };
}

/** The teams in one canonical order: {T2, T1} and {T1, T2} are the same handover. */
export function teamKey(teamIds: readonly string[]): string {
  return [...new Set(teamIds)].sort().join('\n');
}

/**
 * A handover's id follows from its shift change and teams, so the draft, the submitted
 * record and the engine's `handover.confirm` command all name the same handover, and a
 * confirmation retried after a crash names it again.
 */
export function handoverId(shiftChangeAt: number, teamIds: readonly string[]): string {
  const digest = createHash('sha256').update(`${shiftChangeAt}\n${teamKey(teamIds)}`).digest('hex').slice(0, 16);
  return `handover-${shiftChangeAt}-${digest}`;
}

/** What `q` searches, lower-cased once when the handover is saved. */
export function searchText(h: Handover): string {
  const parts = [
    ...HANDOVER_FIELDS.map((f) => h.fields[f]),
    ...h.teamIds,
    h.outgoing.name, h.outgoing.account, h.outgoing.leadId,
    h.incoming.name, h.incoming.account, h.incoming.leadId,
    h.confirmNote,
  ];
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n').toLowerCase();
}

/** Newest shift change first, ties by id (byte order, as SQLite's BINARY collation). */
export function newestFirst(a: Handover, b: Handover): number {
  return b.shiftChangeAt - a.shiftChangeAt || Buffer.compare(Buffer.from(a.id), Buffer.from(b.id));
}
