/**
 * What went wrong on the alert desk, kept as data and put in words when shown, like the
 * confirmations (AlertCard's DoneMessage): a message key and its parameters, or the
 * server's refusal as it sent it (its problem code and parameters). A sentence made when
 * the error happened stays in the language of that moment; this follows a change of
 * language, as everything else on the desk does.
 */
import { isProblemCode } from '../../../shared/problems.js';
import { ApiError, paramsOf, type ServerProblem } from '../api.js';
import type { T, Vars } from '../i18n/index.js';
import { sentence } from '../sentence.js';

export type DeskError =
  /** Said by the page itself: no answer, an answer without a reason, a form's own check. */
  | { key: string; vars?: Vars; field?: string }
  /** The server's refusal: said by its code when the page knows it, else in the server's English. */
  | { refusal: ServerProblem; status: number; field?: string };

/** The page's words for an answer without a reason, by its status (as api.ts says them). */
function statusKey(status: number): { key: string; vars?: Vars } {
  if (status === 0) return { key: 'problem.client.unreachable' };
  if (status === 429) return { key: 'problem.client.tooMany' };
  if (status >= 502 && status <= 504) return { key: 'problem.client.gateway', vars: { status } };
  if (status >= 500) return { key: 'problem.client.server', vars: { status } };
  return { key: 'problem.client.refused', vars: { status } };
}

const saysWhy = (body: unknown): body is ServerProblem => typeof body === 'object' && body !== null
  && (isProblemCode((body as ServerProblem).code) || typeof (body as ServerProblem).error === 'string');

/** Any thrown value as a desk error, nothing put in words yet. */
export function deskErrorOf(err: unknown): DeskError {
  if (!(err instanceof ApiError)) return { key: 'problem.client.unknown' };
  const field = err.field;
  if (err.status !== 0 && saysWhy(err.body)) return { refusal: err.body, status: err.status, ...(field !== undefined && { field }) };
  return { ...statusKey(err.status), ...(field !== undefined && { field }) };
}

/**
 * The error in the reader's language, now. `fieldLabel`: the form's words for a field the
 * refusal names in its parameters (`invalidField`'s `{field}`), as the form labels it.
 */
export function deskErrorText(t: T, error: DeskError, fieldLabel?: (field: string) => string | undefined): string {
  if ('key' in error) return t(error.key, error.vars);
  const { code, error: english, params } = error.refusal;
  if (isProblemCode(code)) {
    const vars = paramsOf(params);
    const label = typeof vars.field === 'string' ? fieldLabel?.(vars.field) : undefined;
    return t(`problem.${code}`, label === undefined ? vars : { ...vars, field: label });
  }
  return typeof english === 'string' ? sentence(english) : t(statusKey(error.status).key, statusKey(error.status).vars);
}
