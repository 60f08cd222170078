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
