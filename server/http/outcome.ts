/**
 * What a service operation answers, and how its route sends it (the handover and points
 * services): its value, or a refusal with the HTTP status that says why (bad input 400
 * naming the field, not yours 403, no such entry 404, the state says no 409). A service
 * returns it without knowing HTTP, so tests read it directly; the route sends the value,
 * or `{ error, field? }` like every other route.
 */
import type { Response } from 'express';
import type { z } from 'zod';
import type { Problem, ProblemCode, ProblemParams } from '../../shared/problems.js';
import { problem } from '../../shared/problems.js';

export interface Refusal {
  ok: false;
  status: 400 | 403 | 404 | 409;
  error: string;
  field?: string;
  code?: ProblemCode;
  params?: ProblemParams;
}

export type Outcome<T, R extends Refusal = Refusal> = { ok: true; value: T } | R;

/** `error`: English text alone, or a coded problem (shared/problems.ts) a screen can translate. */
export function refuse(status: Refusal['status'], error: string | Problem, field?: string): Refusal {
  const body = typeof error === 'string' ? { error } : error;
  return { ok: false, status, ...body, ...(field !== undefined && { field }) };
}

/** The first zod issue as a refusal naming its field. */
export function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>): Refusal {
  const issue = issues[0];
  // An unknown key (strict schemas) is named with its place: `fields.weather`, not `fields`.
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path.map(String), issue.keys.join(',')] : issue.path.map(String);
  const field = path.length > 0 ? path.join('.') : '(input)';
  return refuse(400, problem('invalidField', { field, detail: issue.message }), field);
}

/** The value with `okStatus`; a refusal with its status, its body all but `ok` and `status`. */
export function sendOutcome<T>(res: Response, outcome: Outcome<T>, okStatus = 200): void {
  if (outcome.ok) {
    res.status(okStatus).json(outcome.value);
    return;
  }
  const { ok: _ok, status, ...body } = outcome;
  res.status(status).json(body);
}

/** The input as the schema reads it; or undefined, the 400 naming the field already sent. */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  sendOutcome(res, invalid(parsed.error.issues));
  return undefined;
}
