/**
 * Quarters and years in the centre's time zone (rules file `timezone`). Points count in
 * the quarter of the centre's calendar the thing happened in: at 2026-12-31T16:30Z it is
 * already 2027-01-01 00:30 in Shanghai, so that entry belongs to 2027-Q1 there.
 * Pure arithmetic on epoch ms: local dates and midnights from the engine's calendar (Intl,
 * not the machine's clock), so the quarters are the engine's own, on the days the clocks
 * change too; dayjs's timezone plugin only formats.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { dayOf, localMonthStart } from '../engine/calendar.js';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface Quarter {
  /** `2026-Q4` */
  id: string;
  year: number;
  /** 1-4 */
  quarter: number;
  /** First instant of the quarter in the time zone, epoch ms. */
  from: number;
  /** First instant of the next quarter. */
  to: number;
}

export const QUARTER_PATTERN = /^(\d{4})-Q([1-4])$/;

export function quarterBounds(year: number, quarter: number, tz: string): Quarter {
  const firstMonth = (quarter - 1) * 3 + 1;
  return {
    id: `${year}-Q${quarter}`,
    year,
    quarter,
    from: localMonthStart(year, firstMonth - 1, tz),
    to: localMonthStart(year, firstMonth + 2, tz),
  };
}

/** The quarter containing `ts` in `tz`. */
export function quarterOf(ts: number, tz: string): Quarter {
  const day = dayOf(ts, tz).day;
  return quarterBounds(Number(day.slice(0, 4)), Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1, tz);
}

/** `2026-Q4` -> its bounds; undefined when the text is not a quarter. */
export function parseQuarter(id: string, tz: string): Quarter | undefined {
  const match = QUARTER_PATTERN.exec(id);
  return match ? quarterBounds(Number(match[1]), Number(match[2]), tz) : undefined;
}

/** The four quarters of a year, in order. */
export function quartersOfYear(year: number, tz: string): Quarter[] {
  return [1, 2, 3, 4].map((q) => quarterBounds(year, q, tz));
}

/** The year containing `ts` in `tz`. */
export function yearOf(ts: number, tz: string): number {
  return Number(dayOf(ts, tz).day.slice(0, 4));
}

/** `ts` as local wall time with its offset, e.g. `2027-01-01T00:30:00+08:00` (CSV, docs). */
export function localIso(ts: number, tz: string): string {
  return dayjs(ts).tz(tz).format('YYYY-MM-DDTHH:mm:ssZ');
}
