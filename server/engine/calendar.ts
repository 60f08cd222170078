/**
 * The centre's calendar: where its days and 15-minute intervals begin. Pure arithmetic on
 * epoch ms and the configured IANA time zone, read off Intl (the platform's tz database,
 * not the machine's clock or zone). Not dayjs's timezone plugin: near a change of clocks
 * it placed some instants on the wrong local date (Sydney, the night summer time ends)
 * and some midnights an hour off (Santiago, where the clocks change at midnight).
 */

export const INTERVAL_MS = 15 * 60 * 1000;

const HOUR_MS = 3600_000;

/** One formatter per zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** The zone's wall clock at `ts`, as the epoch ms that wall clock would be in UTC. */
function wallClock(ts: number, tz: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(ts)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const ms = ((ts % 1000) + 1000) % 1000;
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + ms;
}

/** The local calendar date at `ts` as UTC fields (year, month 0-11, day). */
function localDate(ts: number, tz: string): Date {
  const wall = new Date(wallClock(ts, tz));
  return new Date(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate()));
}

/**
 * The instant a local calendar date (UTC fields of `date`, at 00:00) begins in the zone.
 * Where the clocks go back over midnight, so that midnight comes twice, the date begins at
 * the second (from then on it is that date for good); where they skip midnight, at the
 * first instant its wall clock shows that date.
 */
function startOfDate(date: Date, tz: string): number {
  const wall = date.getTime();
  // The zone's offsets either side of the date: at most one change of clocks lies between.
  const offsets = new Set([wallClock(wall - 24 * HOUR_MS, tz) - (wall - 24 * HOUR_MS), wallClock(wall + 24 * HOUR_MS, tz) - (wall + 24 * HOUR_MS)]);
  const midnights = [...offsets].map((o) => wall - o).filter((t) => wallClock(t, tz) === wall);
  if (midnights.length > 0) return Math.max(...midnights);
  // Midnight skipped: the first instant whose wall clock is past it (monotone here: the
  // clocks only went forward between these bounds).
  let lo = wall - 16 * HOUR_MS;
  let hi = wall + 16 * HOUR_MS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallClock(mid, tz) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

const addDays = (date: Date, days: number): Date =>
  new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
const ymd = (date: Date): string => date.toISOString().slice(0, 10);

/** When a local calendar date (`YYYY-MM-DD`, `days` later) begins in the zone (see startOfDate). */
export function dateStart(date: string, tz: string, days = 0): number {
  return startOfDate(addDays(new Date(`${date}T00:00:00Z`), days), tz);
}

/** The local calendar date (`YYYY-MM-DD`) `days` after the one `ts` falls on in the zone. */
export function localDateOf(ts: number, tz: string, days = 0): string {
  return ymd(addDays(localDate(ts, tz), days));
}

/**
 * The local day (YYYY-MM-DD) containing `ts`, with its start and the next day's start: each
 * a local midnight found as such, never a start plus 24 hours (on the days the clocks
 * change that landed an hour off, and where they go back, before the day's own end, where
 * the day boundary re-armed itself for ever).
 */
export function dayOf(ts: number, tz: string): { day: string; start: number; next: number } {
  let date = localDate(ts, tz);
  let start = startOfDate(date, tz);
  if (start > ts) {
    // The first of a midnight that comes twice: still the day before, for good.
    date = addDays(date, -1);
    start = startOfDate(date, tz);
  }
  return { day: ymd(date), start, next: startOfDate(addDays(date, 1), tz) };
}

/**
 * The start of the 15-minute interval containing `ts`. Every time zone's offset is a
 * multiple of 15 minutes, so aligning on the epoch aligns on local quarter-hours too.
 */
export function intervalOf(ts: number): number {
  return ts - (((ts % INTERVAL_MS) + INTERVAL_MS) % INTERVAL_MS);
}

/** Throws with a clear message when the zone is unknown (used to validate the rules file). */
export function assertTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new Error(`unknown time zone "${tz}" (use an IANA name such as Asia/Shanghai)`);
  }
}

/** A calendar period in the centre's zone: its key, its first ms and the next period's first ms. */
export interface Period {
  key: string;
  start: number;
  next: number;
}

/** Local midnight of the first day of `month` (0-11, may run past 11) of `year`. */
export function localMonthStart(year: number, month: number, tz: string): number {
  return startOfDate(new Date(Date.UTC(year, month, 1)), tz);
}

/** The local month (`YYYY-MM`) containing `ts`: the points of article 104.1 count per month. */
export function monthOf(ts: number, tz: string): Period {
  const date = localDate(dayOf(ts, tz).start, tz);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return {
    key: `${year}-${String(month + 1).padStart(2, '0')}`,
    start: localMonthStart(year, month, tz),
    next: localMonthStart(year, month + 1, tz),
  };
}

/** The local quarter (`YYYY-Qn`) containing `ts`: article 104.2's "little bee" is per quarter. */
export function quarterOf(ts: number, tz: string): Period {
  const date = localDate(dayOf(ts, tz).start, tz);
  const year = date.getUTCFullYear();
  const q = Math.floor(date.getUTCMonth() / 3);
  return { key: `${year}-Q${q + 1}`, start: localMonthStart(year, q * 3, tz), next: localMonthStart(year, q * 3 + 3, tz) };
}

/** A local clock time for alert titles (`09:00`), in the centre's zone. */
export function localTime(ts: number, tz: string): string {
  return new Date(wallClock(ts, tz)).toISOString().slice(11, 16);
}
