/**
 * What a points operation answers: its value, or why not with the HTTP status that says
 * so (bad input 400 naming the field, not yours 403, no such entry 404, the ledger says
 * no 409). The shared Outcome of every service the routes send as is.
 */
import type { Outcome, Refusal } from '../http/outcome.js';

export { invalid, refuse } from '../http/outcome.js';

export type PointsRefusal = Refusal;
export type PointsOutcome<T> = Outcome<T>;
