/**
 * The API's last two layers: a JSON 404 for unknown `/api` paths (an SPA fallback must
 * never answer an API typo with index.html), and a JSON error handler that tells a client
 * what it did wrong (4xx) but never shows a stack or an internal message (5xx).
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { problem } from '../../shared/problems.js';
import { loggablePath } from '../ops/request-log.js';
import { STORAGE_FAILURE_WORDS, storageFailureKind } from '../storage/failure-kind.js';
import { STORAGE_RETRY_AFTER_SECONDS } from '../ingest/storage-failure.js';

export const apiNotFound: RequestHandler = (req, res) => {
  res.status(404).json({ ...problem('notFound'), path: req.originalUrl.split('?')[0] });
};

export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      // Too late for a JSON answer; let express close the connection.
      next(err);
      return;
    }
    const status = clientStatus(err);
    if (status !== undefined) {
      // http-errors (body-parser) mark the messages that are safe to show with `expose`.
      const exposed = (err as { expose?: unknown }).expose === true;
      const message = exposed && err instanceof Error ? err.message : 'bad request';
      const limit = (err as { limit?: unknown }).limit;
      res.status(status).json(status === 413 && limit !== undefined ? { error: message, limit } : { error: message });
      return;
    }
    // The request's own child logger (server/ops/request-log.ts) carries its request id.
    const log = (res.locals.log as Logger | undefined) ?? logger;
    // The database away (or full): not a bug, and over in a moment. Said so, with when to retry.
    const storage = storageFailureKind(err);
    if (storage !== undefined) {
      log.warn({ err, method: req.method, url: loggablePath(req.originalUrl) }, `request failed: storage ${STORAGE_FAILURE_WORDS[storage]}`);
      res.status(503).set('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS)).json(problem('storageUnavailable', { what: STORAGE_FAILURE_WORDS[storage] }));
      return;
    }
    // The path only, credentials redacted, as the request log writes it.
    log.error({ err, method: req.method, url: loggablePath(req.originalUrl) }, 'request failed');
    res.status(500).json(problem('internal'));
  };
}

/** The 4xx status an error carries (body-parser, http-errors), if any. */
function clientStatus(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : statusCode;
  return typeof code === 'number' && code >= 400 && code < 500 ? code : undefined;
}
