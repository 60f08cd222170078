/**
 * The seat handover log over REST (issue 6; see docs/handover.md). Roles are checked at
 * the door; who is the outgoing or incoming lead, in the service. Errors are
 * `{ error, field? }`, plus `blocking` on a confirmation refused by article 81.
 */
import express, { Router, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Role } from '../../shared/access.js';
import type { HandoverStatus } from '../../shared/handover.js';
import { parseOrRefuse, sendOutcome } from '../http/outcome.js';
import { actorOf, queryTime, viewerOf } from '../http/route-inputs.js';
import type { HandoverOutcome } from './outcome.js';
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
  // Nine text fields of up to 20,000 characters each (up to 3 bytes a character), and the
  // draft's sealed prefill handed back (shared/handover.ts: MAX_PREFILL_TOKEN).
  const json = express.json({ limit: '1mb' });
  const readers = requireViewer(READERS);
  const workers = requireViewer(WORKERS);
  const writers = requireViewer(WRITERS);

  // The fixed paths before /:id, which would otherwise take "current" and "draft" as ids.
  router.get('/api/v1/handovers/current', workers, async (req, res) => {
    const query = parseOrRefuse(currentQuery, req.query, res);
    if (!query) return;
    const at = query.shiftChangeAt !== undefined && query.teamIds !== undefined
      ? { shiftChangeAt: query.shiftChangeAt, teamIds: query.teamIds } : undefined;
    send(res, await handovers.current(viewerOf(res), at));
  });

  router.get('/api/v1/handovers/draft', workers, async (req, res) => {
    const query = parseOrRefuse(draftQuery, req.query, res);
    if (query) send(res, await handovers.draft(viewerOf(res), query.shiftChangeAt, query.teamIds));
  });

  router.get('/api/v1/handovers', readers, async (req, res) => {
    const query = parseOrRefuse(searchQuery, req.query, res);
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

/** The shared sending, but a refusal naming blocking alerts is the shared HandoverRefusal, `ok: false` and all. */
function send<T>(res: Response, outcome: HandoverOutcome<T>, okStatus = 200): void {
  if (!outcome.ok && outcome.blocking !== undefined) {
    const { status, ...body } = outcome;
    res.status(status).json(body);
    return;
  }
  sendOutcome(res, outcome, okStatus);
}
