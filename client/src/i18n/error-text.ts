/**
 * An error as a page keeps it: what to say, never the words. A page that stored the
 * sentence (`messageOf(err)`, `t('…')` at the moment of the failure) kept it in the
 * language of that moment, so after the reader switched language the error stayed in the
 * old one while everything around it changed. Kept like this, it is put into words at each
 * render, in the language of the moment (as success confirmations are):
 * - the page's own message: its key and values (`pageError('signIn.missing')`);
 * - a failed request: the server's refusal as it came (`{ error, code?, params?, field? }`),
 *   said by its code (shared/problems.ts) when the page knows it, else the server's
 *   English; and no answer at all (status 0) or an answer without a reason, by its status.
 */
import { useState } from 'react';
import { isProblemCode } from '../../../shared/problems.js';
import { ApiError, paramsOf, type FieldLabel, type ServerProblem } from '../api.js';
import { sentence } from '../sentence.js';
import { LOCALES, translate, useLocale, type Locale, type Vars } from './index.js';
import './messages-problems.js';

export type ErrorText =
  /** The page's own words (`field`: the form field a check of its own refused). */
  | { readonly key: string; readonly vars?: Vars; readonly field?: string }
  /** A refusal (`status` the HTTP status), its body as the server sent it. */
  | { readonly status: number; readonly refusal: ServerProblem; readonly field?: string };

/** The page's own message, said at each render. Has the shape of `t`, so a form's checks can take it in place of `t`. */
export function pageError(key: string, vars?: Vars): ErrorText {
  return vars === undefined ? { key } : { key, vars };
}

/** Any thrown value as an error to keep: a request's refusal as it came; no answer at all, or anything else, as the page's words. */
export function errorOf(err: unknown): ErrorText {
  if (!(err instanceof ApiError)) return pageError('problem.client.unknown');
  if (err.status === 0) return pageError('problem.client.unreachable');
  const refusal: ServerProblem = typeof err.body === 'object' && err.body !== null ? err.body : {};
  // A refusal the page built itself (a command's failed result, alerts/commands.ts) has no body: its message is all
  // there is. An answer without a body of its own has the page's words for its status, said again at each render.
  const ownWords = err.body === undefined && err.message !== '' && !LOCALES.some((l) => byStatus(l, err.status) === err.message);
  return { status: err.status, refusal: ownWords ? { error: err.message } : refusal, ...(err.field !== undefined && { field: err.field }) };
}

/** The field a refusal names (the server's name for it: `breaks.0.end`), if any. */
export function errorField(error: ErrorText | null | undefined): string | undefined {
  return error?.field;
}

/** The refusal's code, if it has one (`handoverBlocked`), to decide by. */
export function errorCode(error: ErrorText | null | undefined): string | undefined {
  if (error === null || error === undefined || !('status' in error)) return undefined;
  return typeof error.refusal.code === 'string' ? error.refusal.code : undefined;
}

export interface SayOptions {
  /** The form's own label for a field the server names (`stationId` -> "Station"). */
  fieldLabel?: FieldLabel;
  /** The reader's words for a refusal's `detail` (English from the server's validator), when the page knows them. */
  detail?: (detail: string, locale: Locale) => string | undefined;
  /** A person the refusal names by username (`by`: who acknowledged or marked it first), by their name. */
  person?: (username: string) => string | undefined;
}

/** What the page says when the server answered with no reason of its own. */
function byStatus(locale: Locale, status: number): string {
  if (status === 0) return translate(locale, 'problem.client.unreachable');
  if (status === 429) return translate(locale, 'problem.client.tooMany');
  if (status >= 502 && status <= 504) return translate(locale, 'problem.client.gateway', { status });
  if (status >= 500) return translate(locale, 'problem.client.server', { status });
  return translate(locale, 'problem.client.refused', { status });
}

/** The error in words, in `locale`. */
export function sayError(error: ErrorText, locale: Locale, options: SayOptions = {}): string {
  if (!('status' in error)) return translate(locale, error.key, error.vars);
  const { refusal } = error;
  if (isProblemCode(refusal.code)) {
    const params: Vars = { ...paramsOf(refusal.params) };
    if (typeof params.field === 'string') {
      const label = options.fieldLabel?.(params.field);
      if (label !== undefined) params.field = label;
    }
    if (typeof params.detail === 'string') {
      const detail = options.detail?.(params.detail, locale);
      if (detail !== undefined) params.detail = detail;
    }
    if (typeof params.by === 'string') params.by = options.person?.(params.by) ?? params.by;
    return translate(locale, `problem.${refusal.code}`, params);
  }
  if (typeof refusal.error === 'string' && refusal.error.trim() !== '') return sentence(refusal.error);
  return byStatus(locale, error.status);
}

/** `sayError` in the reader's language; the component renders again when it changes. Null for no error. */
export function useErrorText(): (error: ErrorText | null | undefined, options?: SayOptions) => string | null {
  const locale = useLocale((s) => s.locale);
  return (error, options) => (error === null || error === undefined ? null : sayError(error, locale, options));
}

export interface BusyAction {
  busy: boolean;
  /** The refusal in the reader's language of this render, or null. */
  error: string | null;
  run(action: () => Promise<void>): Promise<void>;
}

/**
 * The state of one button's request (delete, resend, send a test): busy while it runs, so
 * the button is disabled and a double click sends once; its refusal beside it, kept as it
 * came and said in the language of each render. What follows a success goes inside the
 * action, so it happens only then.
 */
export function useBusyAction(): BusyAction {
  const say = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error: say(error), run };
}
