/**
 * GET /ack/:token shows what the link would acknowledge (and changes nothing); POST
 * acknowledges. Both as the person signed in on this browser (the session cookie; never a
 * device token): the link acts only for the account it was sent to (ack/ack-service.ts).
 * Signed out, the page offers to sign in and come back; signed in as another account, 403.
 * Outside /api, so the app's CSRF check does not apply: the confirmation page's form
 * carries the session's CSRF token, and the POST is refused without it.
 *
 * A refusal is a page for a browser, and the JSON problem (`{ error, code, params }`) for
 * a client that asks for JSON, with the same status.
 *
 * The token never reaches a log: the request log and a failure's log line write the path
 * as `/ack/[redacted]` (loggablePath, server/ops/request-log.ts). A failure is answered
 * here, with a page, not by the app's error handler, which answers the API's JSON.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { ipOf } from '../../access/http/request-context.js';
import type { Authenticator } from '../../access/principal.js';
import { sessionTokenFrom } from '../../access/service/credentials.js';
import { safeEqual } from '../../access/service/secrets.js';
import type { AccessService } from '../../access/service/access-service.js';
import { confirmPage, donePage, failedPage, REFUSAL_STATUS, refusedPage } from '../ack/ack-page.js';
import type { AckRefused, AckService, AckUser, SignedIn } from '../ack/ack-service.js';
import { loggablePath } from '../../ops/request-log.js';

/** The token is in the URL: keep it out of caches, referrers and search engines. */
const private_: RequestHandler = (_req, res, next) => {
  res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
  res.type('html');
  next();
};

/** Who is signed in: the access service's session check, as every request gets it. */
export type AckSessions = Pick<Authenticator, 'viewerFromRequest'> & Pick<AccessService, 'sessionCsrfToken'>;

export interface AckRouterOptions {
  ack: AckService;
  sessions: AckSessions;
  clock: { now(): number };
  alertUrl(alertId: string): string;
  /** Where a failure is logged when the request has no logger of its own (res.locals.log). */
  logger?: Logger;
}

/** The confirmation form is one hidden field; anything bigger is not it. */
const form = express.urlencoded({ extended: false, limit: '2kb' });

/** The CSRF field of the page's form; undefined for any other body (too big, not a form), which is not the page's. */
function formToken(req: Request, res: Response): Promise<string | undefined> {
  return new Promise((resolve) => {
    form(req, res, (err?: unknown) => {
      const given = err === undefined ? (req.body as Record<string, unknown> | undefined)?.csrf : undefined;
      resolve(typeof given === 'string' ? given : undefined);
    });
  });
}

export function createAckRouter(o: AckRouterOptions): Router {
  const router = Router();
  const guarded = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => async (req, res) => {
    try {
      await fn(req, res);
    } catch (err) {
      const log = (res.locals.log as Logger | undefined) ?? o.logger;
      log?.error({ err, method: req.method, path: loggablePath(req.originalUrl) }, 'request failed');
      if (!res.headersSent) res.status(500).send(failedPage());
    }
  };

  /**
   * The person signed in on this browser, with their session's CSRF token. Only the session
   * cookie is read: a TV's device token is no person, and never acknowledges.
   */
  async function signedIn(req: Request): Promise<{ person: SignedIn; csrf: string } | null> {
    const cookie = req.headers.cookie;
    const sessionToken = sessionTokenFrom({ cookie });
    if (sessionToken === undefined) return null;
    const viewer = await o.sessions.viewerFromRequest({ headers: { cookie } });
    const csrf = viewer?.kind === 'user' ? await o.sessions.sessionCsrfToken(sessionToken) : null;
    return viewer?.kind === 'user' && csrf !== null ? { person: viewer, csrf } : null;
  }

  const refuse = (req: Request, res: Response, c: AckRefused, token: string): void => {
    res.status(REFUSAL_STATUS[c.reason]);
    if (req.accepts(['html', 'json']) === 'json') res.json(c.problem);
    else res.send(refusedPage(c, token, o.clock.now(), o.alertUrl));
  };

  router.get('/ack/:token', private_, guarded(async (req, res) => {
    const token = String(req.params.token);
    const session = await signedIn(req);
    const c = await o.ack.check(token, { person: session?.person ?? null });
    if (!c.ok) refuse(req, res, c, token);
    // A link that checks out has a person signed in, so a session and its CSRF token.
    else res.send(confirmPage(c, token, o.clock.now(), session!.csrf));
  }));
  router.post('/ack/:token', private_, guarded(async (req, res) => {
    const token = String(req.params.token);
    const given = await formToken(req, res);
    const session = await signedIn(req);
    const user: AckUser = {
      person: session?.person ?? null,
      formValid: session !== null && given !== undefined && safeEqual(given, session.csrf),
    };
    const c = await o.ack.acknowledge(token, user, ipOf(req));
    if (!c.ok) refuse(req, res, c, token);
    else res.send(donePage(c, o.clock.now(), o.alertUrl(c.alert.id)));
  }));
  return router;
}
