/**
 * Quiet hours: a recipient's night, in the centre's time zone. Pure: the time is given.
 * `from` after `to` spans midnight (22:00-07:00); `from` equal to `to` is never quiet.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function inQuietHours(now: number, timeZone: string, quiet: { from: string; to: string }): boolean {
  const local = dayjs(now).tz(timeZone);
  const m = local.hour() * 60 + local.minute();
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  if (from === to) return false;
  return from < to ? m >= from && m < to : m >= from || m < to;
}
