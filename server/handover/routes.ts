/**
 * The seat handover log over REST (issue 6; see docs/handover.md). Roles are checked at
 * the door; who is the outgoing or incoming lead, in the service. Errors are
 * `{ error, field? }`, plus `blocking` on a confirmation refused by article 81.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Role } from '../../shared/access.js';
import { timestamp } from '../../shared/events.js';
import type { HandoverStatus } from '../../shared/handover.js';
import type { Viewer } from '../access/principal.js';
import { clientIp } from '../http/client-ip.js';
import type { Actor } from '../http/command-handlers.js';
import { invalid, type HandoverOutcome } from './outcome.js';
import type { HandoverService } from './service.js';
import { MAX_HANDOVER_LIMIT } from './store.js';

export interface HandoverRoutesDeps {
  handovers: HandoverService;
  requireViewer: (roles: readonly Role[]) => RequestHandler;
}

/** Who reads the log; who works it (the service narrows to the outgoing/incoming lead). */
const READERS: readonly Role[] = ['admin', 'supervisor', 'manager', 'lead'];
const WORKERS: readonly Role[] = ['supervisor', 'manager', 'lead'];
const WRITERS: readonly Role[] = ['supervisor', 'lead'];

/** Query strings are text: epoch ms arrives as "1764291603000", so digits become a number first. */
const queryTime = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), timestamp);
/** `?teamIds=T1,T2` or `?teamIds=T1&teamIds=T2`. */
const teamList = z.preprocess(
  (v) => (Array.isArray(v) ? v.join(',') : v),
  z.string().transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean)),
).pipe(z.array(z.string().min(1).max(200)).min(1, 'name one team at least').max(100));

const STATUS: Record<Exclude<HandoverStatus, 'draft'>, true> = { submitted: true, confirmed: true };
const STATUSES = Object.keys(STATUS) as [Exclude<HandoverStatus, 'draft'>, ...Exclude<HandoverStatus, 'draft'>[]];

const draftQuery = z.strictObject({ shiftChangeAt: queryTime, teamIds: teamList });
const currentQuery = z.strictObject({ shiftChangeAt: queryTime.optional(), teamIds: teamList.optional() })
  .refine((q) => (q.shiftChangeAt === undefined) === (q.teamIds === undefined), {
    message: 'give shiftChangeAt and teamIds together', path: ['teamIds'],
  });
const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),
  teamId: z.string().min(1).max(200).optional(),
  from: queryTime.optional(),
  to: queryTime.optional(),
  status: z.preprocess(
    (v) => (Array.isArray(v) ? v.join(',') : v),
    z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  ).pipe(z.array(z.enum(STATUSES)).min(1, 'name at least one status')).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_HANDOVER_LIMIT).optional(),
});

export function createHandoverRouter({ handovers, requireViewer }: HandoverRoutesDeps): Router {
  const router = Router();
  // Nine text fields of up to 20,000 characters each.
  const json = express.json({ limit: '256kb' });
  const readers = requireViewer(READERS);
  const workers = requireViewer(WORKERS);
  const writers = requireViewer(WRITERS);

  // The fixed paths before /:id, which would otherwise take "current" and "draft" as ids.
  router.get('/api/v1/handovers/current', workers, async (req, res) => {
    const query = parse(currentQuery, req.query, res);
    if (!query) return;
    const at = query.shiftChangeAt !== undefined && query.teamIds !== undefined
      ? { shiftChangeAt: query.shiftChangeAt, teamIds: query.teamIds } : undefined;
    send(res, await handovers.current(viewerOf(res), at));
  });

  router.get('/api/v1/handovers/draft', workers, async (req, res) => {
    const query = parse(draftQuery, req.query, res);
    if (query) send(res, await handovers.draft(viewerOf(res), query.shiftChangeAt, query.teamIds));
  });

  router.get('/api/v1/handovers', readers, async (req, res) => {
    const query = parse(searchQuery, req.query, res);
    if (query) send(res, await handovers.search(viewerOf(res), query));
  });

  router.post('/api/v1/handovers', writers, json, async (req, res) => {
    send(res, await handovers.submit(actorOf(req, res), req.body), 201);
  });

  router.get('/api/v1/handovers/:id', readers, async (req, res) => {
    send(res, await handovers.get(viewerOf(res), String(req.params.id)));
  });

  router.post('/api/v1/handovers/:id/confirm', writers, json, async (req, res) => {
    send(res, await handovers.confirm(actorOf(req, res), String(req.params.id), req.body ?? {}));
  });

  return router;
}

function parse<S extends z.ZodType>(schema: S, input: unknown, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  send(res, invalid(parsed.error.issues));
  return undefined;
}

function send<T>(res: Response, outcome: HandoverOutcome<T>, okStatus = 200): void {
  if (outcome.ok) {
    res.status(okStatus).json(outcome.value);
    return;
  }
  // A refusal naming blocking alerts is the shared HandoverRefusal, `ok: false` and all.
  const { ok, status, ...body } = outcome;
  res.status(status).json(body.blocking === undefined ? body : { ok, ...body });
}

/** Set by the access middleware on every request that got past it. */
function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

function actorOf(req: Request, res: Response): Actor {
  const ip = clientIp(req.ip ?? req.socket.remoteAddress);
  return { viewer: viewerOf(res), ...(ip !== undefined && { ip }) };
}
