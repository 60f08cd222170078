/**
 * Argument rules shared by every backend, so the memory store and SQLite answer the same
 * question the same way (the contract suite holds them to it).
 */

/** `alerts.list` without a limit returns at most this many. */
export const DEFAULT_ALERT_LIST_LIMIT = 500;
/** `alerts.list` never returns more than this, whatever it is asked for. */
export const MAX_ALERT_LIST_LIMIT = 10_000;

/**
 * A count argument (a page size, how many to keep): NaN or negative is a caller bug and
 * throws; fractions are floored; Infinity means "no bound" and is kept as Infinity.
 */
export function toCount(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new RangeError(`${name} must be a number >= 0, got ${String(value)}`);
  }
  return Math.floor(value);
}

/** A bound compared against (a seq, a time): anything but NaN, which would match nothing silently. */
export function toBound(name: string, value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new RangeError(`${name} must be a number, got ${String(value)}`);
  }
  return value;
}

export function alertListLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_ALERT_LIST_LIMIT;
  return Math.min(toCount('limit', limit), MAX_ALERT_LIST_LIMIT);
}
