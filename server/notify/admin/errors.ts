/** A refused admin request: the HTTP status, and the field it is about when there is one. */
export class NotifyInputError extends Error {
  constructor(readonly status: 400 | 404 | 409, message: string, readonly field?: string) {
    super(message);
    this.name = 'NotifyInputError';
  }
}

/** The first zod issue as "invalid <field>: <message>", the way every edge of this server says it. */
export function zodProblem(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string; code?: string; keys?: string[] }>): NotifyInputError {
  const issue = issues[0];
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path, issue.keys.join(',')] : issue.path;
  const field = path.length > 0 ? path.map(String).join('.') : '(input)';
  return new NotifyInputError(400, `invalid ${field}: ${issue.message}`, field);
}
