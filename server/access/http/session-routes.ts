/**
 * `/api/v1/session`: sign in (sets the session and CSRF cookies), who am I (`?optional=1`:
 * 200 `{ me: null }` rather than 401 when nobody is signed in), sign out,
 * sign out everywhere, and change password, the one thing a user with a first or expired
 * password may do.
 */
import { Router } from 'express';
import { changePasswordInput, signInInput, type Role } from '../../../shared/access.js';
import type { AccessService } from '../service/access-service.js';
import { sessionTokenFrom } from '../service/credentials.js';
import { passwordProblemCode } from '../../../shared/password-problems.js';
import { clearSessionCookies, setSessionCookies } from './cookies.js';
import { csrfCheck, requireViewer, viewerOf } from './middleware.js';
import { perIpLimit, type RateLimits } from './rate-limits.js';
import { ipOf, noStore, smallJson } from './request-context.js';
import { parseOr400 } from './validate.js';
import { problem } from '../../../shared/problems.js';

const PEOPLE: readonly Role[] = ['admin', 'supervisor', 'lead', 'manager'];

export function createSessionRoutes(access: AccessService, secureCookies: boolean, limits: RateLimits): Router {
  const router = Router();
  const cookieSettings = { secure: secureCookies, maxAgeMs: access.sessionTtlMs };
  const csrf = csrfCheck(access);
  // The routes a pending password change still allows; only people have passwords.
  const anyone = requireViewer(access, { allowPasswordChangePending: true });
  const person = requireViewer(access, { roles: PEOPLE, allowPasswordChangePending: true });
  const signInLimit = perIpLimit(limits.signInPerMinute, 'too many sign-in attempts from this address; try again later', { onlyFailures: true });

  router.post('/api/v1/session', noStore, signInLimit, smallJson, async (req, res) => {
    const input = parseOr400(signInInput, req.body, res);
    if (!input) return;
    const result = await access.signIn(input.username, input.password, ipOf(req));
    if (result.ok) {
      setSessionCookies(res, result, cookieSettings);
      res.json({ me: result.me, csrfToken: result.csrfToken });
    } else if (result.reason === 'locked') {
      const retryAfterMs = result.retryAfterMs ?? 0;
      res.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      res.status(429).json({ ...problem('signInLocked'), retryAfterMs });
    } else {
      res.status(401).json(problem('wrongCredentials'));
    }
  });

  /**
   * `GET /api/v1/session?optional=1`: a page asking on load whether anyone is signed in.
   * Nobody is an answer there, not a refusal: 200 `{ me: null }` (a browser logs every 401
   * as an error). Without `optional`, nobody is still 401 `signInRequired`, as scripts expect.
   */
  const anyoneOrNobody = requireViewer(access, {
    allowPasswordChangePending: true,
    answerSignedOut: (req, res) => {
      if (req.query.optional !== '1' && req.query.optional !== 'true') return false;
      res.json({ me: null });
      return true;
    },
  });

  router.get('/api/v1/session', noStore, anyoneOrNobody, async (req, res) => {
    const viewer = viewerOf(res);
    const me = await access.me(viewer);
    if (!me) {
      res.status(401).json(problem('signInRequired'));
      return;
    }
    const sessionToken = viewer.kind === 'user' ? sessionTokenFrom(req.headers) : undefined;
    const csrfToken = sessionToken === undefined ? null : await access.sessionCsrfToken(sessionToken);
    if (sessionToken !== undefined && csrfToken !== null) {
      // The server's expiry slides with use; the cookies' Max-Age slides with it here.
      setSessionCookies(res, { sessionToken, csrfToken }, cookieSettings);
      res.json({ me, csrfToken });
      return;
    }
    res.json({ me });
  });

  // Idempotent: signing out without a session still clears whatever cookies the browser has.
  router.delete('/api/v1/session', noStore, csrf, async (req, res) => {
    const viewer = await access.viewerFromRequest(req);
    if (viewer?.kind === 'user') await access.signOut(viewer.sessionId, ipOf(req));
    clearSessionCookies(res, secureCookies);
    res.status(204).end();
  });

  router.post('/api/v1/session/sign-out-everywhere', noStore, csrf, person, async (req, res) => {
    await access.signOutEverywhere(viewerOf(res).id, ipOf(req));
    clearSessionCookies(res, secureCookies);
    res.status(204).end();
  });

  router.post('/api/v1/session/password', noStore, csrf, person, smallJson, async (req, res) => {
    const input = parseOr400(changePasswordInput, req.body, res);
    if (!input) return;
    const viewer = viewerOf(res);
    const result = await access.changePassword(viewer.id, input.currentPassword, input.newPassword, {
      ...(viewer.kind === 'user' && { keepSessionId: viewer.sessionId }),
      ...(ipOf(req) !== undefined && { ip: ipOf(req) }),
    });
    if (result.ok) res.json({ me: result.me });
    else res.status(400).json({ ...problem('passwordNotChanged'), problems: result.problems, problemCodes: result.problems.map((p) => passwordProblemCode(p) ?? null) });
  });

  return router;
}
