/**
 * GET /ack/:token shows what the link would acknowledge (and changes nothing); POST
 * acknowledges. No session is needed: the link is the credential (ack/ack-service.ts).
 * Outside /api, so the session CSRF check does not apply; nothing here rides on a cookie.
 *
 * The token never reaches a log: the request log and a failure's log line write the path
 * as `/ack/[redacted]` (loggablePath, server/ops/request-log.ts). A failure is answered
 * here, with a page, not by the app's error handler, which answers the API's JSON.
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { ipOf } from '../../access/http/request-context.js';
import { confirmPage, donePage, failedPage, REFUSAL_STATUS, refusedPage } from '../ack/ack-page.js';
import type { AckService } from '../ack/ack-service.js';
import { loggablePath } from '../../ops/request-log.js';

/** The token is in the URL: keep it out of caches, referrers and search engines. */
const private_: RequestHandler = (_req, res, next) => {
  res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
  res.type('html');
  next();
};

export interface AckRouterOptions {
  ack: AckService;
  clock: { now(): number };
  alertUrl(alertId: string): string;
  /** Where a failure is logged when the request has no logger of its own (res.locals.log). */
  logger?: Logger;
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
  router.get('/ack/:token', private_, guarded(async (req, res) => {
    const token = String(req.params.token);
    const c = await o.ack.check(token);
    if (!c.ok) res.status(REFUSAL_STATUS[c.reason]).send(refusedPage(c));
    else res.send(confirmPage(c, token, o.clock.now()));
  }));
  router.post('/ack/:token', private_, guarded(async (req, res) => {
    const c = await o.ack.acknowledge(String(req.params.token), ipOf(req));
    if (!c.ok) res.status(REFUSAL_STATUS[c.reason]).send(refusedPage(c));
    else res.send(donePage(c, o.clock.now(), o.alertUrl(c.alert.id)));
  }));
  return router;
}
