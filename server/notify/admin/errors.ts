import type { Problem, ProblemCode, ProblemParams } from '../../../shared/problems.js';

/**
 * A refused admin request: the HTTP status, and the field it is about when there is one.
 * Given a Problem (shared/problems.ts), it carries its code and parameters too, so the
 * admin page says it in its reader's language.
 */
export class NotifyInputError extends Error {
  readonly code?: ProblemCode;
  readonly params?: ProblemParams;

  constructor(readonly status: 400 | 404 | 409, message: string | Problem, readonly field?: string) {
    super(typeof message === 'string' ? message : message.error);
    this.name = 'NotifyInputError';
    if (typeof message !== 'string') {
      this.code = message.code;
      if (message.params !== undefined) this.params = message.params;
    }
  }
}

/** The first zod issue as "invalid <field>: <message>", the way every edge of this server says it. */
export function zodProblem(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string; code?: string; keys?: string[] }>): NotifyInputError {
  const issue = issues[0];
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path, issue.keys.join(',')] : issue.path;
  const field = path.length > 0 ? path.map(String).join('.') : '(input)';
  return new NotifyInputError(400, `invalid ${field}: ${issue.message}`, field);
}
