/**
 * The schedule over REST (docs/schedules.md):
 *
 *   GET    /api/v1/schedule?from=&to=          the plan (a lead: their teams only)
 *   POST   /api/v1/schedule/import?replace=    a CSV, YAML or JSON file; people or a feed token
 *   PUT    /api/v1/schedule/shifts/:id         one shift, created or replaced
 *   DELETE /api/v1/schedule/shifts/:id
 *   PUT    /api/v1/schedule/leads/:id          one lead duty
 *   DELETE /api/v1/schedule/leads/:id
 *
 * A WFM export job posts its file with a feed token, as a phone system posts events: the
 * token may import, never read (a feed token never shows the floor).
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Role } from '../../shared/access.js';
import { timestamp } from '../../shared/events.js';
import type { Authenticator, Viewer } from '../access/principal.js';
import { ipOf } from '../access/http/request-context.js';
import type { Auditor } from '../http/command-handlers.js';
import type { FloorService } from '../floor/types.js';
import { bearerToken } from '../ingest/http-route.js';
import { centreDayStart, centreMidnight } from './local-time.js';
import { ACCEPTED_CONTENT_TYPES, formatOfContentType } from './parse-file.js';
import { createScheduleService, type EditOutcome, type ImportOutcome, type ScheduleActor, type ScheduleService } from './service.js';
import { problem } from '../../shared/problems.js';

export interface ScheduleRoutesDeps {
  floor: FloorService;
  /**
   * For feed tokens on import (the same check ingest makes), and to tell a bearer token
   * that is nobody's (answered as ingest answers it) from a display's.
   */
  auth: Pick<Authenticator, 'feedFromToken' | 'viewerFromRequest'>;
  /** The access middleware: resolves the viewer (401), checks the role (403), sets res.locals.viewer. */
  requireViewer: (roles: readonly Role[]) => RequestHandler;
  audit: Auditor;
  logger: Logger;
  /** Largest import accepted (default 5 MB: a month of a large centre's roster is well under). */
  importLimit?: string | number;
}

const READ_ROLES: readonly Role[] = ['admin', 'supervisor', 'manager', 'lead'];
/** Planning is the supervisors' and managers' job (and the admin's, who sets the system up); a lead reads. */
const WRITE_ROLES: readonly Role[] = ['admin', 'supervisor', 'manager'];
/** A window of more than this is a typo (or a request meant to hurt). */
const MAX_WINDOW_DAYS = 62;
const DAY = 24 * 3600_000;

/** Epoch ms ("1764291603000"), ISO with an offset, or a centre-local date (its midnight). */
const queryMoment = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), z.union([
  timestamp,
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD, ISO 8601 with an offset, or epoch milliseconds'),
]));
const viewQuery = z.strictObject({ from: queryMoment.optional(), to: queryMoment.optional() });
const importQuery = z.strictObject({
  replace: z.enum(['true', 'false', '1', '0'], { message: 'true or false' }).optional(),
});

const STATUS: Record<ImportOutcome['status'] | EditOutcome<unknown>['status'], number> = {
  done: 200, invalid: 400, 'not-found': 404, refused: 409, failed: 500,
};

export function createScheduleRouter(deps: ScheduleRoutesDeps): Router {
  const service = createScheduleService(deps.floor, deps.audit, deps.logger);
  return scheduleRouter(service, deps);
}

