/**
 * A fetch for jsdom tests that answers like the REST contract would: routes by method and
 * path (query ignored in the match, kept in the record), JSON bodies parsed, and every
 * request recorded so a test can check exactly what the page sent.
 */
import { vi } from 'vitest';

export interface SentRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** Parsed JSON, or the raw text for other content types. */
  body: unknown;
}

export type Answer = { status?: number; body?: unknown } | ((req: SentRequest) => { status?: number; body?: unknown });

export interface FakeFetch {
  sent: SentRequest[];
  /** Sets (or replaces) the answer to `METHOD /path`. */
  on(route: string, answer: Answer): void;
  /** The requests sent to `METHOD /path`. */
  calls(route: string): SentRequest[];
}

export function installFakeFetch(routes: Record<string, Answer> = {}): FakeFetch {
  const table = new Map(Object.entries(routes));
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://floorwatch.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    const raw = typeof init.body === 'string' ? init.body : undefined;
    const body = raw !== undefined && (headers.get('content-type') ?? '').includes('json') ? JSON.parse(raw) as unknown : raw;
    // Matched decoded: a test names `/shifts/1004@…`, the page sends `/shifts/1004%40…`.
    const req: SentRequest = { method, path: decodeURIComponent(url.pathname), query: url.searchParams, headers, body };
    sent.push(req);
    const answer = table.get(`${method} ${req.path}`);
    if (answer === undefined) return new Response(JSON.stringify({ error: `no fake route for ${method} ${req.path}` }), { status: 404 });
    const { status = 200, body: out } = typeof answer === 'function' ? answer(req) : answer;
    return new Response(out === undefined ? null : JSON.stringify(out), { status, headers: { 'content-type': 'application/json' } });
  });
  return {
    sent,
    on: (route, answer) => void table.set(route, answer),
    calls: (route) => sent.filter((r) => `${r.method} ${r.path}` === route),
  };
}
