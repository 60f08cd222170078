/**
 * GET /ack/:token shows what the link would acknowledge (and changes nothing); POST
 * acknowledges. No session is needed: the link is the credential (ack/ack-service.ts).
 * Outside /api, so the session CSRF check does not apply; nothing here rides on a cookie.
 */
import { Router, type RequestHandler } from 'express';
import { ipOf } from '../../access/http/request-context.js';
import { confirmPage, donePage, REFUSAL_STATUS, refusedPage } from '../ack/ack-page.js';
import type { AckService } from '../ack/ack-service.js';

/** The token is in the URL: keep it out of caches, referrers and search engines. */
const private_: RequestHandler = (_req, res, next) => {
  res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
  res.type('html');
  next();
};

export function createAckRouter(o: { ack: AckService; clock: { now(): number }; alertUrl(alertId: string): string }): Router {
  const router = Router();
  router.get('/ack/:token', private_, async (req, res) => {
    const token = String(req.params.token);
    const c = await o.ack.check(token);
    if (!c.ok) res.status(REFUSAL_STATUS[c.reason]).send(refusedPage(c));
    else res.send(confirmPage(c, token, o.clock.now()));
  });
  router.post('/ack/:token', private_, async (req, res) => {
    const c = await o.ack.acknowledge(String(req.params.token), ipOf(req));
    if (!c.ok) res.status(REFUSAL_STATUS[c.reason]).send(refusedPage(c));
    else res.send(donePage(c, o.clock.now(), o.alertUrl(c.alert.id)));
  });
  return router;
}
