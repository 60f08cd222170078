/**
 * Times in a schedule file, read in the centre's time zone. A planner writes wall-clock
 * times ("08:00" on "2026-11-28"); the engine wants epoch ms. dayjs with its timezone
 * plugin places a wall-clock time; local days and their midnights come from the engine's
 * calendar (server/engine/calendar.ts: the plugin put some midnights an hour off on the
 * days the clocks change), so a shift on a daylight-saving day lands where the clock on
 * the wall says.
 *
 * Every function here answers `{ error }` (a coded problem, shared/schedule-problems.ts)
 * instead of throwing, so the parser can name the row and field of each problem and go on
 * to the next one.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { scheduleProblem, type ScheduleProblem } from '../../shared/schedule-problems.js';
import { dateStart, dayOf, localDateOf } from '../engine/calendar.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** `field: 'date'` when the date beside the time is what is wrong. */
export type Resolved = { ms: number } | { error: ScheduleProblem; field?: 'date' };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** 8:00, 08:00, 08:00:30, optionally with its own offset (08:00+08:00, 00:30Z). */
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;
/** A full date and time: with an offset it is absolute, without one it is local to the centre. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?)(Z|[+-]\d{2}:?\d{2})?$/;

/** A calendar date that exists (2026-02-30 does not). */
export function checkDate(text: string): { date: string } | { error: ScheduleProblem } {
  const m = DATE.exec(text.trim());
  if (!m) return { error: scheduleProblem('notADate', { text }) };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return { error: scheduleProblem('notACalendarDate', { text }) };
  }
  return { date: m[0] };
}

interface ClockTime {
  hh: string;
  mm: string;
  ss: string;
  offset?: string;
}

function clockTime(text: string): ClockTime | { error: ScheduleProblem } {
  const m = TIME.exec(text);
  if (!m) return { error: scheduleProblem('notATime', { text }) };
  const [h, mi, s = '00'] = [Number(m[1]), Number(m[2]), m[3]];
  if (h > 23 || mi > 59 || Number(s) > 59) return { error: scheduleProblem('notATimeOfDay', { text }) };
  return { hh: String(h).padStart(2, '0'), mm: m[2], ss: s, ...(m[4] !== undefined && { offset: m[4] }) };
}

/** Epoch ms of a date and a clock time: in the time's own offset when it has one, else in `tz`. */
function at(date: string, t: ClockTime, tz: string): Resolved {
  const local = `${date}T${t.hh}:${t.mm}:${t.ss}`;
  const ms = t.offset !== undefined ? Date.parse(`${local}${t.offset}`) : dayjs.tz(local, tz).valueOf();
  return Number.isFinite(ms) ? { ms } : { error: scheduleProblem('notPlaceable', { date, time: `${t.hh}:${t.mm}` }) };
}

/** True when the text is a complete date and time (it needs no `date` beside it). */
export function isDateTime(text: string): boolean {
  return DATE_TIME.test(text.trim());
}

function dateTime(text: string, tz: string): Resolved {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return { error: scheduleProblem('notADateTime', { text }) };
  const day = checkDate(m[1]);
  if ('error' in day) return day;
  if (m[3] !== undefined) {
    const ms = Date.parse(`${m[1]}T${m[2].length === 4 ? `0${m[2]}` : m[2]}${m[3]}`);
    return Number.isFinite(ms) ? { ms } : { error: scheduleProblem('notAValidTime', { text }) };
  }
  const t = clockTime(m[2].replace(/\.\d+$/, ''));
  return 'error' in t ? t : at(day.date, t, tz);
}

/**
 * When something starts: a full date-time on its own, or a clock time on `date` (required
 * then). Epoch ms (a number, from JSON) pass through.
 */
export function resolveStart(date: string | undefined, time: string | number, tz: string): Resolved {
  if (typeof time === 'number') return epoch(time);
  const text = time.trim();
  if (text === '') return { error: scheduleProblem('required') };
  if (isDateTime(text)) return dateTime(text, tz);
  if (date === undefined || date.trim() === '') return { error: scheduleProblem('dateRequired', { text }), field: 'date' };
  const day = checkDate(date);
  if ('error' in day) return { ...day, field: 'date' };
  const t = clockTime(text);
  return 'error' in t ? t : at(day.date, t, tz);
}

/**
 * A clock time that belongs to something already placed (a shift's end, a break): its
 * first occurrence after `anchor` (at `anchor` itself too when `sameInstantOk`). So an end
 * earlier than the start is the next day, and a break at 01:00 in a night shift is after
 * midnight. A full date-time or epoch ms is taken as written.
 */
export function resolveAfter(anchor: number, time: string | number, tz: string, sameInstantOk = false): Resolved {
  if (typeof time === 'number') return epoch(time);
  const text = time.trim();
  if (text === '') return { error: scheduleProblem('required') };
  if (isDateTime(text)) return dateTime(text, tz);
  const t = clockTime(text);
  if ('error' in t) return t;
  // The anchor's calendar day in the zone the time is written in.
  const fixed = t.offset !== undefined ? dayjs(anchor).utcOffset(offsetMinutes(t.offset)) : undefined;
  for (const add of [0, 1]) {
    const date = fixed !== undefined ? fixed.add(add, 'day').format('YYYY-MM-DD') : localDateOf(anchor, tz, add);
    const placed = at(date, t, tz);
    if ('error' in placed) return placed;
    if (placed.ms > anchor || (sameInstantOk && placed.ms === anchor)) return placed;
    // An end written as the start's own clock time is a slip, not a 24-hour shift.
    if (placed.ms === anchor) return { error: scheduleProblem('sameAsStart', { text }) };
  }
  return { error: scheduleProblem('notWithinADay', { text }) };
}

function epoch(ms: number): Resolved {
  return Number.isSafeInteger(ms) && ms >= 0 ? { ms } : { error: scheduleProblem('notEpochMs') };
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** `ms` as the centre's local date and clock time, for error messages and exports. */
export function localParts(ms: number, tz: string): { date: string; time: string } {
  const d = dayjs(ms).tz(tz);
  return { date: d.format('YYYY-MM-DD'), time: d.second() === 0 ? d.format('HH:mm') : d.format('HH:mm:ss') };
}

/** The centre-local day containing `ms`: its start and the next day's start. */
export function centreDay(ms: number, tz: string): { start: number; next: number } {
  const { start, next } = dayOf(ms, tz);
  return { start, next };
}

/** The start of the centre-local day `days` after the one containing `ms`. */
export function centreDayStart(ms: number, tz: string, days = 0): number {
  return dateStart(dayOf(ms, tz).day, tz, days);
}

/** Midnight at the start of a centre-local date (YYYY-MM-DD), or an error for a date that does not exist. */
export function centreMidnight(date: string, tz: string): Resolved {
  const day = checkDate(date);
  if ('error' in day) return day;
  return { ms: dateStart(day.date, tz) };
}
