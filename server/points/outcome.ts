/**
 * What a points operation answers: its value, or why not with the HTTP status that says
 * so (bad input 400 naming the field, not yours 403, no such entry 404, the ledger says
 * no 409). The routes send it as is; tests read it without HTTP.
 */
export interface PointsRefusal {
  ok: false;
  status: 400 | 403 | 404 | 409;
  error: string;
  field?: string;
}

export type PointsOutcome<T> = { ok: true; value: T } | PointsRefusal;

export function refuse(status: PointsRefusal['status'], error: string, field?: string): PointsRefusal {
  return { ok: false, status, error, ...(field !== undefined && { field }) };
}

/** The first zod issue as a refusal naming its field. */
export function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>): PointsRefusal {
  const issue = issues[0];
  // An unknown key (strict schemas) is named with its place: `fields.weather`, not `fields`.
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path.map(String), issue.keys.join(',')] : issue.path.map(String);
  const field = path.length > 0 ? path.join('.') : '(input)';
  return refuse(400, `invalid ${field}: ${issue.message}`, field);
}
