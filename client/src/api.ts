/**
 * The one way the page talks HTTP to the server. It adds the CSRF header to unsafe
 * requests (the server checks it against the session: the readable `fw_csrf` cookie is
 * copied into `x-csrf-token`, which another site's page cannot do), and turns every
 * failure, the server's `{ error, code?, params?, field?, problems? }` or no answer at
 * all, into an ApiError whose message can be shown as it is, in the reader's language
 * (by the refusal's code, shared/problems.ts; the server's English when it has none).
 */
import { isProblemCode, type ProblemParams } from '../../shared/problems.js';
import { translate, useLocale, type Vars } from './i18n/index.js';
import './i18n/messages-problems.js';
import { sentence } from './sentence.js';

export const CSRF_COOKIE = 'fw_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    message: string,
    /** The input the server objected to, when it named one. */
    readonly field?: string,
    /** The password rules a new password failed, in the reader's language. */
    readonly problems: string[] = [],
    /** From Retry-After (429): seconds until trying again can succeed. */
    readonly retryAfterSeconds?: number,
    /**
     * The whole refusal as the server sent it, for pages that show more than a sentence:
     * an import's bad rows (`errors`), a refused handover's blocking alerts (`blocking`).
     */
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ServerProblem {
  error?: unknown;
  code?: unknown;
  params?: unknown;
  field?: unknown;
  problems?: unknown;
  problemCodes?: unknown;
}

const say = (key: string, vars?: Vars): string => translate(useLocale.getState().locale, key, vars);

/** A problem's parameters as sent, keeping only text and numbers (they fill message templates). */
export function paramsOf(value: unknown): ProblemParams {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
}

/** A form's own label for one of its fields (the server's name for it), if it has one. */
export type FieldLabel = (field: string) => string | undefined;

/**
 * A refusal (an HTTP answer's body, or a command's failed result) as a sentence in the
 * reader's language: by its code when the page knows the code, else the server's English.
 * `fieldLabel`: the page's words for the field a problem names (`params.field` is the
 * server's name for it, `password`), as the form labels it.
 */
export function problemText(problem: ServerProblem, fieldLabel?: FieldLabel): string | undefined {
  if (isProblemCode(problem.code)) {
    const params = paramsOf(problem.params);
    const label = typeof params.field === 'string' ? fieldLabel?.(params.field) : undefined;
    return say(`problem.${problem.code}`, label === undefined ? params : { ...params, field: label });
  }
  return typeof problem.error === 'string' ? sentence(problem.error) : undefined;
}

/** A refused password's problems, each by its code when the page knows it. */
function passwordProblems(problem: ServerProblem): string[] {
  if (!Array.isArray(problem.problems)) return [];
  const codes = Array.isArray(problem.problemCodes) ? problem.problemCodes : [];
  return problem.problems.flatMap((text: unknown, i): string[] => {
    if (typeof text !== 'string') return [];
    const key = `password.problem.${String(codes[i])}`;
    const said = typeof codes[i] === 'string' ? say(key) : key;
    return [said === key ? text : said];
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Told about every 401 except a refused sign-in: the session is gone (expired, signed out elsewhere). */
type UnauthorizedListener = () => void;
const unauthorizedListeners = new Set<UnauthorizedListener>();

export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export interface RequestOptions {
  body?: unknown;
  /** A body sent as it is (an uploaded CSV or YAML file), with its own content type. */
  text?: { content: string; contentType: string };
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers(options.headers);
  headers.set('accept', 'application/json');
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (options.text !== undefined) headers.set('content-type', options.text.contentType);
  if (!SAFE_METHODS.has(method)) {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf !== undefined && csrf !== '') headers.set(CSRF_HEADER, csrf);
  }

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      // Session answers and lists must never come from a cache.
      cache: 'no-store',
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      ...(options.text !== undefined && { body: options.text.content }),
    });
  } catch {
    throw new ApiError(0, say('problem.client.unreachable'));
  }

  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => undefined);
  if (res.ok) return data as T;

  const problem: ServerProblem = typeof data === 'object' && data !== null ? data : {};
  if (res.status === 401 && !(method === 'POST' && path === '/api/v1/session')) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw new ApiError(
    res.status,
    problemText(problem) ?? fallbackMessage(res.status),
    typeof problem.field === 'string' ? problem.field : undefined,
    passwordProblems(problem),
    retryAfter(res.headers.get('retry-after')),
    data,
  );
}

export const api = {
  get: <T>(path: string, headers?: Record<string, string>) => request<T>('GET', path, headers && { headers }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  /** Uploads a file's text as it is (`text/csv`, `application/yaml`). */
  postText: <T>(path: string, content: string, contentType: string) => request<T>('POST', path, { text: { content, contentType } }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

function fallbackMessage(status: number): string {
  if (status === 429) return say('problem.client.tooMany');
  if (status >= 502 && status <= 504) return say('problem.client.gateway', { status });
  if (status >= 500) return say('problem.client.server', { status });
  return say('problem.client.refused', { status });
}

/** Retry-After is seconds or an HTTP date (RFC 9110); anything else is ignored. */
function retryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - Date.now()) / 1000)) : undefined;
}

/** Any thrown value as a message for the page. */
export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return say('problem.client.unknown');
}
