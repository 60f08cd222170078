/**
 * The centre's day starts at local midnight in its zone, including the days daylight
 * saving time begins or ends (23 and 25 hours long), and zones that skip midnight itself.
 */
import { describe, expect, it } from 'vitest';
import { dayOf, localTime, monthOf, quarterOf } from '../../../server/engine/calendar.js';
import { createEngineState, step } from '../../../server/engine/engine.js';
import { defaultRulesConfig } from '../../../shared/rules-config.js';

const ZONES = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'America/Santiago', 'America/Havana', 'UTC'];
const HOUR = 3600_000;

describe('dayOf', () => {
  it.each(ZONES)('cuts every day of 2026 in %s at local midnights, each day running into the next', (tz) => {
    let { day, start, next } = dayOf(Date.parse('2026-01-01T12:00:00Z'), tz);
    for (let n = 0; n < 366; n++) {
      expect(next - start, day).toBeGreaterThanOrEqual(23 * HOUR);
      expect(next - start, day).toBeLessThanOrEqual(25 * HOUR);
      expect(dayOf(next - 1, tz).day, day).toBe(day);
      expect(dayOf(start, tz).start, day).toBe(start);
      const following = dayOf(next, tz);
      expect(following.start, day).toBe(next);
      const expected = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8)) + 1)).toISOString().slice(0, 10);
      expect(following.day, day).toBe(expected);
      ({ day, start, next } = following);
    }
  });

  it('makes the day daylight saving ends 25 hours long and the day it begins 23 (New York, 2026)', () => {
    const autumn = dayOf(Date.parse('2026-11-01T12:00:00Z'), 'America/New_York');
    expect([new Date(autumn.start).toISOString(), new Date(autumn.next).toISOString()]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
    const spring = dayOf(Date.parse('2026-03-08T12:00:00Z'), 'America/New_York');
    expect([new Date(spring.start).toISOString(), new Date(spring.next).toISOString()]).toEqual(['2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z']);
  });
});

describe('months, quarters and clock times', () => {
  it('start a month at its first local midnight, even where the clocks change at midnight (Santiago)', () => {
    // Chile's summer time begins at 00:00 on 2026-09-06 and ends at 00:00 on 2026-04-05.
    const april = monthOf(Date.parse('2026-04-15T12:00:00Z'), 'America/Santiago');
    expect(april.key).toBe('2026-04');
    expect(new Date(april.start).toISOString()).toBe('2026-04-01T03:00:00.000Z');
    expect(new Date(april.next).toISOString()).toBe('2026-05-01T04:00:00.000Z');
    expect(quarterOf(april.next - 1, 'America/Santiago').key).toBe('2026-Q2');
    expect(monthOf(april.start - 1, 'America/Santiago').key).toBe('2026-03');
  });

  it('show the wall clock either side of a change of clocks', () => {
    expect(localTime(Date.parse('2026-04-04T15:59:00Z'), 'Australia/Sydney')).toBe('02:59'); // summer time, +11
    expect(localTime(Date.parse('2026-04-04T16:00:00Z'), 'Australia/Sydney')).toBe('02:00'); // standard, +10
    expect(localTime(Date.parse('2026-04-04T12:59:59Z'), 'Australia/Sydney')).toBe('23:59');
    expect(dayOf(Date.parse('2026-04-04T12:59:59Z'), 'Australia/Sydney').day).toBe('2026-04-04');
  });
});

describe('the engine\'s day boundary', () => {
  it.each([
    ['America/New_York', '2026-10-30T12:00:00Z', ['2026-10-31T04:00:00.000Z', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', '2026-11-03T05:00:00.000Z']],
    ['America/New_York', '2026-03-06T12:00:00Z', ['2026-03-07T05:00:00.000Z', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', '2026-03-10T04:00:00.000Z']],
    ['Europe/London', '2026-10-23T12:00:00Z', ['2026-10-23T23:00:00.000Z', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z', '2026-10-27T00:00:00.000Z']],
  ])('rolls over once a local midnight in %s, through the change of clocks', (tz, from, midnights) => {
    const rules = defaultRulesConfig();
    rules.timezone = tz;
    let now = Date.parse(from);
    const state = createEngineState(rules, now);
    const days: string[] = [];
    const at: string[] = [];
    for (let hours = 1; hours <= 4 * 24; hours++) {
      now += HOUR;
      for (const effect of step(state, { kind: 'tick' }, now).effects) {
        if (effect.type === 'day') {
          days.push(effect.day);
          at.push(new Date(state.dayStart).toISOString());
        }
      }
    }
    expect(at).toEqual(midnights);
    expect(days).toEqual(midnights.map((m) => dayOf(Date.parse(m), tz).day));
  });
});
