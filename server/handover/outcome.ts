/**
 * What a handover operation answers: its value, or why not with the HTTP status that says
 * so (the shared Outcome). A refused confirmation (article 81) also names the alerts that
 * block it in `blocking`.
 */
import type { HandoverAlertRef } from '../../shared/handover.js';
import { refuse as refuseWith, type Outcome, type Refusal } from '../http/outcome.js';
import type { Problem } from '../../shared/problems.js';

export { invalid } from '../http/outcome.js';

export interface HandoverRefusalOutcome extends Refusal {
  blocking?: HandoverAlertRef[];
}

export type HandoverOutcome<T> = Outcome<T, HandoverRefusalOutcome>;

export function refuse(status: Refusal['status'], error: string | Problem, field?: string, blocking?: HandoverAlertRef[]): HandoverRefusalOutcome {
  return { ...refuseWith(status, error, field), ...(blocking !== undefined && { blocking }) };
}