export function scheduleRouter(service: ScheduleService, deps: Omit<ScheduleRoutesDeps, 'floor' | 'audit' | 'logger'>): Router {
  const router = Router();
  const readers = deps.requireViewer(READ_ROLES);
  const writers = deps.requireViewer(WRITE_ROLES);
  const json = express.json({ limit: '256kb' });
  const raw = express.raw({ type: () => true, limit: deps.importLimit ?? '5mb' });

  // A feed token (Authorization: Bearer) may import; anyone else must be a person who plans.
  const importers: RequestHandler = (req, res, next) => {
    const token = bearerToken(req.headers.authorization);
    if (token === undefined) return writers(req, res, next);
    deps.auth.feedFromToken(token).then(async (feed) => {
      if (feed) {
        res.locals.feed = feed;
        return next();
      }
      // A display's token (or a session beside the header) is refused by role there; a
      // token nobody holds (revoked, mistyped) is answered as ingest answers it, not "sign in first".
      if (await deps.auth.viewerFromRequest(req)) return writers(req, res, next);
      res.status(401).set('WWW-Authenticate', 'Bearer realm="floorwatch-ingest"').json(problem('feedTokenInvalid'));
    }).catch(next);
  };

  router.get('/api/v1/schedule', readers, (req, res) => {
    const query = viewQuery.safeParse(req.query);
    if (!query.success) return void badQuery(res, query.error);
    const tz = service.timeZone();
    const moments: { from?: number; to?: number } = {};
    for (const key of ['from', 'to'] as const) {
      const v = query.data[key];
      if (v === undefined) continue;
      const placed = typeof v === 'number' ? { ms: v } : centreMidnight(v, tz);
      if ('error' in placed) return void res.status(400).json({ ...problem('invalidField', { field: key, detail: placed.error.message }), field: key });
      moments[key] = placed.ms;
    }
    // The wall clock only picks the default window; nothing about the plan depends on it.
    const from = moments.from ?? centreDayStart(Date.now(), tz);
    const to = moments.to ?? centreDayStart(from, tz, 3);
    if (!(to > from)) return void res.status(400).json({ error: 'invalid to: must be after from', field: 'to' });
    if (to - from > MAX_WINDOW_DAYS * DAY) return void res.status(400).json({ error: `invalid to: at most ${MAX_WINDOW_DAYS} days after from`, field: 'to' });
    const viewer = res.locals.viewer as Viewer;
    res.json(service.view(from, to, viewer.role === 'lead' ? viewer.teams : undefined));
  });

  router.post('/api/v1/schedule/import', importers, (req, res, next) => {
    // Checked before the body is read: a wrong client learns at once and cheaply.
    if (formatOfContentType(req.headers['content-type']) === undefined) {
      res.status(415).json({ error: `unsupported content type "${req.headers['content-type'] ?? ''}"`, accepted: ACCEPTED_CONTENT_TYPES });
      return;
    }
    next();
  }, raw, async (req, res) => {
    const query = importQuery.safeParse(req.query);
    if (!query.success) return void badQuery(res, query.error);
    const format = formatOfContentType(req.headers['content-type'])!;
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const text = body.toString('utf8').replace(/^\uFEFF/, '');
    const replace = query.data.replace === 'true' || query.data.replace === '1';
    const outcome = await service.importFile(text, format, replace, actorOf(req, res));
    res.status(STATUS[outcome.status]).json(outcome.body);
  });

  for (const kind of ['shifts', 'leads'] as const) {
    router.put(`/api/v1/schedule/${kind}/:id`, writers, json, async (req, res) => {
      const id = String(req.params.id);
      const outcome = kind === 'shifts'
        ? await service.saveShift(id, req.body, actorOf(req, res))
        : await service.saveLead(id, req.body, actorOf(req, res));
      res.status(STATUS[outcome.status]).json(outcome.body);
    });
    router.delete(`/api/v1/schedule/${kind}/:id`, writers, async (req, res) => {
      const id = String(req.params.id);
      const outcome = kind === 'shifts' ? await service.removeShift(id, actorOf(req, res)) : await service.removeLead(id, actorOf(req, res));
      res.status(STATUS[outcome.status]).json(outcome.status === 'done' ? { ok: true } : outcome.body);
    });
  }

  return router;
}

function actorOf(req: Request, res: Response): ScheduleActor {
  const ip = ipOf(req);
  const feed = res.locals.feed as { id: string; name: string } | undefined;
  const viewer = res.locals.viewer as Viewer | undefined;
  const who: ScheduleActor = feed
    ? { id: feed.id, kind: 'feed', name: feed.name }
    : { id: viewer!.id, kind: viewer!.kind, name: viewer!.kind === 'user' ? viewer!.username : viewer!.name };
  return ip === undefined ? who : { ...who, ip };
}

function badQuery(res: Response, error: z.ZodError): void {
  const issue = error.issues[0];
  const field = issue.path.length > 0 ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(query)';
  res.status(400).json({ ...problem('invalidField', { field, detail: issue.message }), field });
}
