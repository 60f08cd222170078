/**
 * What a handover operation answers: its value, or why not with the HTTP status that says
 * so. A refused confirmation (article 81) names the alerts that block it in `blocking`.
 */
import type { HandoverAlertRef } from '../../shared/handover.js';

export interface HandoverRefusalOutcome {
  ok: false;
  status: 400 | 403 | 404 | 409;
  error: string;
  field?: string;
  blocking?: HandoverAlertRef[];
}

export type HandoverOutcome<T> = { ok: true; value: T } | HandoverRefusalOutcome;

export function refuse(status: HandoverRefusalOutcome['status'], error: string, field?: string, blocking?: HandoverAlertRef[]): HandoverRefusalOutcome {
  return { ok: false, status, error, ...(field !== undefined && { field }), ...(blocking !== undefined && { blocking }) };
}

/** The first zod issue as a refusal naming its field. */
export function invalid(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code?: string; keys?: string[] }>): HandoverRefusalOutcome {
  const issue = issues[0];
  // An unknown key (strict schemas) is named with its place: `fields.weather`, not `fields`.
  const path = issue.code === 'unrecognized_keys' && issue.keys ? [...issue.path.map(String), issue.keys.join(',')] : issue.path.map(String);
  const field = path.length > 0 ? path.join('.') : '(input)';
  return refuse(400, `invalid ${field}: ${issue.message}`, field);
}
