/**
 * Centre-local days for schedule files and the schedule query: local midnights on the days
 * the clocks change too (a three-day window is 71 or 73 hours then, not 72).
 */
import { describe, expect, it } from 'vitest';
import { centreDay, centreDayStart, centreMidnight, resolveAfter, resolveStart } from '../../../server/schedule/local-time.js';

const iso = (ms: number): string => new Date(ms).toISOString();

describe('centre-local days', () => {
  it('start and end at local midnights across the end of summer time (New York, 2026-11-01)', () => {
    const day = centreDay(Date.parse('2026-11-01T12:00:00Z'), 'America/New_York');
    expect([iso(day.start), iso(day.next)]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    expect(iso(centreDayStart(Date.parse('2026-10-31T12:00:00Z'), 'America/New_York', 3))).toBe('2026-11-03T05:00:00.000Z');
    expect(iso(centreDayStart(Date.parse('2026-03-07T12:00:00Z'), 'America/New_York', 2))).toBe('2026-03-09T04:00:00.000Z');
  });

  it('place a date\'s midnight in the zone, and refuse a date that does not exist', () => {
    expect(centreMidnight('2026-11-02', 'America/New_York')).toEqual({ ms: Date.parse('2026-11-02T05:00:00Z') });
    expect(centreMidnight('2026-02-30', 'America/New_York')).toMatchObject({ error: { code: 'notACalendarDate' } });
  });

  it('put a shift\'s end on the next local date when it is earlier than the start, on a 25-hour day too', () => {
    const start = resolveStart('2026-11-01', '22:00', 'America/New_York');
    expect(start).toEqual({ ms: Date.parse('2026-11-02T03:00:00Z') });
    const end = resolveAfter((start as { ms: number }).ms, '06:00', 'America/New_York');
    expect(end).toEqual({ ms: Date.parse('2026-11-02T11:00:00Z') });
  });
});
