/**
 * The access routes as one router: sessions, TV pairing, and the admin routes (accounts,
 * displays, feed tokens, audit). Its own error handler turns the service's refusals into
 * 400 / 404 / 409 with a message, and anything else into the project's bare 500, so no
 * stack or internal message ever reaches a client even when mounted alone.
 */
import { Router, type ErrorRequestHandler } from 'express';
import type { Logger } from 'pino';
import { jsonErrorHandler } from '../../http/errors.js';
import type { AccessService } from '../service/access-service.js';
import { AccessError, type AccessErrorCode } from '../service/errors.js';
import { createAccountRoutes } from './account-routes.js';
import { createAuditRoutes } from './audit-routes.js';
import { createCredentialRoutes } from './credential-routes.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limits.js';
import { createSessionRoutes } from './session-routes.js';
import { createTvRoutes } from './tv-routes.js';
import { problem } from '../../../shared/problems.js';

export interface AccessRouterOptions {
  access: AccessService;
  logger: Logger;
  /** Secure cookies: true whenever the server is reached over HTTPS. */
  secureCookies: boolean;
  rateLimits?: Partial<RateLimits>;
}

const STATUS: Record<AccessErrorCode, number> = { invalid: 400, 'not-found': 404, conflict: 409 };

export function createAccessRouter({ access, logger, secureCookies, rateLimits }: AccessRouterOptions): Router {
  const limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...rateLimits };
  const router = Router();
  router.use(createSessionRoutes(access, secureCookies, limits));
  router.use(createTvRoutes(access, limits));
  router.use(createAccountRoutes(access));
  router.use(createCredentialRoutes(access));
  router.use(createAuditRoutes(access));
  router.use(accessErrors(logger));
  return router;
}

function accessErrors(logger: Logger): ErrorRequestHandler {
  const fallback = jsonErrorHandler(logger);
  return (err, req, res, next) => {
    if (err instanceof AccessError && !res.headersSent) {
      res.status(STATUS[err.code]).json({
        error: err.message,
        ...(err.problem !== undefined && { code: err.problem }),
        ...(err.field !== undefined && { field: err.field }),
      });
      return;
    }
    // V8's JSON.parse message quotes the input, which here may be a password: say less.
    if ((err as { type?: unknown }).type === 'entity.parse.failed' && !res.headersSent) {
      res.status(400).json(problem('bodyNotJson'));
      return;
    }
    fallback(err, req, res, next);
  };
}
