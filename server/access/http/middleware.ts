/**
 * The access middleware the floor routes reuse: `requireViewer` (who is asking, may their
 * role be here, have they changed their first password) and `csrfCheck` (an unsafe request
 * riding on a session cookie must carry that session's CSRF token).
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Role } from '../../../shared/access.js';
import type { Authenticator, Viewer } from '../principal.js';
import type { AccessService } from '../service/access-service.js';
import { CSRF_HEADER, sessionTokenFrom } from '../service/credentials.js';
import { safeEqual } from '../service/secrets.js';
import { problem } from '../../../shared/problems.js';

export interface RequireViewerOptions {
  /** Roles allowed; all when omitted. */
  roles?: readonly Role[];
  /** For the few routes a user may use before replacing a first or expired password. */
  allowPasswordChangePending?: boolean;
  /** Answers a request with no valid credential instead of the 401, when it returns true. */
  answerSignedOut?: (req: Request, res: Response) => boolean;
}

/** 401 without a valid credential, 403 for the wrong role or a pending password change; sets res.locals.viewer. */
export function requireViewer(access: Pick<Authenticator, 'viewerFromRequest'>, options: RequireViewerOptions = {}): RequestHandler {
  return async (req, res, next) => {
    const viewer = await access.viewerFromRequest(req);
    if (!viewer) {
      if (options.answerSignedOut?.(req, res) === true) return;
      res.status(401).json(problem('signInRequired'));
      return;
    }
    if (viewer.kind === 'user' && viewer.mustChangePassword && options.allowPasswordChangePending !== true) {
      res.status(403).json(problem('changePasswordFirst'));
      return;
    }
    if (options.roles !== undefined && !options.roles.includes(viewer.role)) {
      res.status(403).json(problem('roleNotAllowed', { role: viewer.role }));
      return;
    }
    res.locals.viewer = viewer;
    next();
  };
}

/** Set by requireViewer on every request that got past it. */
export function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Unsafe requests whose cookie grants nothing yet: signing in (a stale cookie from an old
 * session must not block it) and a TV asking for a pairing code. Matched exactly, so a
 * new route is never exempt by accident.
 */
const EXEMPT = new Set(['POST /api/v1/session', 'POST /api/v1/tv/pair-requests']);

function exempt(req: Request): boolean {
  const path = req.originalUrl.split('?')[0].toLowerCase().replace(/\/+$/, '');
  return EXEMPT.has(`${req.method} ${path}`);
}

/**
 * Only a cookie that is a live session is checked: without one the request carries no
 * authority (the route's own requireViewer answers 401), and a device token travels in a
 * header, which a foreign page cannot set, so TVs need no CSRF token.
 */
export function csrfCheck(access: Pick<AccessService, 'sessionCsrfToken'>): RequestHandler {
  return async (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || exempt(req)) return next();
    const sessionToken = sessionTokenFrom(req.headers);
    if (sessionToken === undefined) return next();
    const expected = await access.sessionCsrfToken(sessionToken);
    if (expected === null) return next();
    const given = req.get(CSRF_HEADER);
    if (given === undefined || !safeEqual(given, expected)) {
      res.status(403).json(problem('csrf'));
      return;
    }
    next();
  };
}
