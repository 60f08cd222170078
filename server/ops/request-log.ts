/**
 * One JSON log line per HTTP request (method, path, status, ms, request id), the way
 * pino-http does it, in a few lines of our own. The request id is the caller's
 * `x-request-id` when it sends a sane one (a proxy or a feed tracing its own retries),
 * else a fresh UUID; it goes back in the response's `x-request-id` header, and handlers
 * log through `res.locals.log`, a child logger carrying it, so every line of a request
 * can be found by that id.
 */
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Anything else (spaces, newlines, 10 kB of junk) is replaced, never logged or echoed. */
const SANE_REQUEST_ID = /^[\w.:@/+=-]{1,128}$/;

/**
 * Paths that carry a credential: logged with it replaced. The acknowledge link
 * (`/ack/<token>`, server/notify/http/ack-routes.ts) is itself the credential. Express
 * matches routes case-insensitively and with a trailing slash, so the pattern does too;
 * everything after the prefix goes.
 */
const CREDENTIAL_PATHS: ReadonlyArray<{ pattern: RegExp; redacted: string }> = [
  { pattern: /^\/+ack\/.+$/i, redacted: '/ack/[redacted]' },
];

/**
 * The path as it may be logged: no query string (it may carry a pairing code or a token)
 * and no credential in the path.
 */
export function loggablePath(originalUrl: string): string {
  const path = originalUrl.split('?')[0].split('#')[0];
  for (const { pattern, redacted } of CREDENTIAL_PATHS) if (pattern.test(path)) return redacted;
  return path;
}

/**
 * Probes and scrapes come every few seconds, and a feed posts its batches every second or
 * more (their counts are in /metrics, a batch's refused events a warning of their own):
 * logged at debug when they succeed, not info, so the log says what changed.
 */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics', '/api/v1/events']);

export interface RequestLogOptions {
  metrics?: Metrics;
}

export function requestLog(logger: Logger, options: RequestLogOptions = {}): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const incoming = req.headers[REQUEST_ID_HEADER];
    const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, id);
    const log = logger.child({ reqId: id });
    res.locals.log = log;
    res.locals.requestId = id;

    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only, credentials redacted (loggablePath).
      const path = loggablePath(req.originalUrl);
      const line = { method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10, ...(aborted && { aborted: true }) };
      if (QUIET_PATHS.has(path) && res.statusCode < 400) log.debug(line, 'request');
      else log.info(line, 'request');
      options.metrics?.httpRequestSeconds.observe({ method: req.method, route: routeOf(req, res), status: String(res.statusCode) }, ms / 1000);
    };
    res.once('finish', () => finish(false));
    // The client went away before the answer was complete.
    res.once('close', () => finish(!res.writableFinished));
    next();
  };
}

/**
 * The matched route's pattern (`/api/v1/alerts/:id`), never the concrete path, so a
 * metric label cannot grow one series per alert id. Unmatched requests (static files,
 * 404s) share one label.
 */
function routeOf(req: Request, res: Response): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return res.statusCode === 404 ? 'not-found' : 'other';
}
