/**
 * A validator's issue as a schedule problem code: what the schedule page can say in the
 * reader's language, and the validator's own English only where no code fits.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { schemaProblem } from '../../../shared/schedule-problems.js';
import { BREAK_KINDS } from '../../../shared/schedule.js';

const firstIssue = (schema: z.ZodType, value: unknown): z.core.$ZodIssue => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected an issue');
  return parsed.error.issues[0]!;
};

describe('schemaProblem', () => {
  it('codes a value outside a list by the values allowed', () => {
    expect(schemaProblem(firstIssue(z.enum(BREAK_KINDS), 'nap'))).toEqual({
      code: 'notOneOf', params: { options: BREAK_KINDS.join(', ') }, message: `must be one of ${BREAK_KINDS.join(', ')}`,
    });
  });

  it('codes a value of the wrong kind by the kind expected', () => {
    expect(schemaProblem(firstIssue(z.number(), 'x')).code).toBe('notANumber');
    expect(schemaProblem(firstIssue(z.string(), 5)).code).toBe('notText');
    expect(schemaProblem(firstIssue(z.array(z.string()), 'x')).code).toBe('notAList');
    expect(schemaProblem(firstIssue(z.object({}), [])).code).toBe('notAMapping');
  });

  it('codes a shared schema check by the template it names', () => {
    expect(schemaProblem(firstIssue(z.string().min(1, 'must not be empty'), ''))).toEqual({ code: 'empty', message: 'must not be empty' });
  });

  it('keeps the validator\'s words for a check no code fits', () => {
    const issue = firstIssue(z.boolean(), 'yes');
    expect(schemaProblem(issue)).toEqual({ code: 'invalidValue', params: { detail: issue.message }, message: issue.message });
  });
});
