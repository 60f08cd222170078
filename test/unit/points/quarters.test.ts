/** Quarters of the centre's calendar: local midnights, whatever the zone's offset or DST. */
import { describe, expect, it } from 'vitest';
import { localIso, parseQuarter, quarterBounds, quarterOf, quartersOfYear, yearOf } from '../../../server/points/quarters.js';

describe('quarters in a time zone', () => {
  it('start at local midnight on the first of January, April, July and October', () => {
    expect(quartersOfYear(2026, 'Asia/Shanghai').map((q) => [q.id, new Date(q.from).toISOString()])).toEqual([
      ['2026-Q1', '2025-12-31T16:00:00.000Z'],
      ['2026-Q2', '2026-03-31T16:00:00.000Z'],
      ['2026-Q3', '2026-06-30T16:00:00.000Z'],
      ['2026-Q4', '2026-09-30T16:00:00.000Z'],
    ]);
    expect(quarterBounds(2026, 4, 'Asia/Shanghai').to).toBe(Date.parse('2027-01-01T00:00:00+08:00'));
  });

  it('follow daylight saving time where the zone has it (New York: -05:00 in January, -04:00 in April)', () => {
    const q1 = quarterBounds(2026, 1, 'America/New_York');
    expect([new Date(q1.from).toISOString(), new Date(q1.to).toISOString()]).toEqual(['2026-01-01T05:00:00.000Z', '2026-04-01T04:00:00.000Z']);
  });

  it('place an instant by the local calendar, not UTC\'s', () => {
    const instant = Date.parse('2026-12-31T16:30:00Z');
    expect(quarterOf(instant, 'Asia/Shanghai').id).toBe('2027-Q1');
    expect(quarterOf(instant, 'UTC').id).toBe('2026-Q4');
    expect(yearOf(instant, 'Asia/Shanghai')).toBe(2027);
    expect(localIso(instant, 'Asia/Shanghai')).toBe('2027-01-01T00:30:00+08:00');
    expect(quarterOf(Date.parse('2027-01-01T00:00:00+08:00') - 1, 'Asia/Shanghai').id).toBe('2026-Q4');
  });

  it('read `2026-Q4` and nothing else', () => {
    expect(parseQuarter('2026-Q4', 'UTC')).toMatchObject({ year: 2026, quarter: 4 });
    for (const bad of ['2026-Q0', '2026-Q5', '2026Q4', '26-Q1', '2026-q1', '']) expect(parseQuarter(bad, 'UTC'), bad).toBeUndefined();
  });
});
