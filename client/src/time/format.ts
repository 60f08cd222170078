/**
 * How the wallboard writes times and figures. Pure, so it is easy to test and reuse, but
 * for formatDateTime's defaults: the UI's language and the centre's zone as known now.
 */
import dayjs from 'dayjs';
import duration from 'dayjs/plugin/duration.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { useLocale, type Locale } from '../i18n/index.js';
import { centreZone } from './centre-zone.js';

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

/** Intl's language for each UI language (the browser's own locale plays no part). */
const INTL_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en' };
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: Locale, tz: string | undefined, seconds: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${tz ?? ''}|${seconds ? 's' : ''}`;
  let format = dateTimeFormats.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = {
      dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short',
      // 24-hour like the header clock and every other time on the wallboard (no "12:00 AM").
      hourCycle: 'h23',
    };
    try {
      format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, ...(tz !== undefined && { timeZone: tz }) });
    } catch {
      // A zone this browser does not know (a typo in the rules file): the browser's own.
      format = new Intl.DateTimeFormat(INTL_LOCALE[locale], options);
    }
    dateTimeFormats.set(key, format);
  }
  return format;
}

/**
 * A moment as a date and time (admin lists: when a display was paired, last seen; the
 * audit log) in the UI's language and the centre's time zone, as the header clock shows
 * it, whatever the browser's locale and zone: "2026年11月30日 08:00:20" or
 * "Nov 30, 2026, 08:00:20". By default the language in use and the centre's zone as the
 * page knows it (time/centre-zone.ts; the browser's zone until then); a component that
 * must render again when they change uses `useDateTime` (time/date-time.ts).
 */
export function formatDateTime(
  epochMs: number, tz: string | undefined = centreZone(), locale: Locale = useLocale.getState().locale, seconds = false,
): string {
  return dateTimeFormat(locale, tz, seconds).format(epochMs);
}

/** `2026-11-28 16:00` where the centre is (the schedule, handover and points pages). */
export function formatCentreDateTime(epochMs: number, tz: string | undefined): string {
  return (tz === undefined ? dayjs(epochMs) : safeTz(epochMs, tz)).format('YYYY-MM-DD HH:mm');
}
