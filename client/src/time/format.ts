/** How the wallboard writes times and figures. Pure, so it is easy to test and reuse. */
import dayjs from 'dayjs';
import duration from 'dayjs/plugin/duration.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(duration);

const DAY_MS = 24 * 3600 * 1000;

/** Elapsed time as m:ss, h:mm:ss past an hour, and whole days past a day. Never negative. */
export function formatElapsed(ms: number): string {
  // A few hundred ms of skew between clocks must not show as "-0:01".
  const safe = Math.max(0, ms);
  if (safe >= DAY_MS) return `${Math.floor(safe / DAY_MS)} d`;
  const d = dayjs.duration(Math.floor(safe / 1000), 'seconds');
  return safe >= 3600_000 ? d.format('H:mm:ss') : d.format('m:ss');
}

/** The centre's wall clock: the time where the centre is, whatever the display's zone. */
export function formatCentreClock(epochMs: number, tz: string): { time: string; date: string } {
  const local = safeTz(epochMs, tz);
  return { time: local.format('HH:mm:ss'), date: local.format('ddd D MMM') };
}

export function formatClockTime(epochMs: number, tz: string | undefined): string {
  return (tz === undefined ? dayjs(epochMs) : safeTz(epochMs, tz)).format('HH:mm:ss');
}

/** A fraction 0..1 as a whole percentage; a dash before there is anything to measure. */
export function formatPercent(fraction: number | null): string {
  return fraction === null ? '—' : `${Math.round(fraction * 100)}%`;
}

export function formatSeconds(seconds: number | null): string {
  return seconds === null ? '—' : `${Math.round(seconds)} s`;
}

/** An unknown zone name (a typo in the rules file) falls back to the display's own zone. */
function safeTz(epochMs: number, tz: string): dayjs.Dayjs {
  try {
    return dayjs(epochMs).tz(tz);
  } catch {
    return dayjs(epochMs);
  }
}

const DATE_TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment in the reader's own zone (admin lists: when a display was paired, last seen). */
export function formatDateTime(epochMs: number): string {
  return DATE_TIME.format(epochMs);
}

/** `2026-11-28 16:00` where the centre is (the schedule, handover and points pages). */
export function formatCentreDateTime(epochMs: number, tz: string | undefined): string {
  return (tz === undefined ? dayjs(epochMs) : safeTz(epochMs, tz)).format('YYYY-MM-DD HH:mm');
}
