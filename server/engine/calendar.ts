/**
 * The centre's calendar: where its days and 15-minute intervals begin. Pure arithmetic on
 * epoch ms and the configured IANA time zone (dayjs with its timezone plugin, which asks
 * Intl, not the machine's clock).
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export const INTERVAL_MS = 15 * 60 * 1000;

/** The local day (YYYY-MM-DD) containing `ts`, with its start and the next day's start. */
export function dayOf(ts: number, tz: string): { day: string; start: number; next: number } {
  const local = dayjs(ts).tz(tz);
  const start = local.startOf('day');
  return { day: start.format('YYYY-MM-DD'), start: start.valueOf(), next: start.add(1, 'day').valueOf() };
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

/**
 * Local midnight of the first day of `month` (0-11, may run past 11) of `year`. Parsed as a
 * wall-clock time in the zone, so a boundary at 16:00 UTC (Asia/Shanghai) comes out right.
 */
function localMonthStart(year: number, month: number, tz: string): number {
  const y = year + Math.floor(month / 12);
  const m = ((month % 12) + 12) % 12;
  return dayjs.tz(`${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-01 00:00:00`, tz).valueOf();
}

/** The local month (`YYYY-MM`) containing `ts`: the points of article 104.1 count per month. */
export function monthOf(ts: number, tz: string): Period {
  const local = dayjs(ts).tz(tz);
  const year = local.year();
  const month = local.month();
  return {
    key: `${year}-${String(month + 1).padStart(2, '0')}`,
    start: localMonthStart(year, month, tz),
    next: localMonthStart(year, month + 1, tz),
  };
}

/** The local quarter (`YYYY-Qn`) containing `ts`: article 104.2's "little bee" is per quarter. */
export function quarterOf(ts: number, tz: string): Period {
  const local = dayjs(ts).tz(tz);
  const year = local.year();
  const q = Math.floor(local.month() / 3);
  return { key: `${year}-Q${q + 1}`, start: localMonthStart(year, q * 3, tz), next: localMonthStart(year, q * 3 + 3, tz) };
}

/** A local clock time for alert titles (`09:00`), in the centre's zone. */
export function localTime(ts: number, tz: string): string {
  return dayjs(ts).tz(tz).format('HH:mm');
}
