/**
 * Input validation at the edge with the shared zod schemas: a 400 that names the field and
 * says what is wrong with it, never echoing the value (it may be a password).
 */
import type { Response } from 'express';
import type { z } from 'zod';
import { problem } from '../../../shared/problems.js';

export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // An unknown parameter (strict schemas) is reported at the root with its name in `keys`.
  const field = issue.path.length > 0
    ? issue.path.join('.')
    : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(input)';
  res.status(400).json({ ...problem('invalidField', { field, detail: issue.message }), field });
  return undefined;
}
