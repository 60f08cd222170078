/**
 * The notification admin API, for administrators and floor supervisors:
 *
 *   GET    /api/v1/notify/settings                 the file's settings (read-only)
 *   GET    /api/v1/notify/channels                 channels, secrets masked, with health
 *   POST   /api/v1/notify/channels                 create; PUT /:id replace; DELETE /:id
 *   POST   /api/v1/notify/channels/:id/test        send a test message now: { ok, error?, ms }
 *   GET    /api/v1/notify/recipients               POST, PUT /:id, DELETE /:id likewise
 *   GET    /api/v1/notify/routes                   POST, PUT /:id, DELETE /:id likewise
 *   GET    /api/v1/notify/deliveries?status=dead   the outbox (newest first), the dead letters
 *   POST   /api/v1/notify/deliveries/:id/resend    a dead letter, sent again
 *   GET    /api/v1/notify/health                   per-channel health and counters
 *
 * The app has already checked CSRF for /api; every change is audited by the services.
 */
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Role } from '../../../shared/access.js';
import type { NotifySettingsView } from '../../../shared/notify.js';
import { viewerOf } from '../../access/http/middleware.js';
import { ipOf, noStore } from '../../access/http/request-context.js';
import type { ConfigAdmin } from '../admin/config-admin.js';
import { NotifyInputError } from '../admin/errors.js';
import type { Operations } from '../admin/operations.js';

export const NOTIFY_ADMIN_ROLES: readonly Role[] = ['admin', 'supervisor'];

export interface NotifyAdminRouterOptions {
  config: ConfigAdmin;
  ops: Operations;
  settings(): NotifySettingsView;
  requireViewer(roles: readonly Role[]): RequestHandler;
}

type Handler = (req: Request, res: Response) => unknown;

/** Answers a NotifyInputError with its status, field and problem code; anything else is the app's 500. */
function handle(fn: Handler): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const value = await fn(req, res);
      if (!res.headersSent) {
        if (value === undefined) res.status(204).end();
        else res.json(value);
      }
    } catch (err) {
      if (err instanceof NotifyInputError) {
        res.status(err.status).json({
          error: err.message,
          ...(err.code !== undefined && { code: err.code }),
          ...(err.params !== undefined && { params: err.params }),
          ...(err.field !== undefined && { field: err.field }),
        });
        return;
      }
      next(err);
    }
  };
}

const actorOf = (req: Request, res: Response) => {
  const viewer = viewerOf(res);
  const ip = ipOf(req);
  return { id: viewer.id, name: viewer.name, ...(ip !== undefined && { ip }) };
};

const param = (req: Request, name: string): string => String(req.params[name]);

export function createNotifyAdminRouter(o: NotifyAdminRouterOptions): Router {
  const router = Router();
  router.use('/api/v1/notify', noStore, o.requireViewer(NOTIFY_ADMIN_ROLES), express.json({ limit: '64kb' }));
  const base = '/api/v1/notify';

  router.get(`${base}/settings`, handle(() => o.settings()));
  router.get(`${base}/health`, handle(() => o.ops.health()));

  router.get(`${base}/channels`, handle(() => o.config.listChannels()));
  router.post(`${base}/channels`, handle(async (req, res) => {
    res.status(201).json(await o.config.saveChannel(undefined, req.body, actorOf(req, res)));
  }));
  router.put(`${base}/channels/:id`, handle((req, res) => o.config.saveChannel(param(req, 'id'), req.body, actorOf(req, res))));
  router.delete(`${base}/channels/:id`, handle((req, res) => o.config.deleteChannel(param(req, 'id'), actorOf(req, res))));
  router.post(`${base}/channels/:id/test`, handle((req, res) => o.ops.sendTest(param(req, 'id'), req.body, actorOf(req, res))));

  router.get(`${base}/recipients`, handle(() => o.config.listRecipients()));
  router.post(`${base}/recipients`, handle(async (req, res) => {
    res.status(201).json(await o.config.saveRecipient(undefined, req.body, actorOf(req, res)));
  }));
  router.put(`${base}/recipients/:id`, handle((req, res) => o.config.saveRecipient(param(req, 'id'), req.body, actorOf(req, res))));
  router.delete(`${base}/recipients/:id`, handle((req, res) => o.config.deleteRecipient(param(req, 'id'), actorOf(req, res))));

  router.get(`${base}/routes`, handle(() => o.config.listRoutes()));
  router.post(`${base}/routes`, handle(async (req, res) => {
    res.status(201).json(await o.config.saveRoute(undefined, req.body, actorOf(req, res)));
  }));
  router.put(`${base}/routes/:id`, handle((req, res) => o.config.saveRoute(param(req, 'id'), req.body, actorOf(req, res))));
  router.delete(`${base}/routes/:id`, handle((req, res) => o.config.deleteRoute(param(req, 'id'), actorOf(req, res))));

  router.get(`${base}/deliveries`, handle((req) => o.ops.deliveries(req.query)));
  router.post(`${base}/deliveries/:id/resend`, handle((req, res) => o.ops.resend(param(req, 'id'), actorOf(req, res))));
  return router;
}
