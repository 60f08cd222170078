/**
 * The plan's times as people type and read them: a date and an "HH:mm" in the centre's
 * time zone (the import's convention), never the browser's. The server keeps epoch ms;
 * these turn one into the other, and breaks into the CSV's own words
 * ("10:00-10:15 break; 12:00-12:45 meal") so the form and the file read alike.
 */
import dayjs from 'dayjs';
import type { BreakKind, ScheduledBreak } from '../../../shared/schedule.js';
import { BREAK_KINDS } from '../../../shared/schedule.js';
// format.ts extends dayjs with utc and timezone.
import '../time/format.js';

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function zoned(ms: number, tz: string): dayjs.Dayjs {
  try {
    return dayjs(ms).tz(tz);
  } catch {
    return dayjs(ms);
  }
}

/** `YYYY-MM-DD` of a moment, where the centre is. */
export function localDate(ms: number, tz: string): string {
  return zoned(ms, tz).format('YYYY-MM-DD');
}

/** `HH:mm` of a moment, where the centre is. */
export function localTime(ms: number, tz: string): string {
  return zoned(ms, tz).format('HH:mm');
}

export function isTime(text: string): boolean {
  return TIME.test(text.trim());
}

export function isDate(text: string): boolean {
  return DATE.test(text.trim()) && dayjs(text.trim()).isValid();
}

/** A local date and time in the centre's zone as epoch ms; null when either does not parse. */
export function toEpoch(date: string, time: string, tz: string): number | null {
  if (!isDate(date) || !isTime(time)) return null;
  const [h, m] = time.trim().split(':');
  const text = `${date.trim()} ${h.padStart(2, '0')}:${m}`;
  try {
    const ms = dayjs.tz(text, 'YYYY-MM-DD HH:mm', tz).valueOf();
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

/** Midnight starting `date` in the centre's zone. */
export function dayStart(date: string, tz: string): number {
  return toEpoch(date, '00:00', tz) ?? dayjs(date).valueOf();
}

/** The date `days` after `date` (calendar days, so DST-safe). */
export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/**
 * A shift or duty typed as a date, a start and an end. As in the import, an end earlier
 * than the start is the next morning (a night shift); an end equal to the start is an error.
 */
export function spanOf(date: string, start: string, end: string, tz: string): { start: number; end: number } | null {
  const from = toEpoch(date, start, tz);
  let to = toEpoch(date, end, tz);
  if (from === null || to === null) return null;
  if (to < from) to = toEpoch(addDays(date, 1), end, tz);
  if (to === null || to === from) return null;
  return { start: from, end: to };
}

/** One break as text: `10:00-10:15 break`. */
function breakText(b: Pick<ScheduledBreak, 'kind' | 'start' | 'end'>, tz: string): string {
  return `${localTime(b.start, tz)}-${localTime(b.end, tz)} ${b.kind}`;
}

export function formatBreaks(breaks: readonly Pick<ScheduledBreak, 'kind' | 'start' | 'end'>[], tz: string): string {
  return [...breaks].sort((a, b) => a.start - b.start).map((b) => breakText(b, tz)).join('; ');
}

export type BreaksParse = { ok: true; breaks: ScheduledBreak[] } | { ok: false; part: string; problem: 'format' | 'kind' | 'outside' };

/**
 * Breaks typed the CSV's way, separated by `;` or new lines. Each is placed on the day
 * that puts it inside the shift (after midnight on a night shift). Refuses, naming the
 * part, a break that does not parse, has an unknown kind or falls outside the shift.
 */
export function parseBreaks(text: string, shift: { start: number; end: number }, tz: string): BreaksParse {
  const parts = text.split(/[;\n]/).map((p) => p.trim()).filter((p) => p !== '');
  const breaks: ScheduledBreak[] = [];
  for (const part of parts) {
    const match = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})\s*(\S+)?$/.exec(part);
    if (match === null || !isTime(match[1]) || !isTime(match[2])) return { ok: false, part, problem: 'format' };
    const kind = (match[3] ?? 'break').toLowerCase();
    if (!(BREAK_KINDS as readonly string[]).includes(kind)) return { ok: false, part, problem: 'kind' };
    const placed = placeInShift(match[1], match[2], shift, tz);
    if (placed === null) return { ok: false, part, problem: 'outside' };
    breaks.push({ kind: kind as BreakKind, ...placed });
  }
  return { ok: true, breaks: breaks.sort((a, b) => a.start - b.start) };
}

function placeInShift(start: string, end: string, shift: { start: number; end: number }, tz: string): { start: number; end: number } | null {
  const first = localDate(shift.start, tz);
  // The shift's own day, or the next one for the part of a night shift after midnight.
  for (const date of [first, addDays(first, 1)]) {
    const span = spanOf(date, start, end, tz);
    if (span !== null && span.start >= shift.start && span.end <= shift.end) return span;
  }
  return null;
}

/** The window a day or week view asks the server for: [from, to) in epoch ms. */
export function windowOf(mode: 'day' | 'week', date: string, tz: string): { from: number; to: number } {
  const days = mode === 'day' ? 1 : 7;
  return { from: dayStart(date, tz), to: dayStart(addDays(date, days), tz) };
}

/** The dates a view shows. */
export function datesOf(mode: 'day' | 'week', date: string): string[] {
  return Array.from({ length: mode === 'day' ? 1 : 7 }, (_, i) => addDays(date, i));
}

/** "08:00–16:00", with "+1" when it ends the next day. */
export function spanText(span: { start: number; end: number }, tz: string): string {
  const nextDay = localDate(span.end, tz) !== localDate(span.start, tz);
  return `${localTime(span.start, tz)}–${localTime(span.end, tz)}${nextDay ? ' +1' : ''}`;
}
