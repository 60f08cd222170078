import { describe, expect, it } from 'vitest';
import { timestamp } from '../../../shared/events.js';

/** The first issue's message: what the routes and forms that take a time show. */
function firstMessage(value: unknown): string | undefined {
  const result = timestamp.safeParse(value);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe('timestamp (query bounds, schedules, hand-overs, points)', () => {
  it('reads epoch milliseconds and ISO 8601 with an offset', () => {
    expect(timestamp.parse(1_795_996_800_067)).toBe(1_795_996_800_067);
    expect(timestamp.parse('2026-11-28T09:00:03+08:00')).toBe(Date.parse('2026-11-28T09:00:03+08:00'));
  });

  it("says what is wrong with a string in the first issue, not zod's bare \"Invalid input\"", () => {
    expect(firstMessage('2026-11-28T09:00:03')).toBe('no UTC offset: add Z or the offset it was taken in (e.g. 2026-11-28T09:00:03+08:00)');
    expect(firstMessage('1764291603000')).toBe('epoch milliseconds in quotes: send them as a JSON number (1764291603000, not "1764291603000")');
    expect(firstMessage('2026-13-01T00:00:00Z')).toBe('not a valid date');
    expect(firstMessage('yesterday')).toBe('ISO 8601 with an offset (e.g. 2026-11-28T09:00:03+08:00) or epoch milliseconds');
  });
});
