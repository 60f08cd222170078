/**
 * The points ledger over REST (issue 6; see docs/points.md). Roles are checked here at the
 * door (a display never gets in), the viewer's team scope and the catalogue in the
 * service. Errors are `{ error, field? }` like every other route.
 */
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Role } from '../../shared/access.js';
import { timestamp } from '../../shared/events.js';
import type { Viewer } from '../access/principal.js';
import { clientIp } from '../http/client-ip.js';
import type { Actor } from '../http/command-handlers.js';
import { invalid, type PointsOutcome } from './outcome.js';
import { QUARTER_PATTERN } from './quarters.js';
import { POINTS_READ_ROLES, POINTS_WRITE_ROLES } from './scope.js';
import type { PointsService } from './service.js';

export interface PointsRoutesDeps {
  points: PointsService;
  requireViewer: (roles: readonly Role[]) => RequestHandler;
}

/** Query strings are text: epoch ms arrives as "1764291603000", so digits become a number first. */
const queryTime = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), timestamp);

/** Strict, so a misspelt parameter is an error naming it rather than a silently wider answer. */
const listQuery = z.strictObject({
  agentId: z.string().min(1).max(200).optional(),
  from: queryTime.optional(),
  to: queryTime.optional(),
});
const exportQuery = listQuery.omit({ agentId: true });
const leaderboardQuery = z.strictObject({
  quarter: z.string().regex(QUARTER_PATTERN, 'write it like 2026-Q4').optional(),
});
const excellenceQuery = z.strictObject({
  year: z.coerce.number().int().min(1970).max(9999).optional(),
});

export function createPointsRouter({ points, requireViewer }: PointsRoutesDeps): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });
  const readers = requireViewer(POINTS_READ_ROLES);
  const writers = requireViewer(POINTS_WRITE_ROLES);

  router.get('/api/v1/points', readers, async (req, res) => {
    const query = parse(listQuery, req.query, res);
    if (query) send(res, await points.list(viewerOf(res), query));
  });

  router.post('/api/v1/points', writers, json, async (req, res) => {
    send(res, await points.record(actorOf(req, res), req.body), 201);
  });

  router.post('/api/v1/points/:id/reverse', writers, json, async (req, res) => {
    send(res, await points.reverse(actorOf(req, res), String(req.params.id), req.body ?? {}), 201);
  });

  router.get('/api/v1/points/leaderboard', readers, async (req, res) => {
    const query = parse(leaderboardQuery, req.query, res);
    if (query) send(res, await points.leaderboard(viewerOf(res), query.quarter));
  });

  router.get('/api/v1/points/excellence', readers, async (req, res) => {
    const query = parse(excellenceQuery, req.query, res);
    if (query) send(res, await points.excellence(viewerOf(res), query.year));
  });

  router.get('/api/v1/points/export.csv', readers, async (req, res) => {
    const query = parse(exportQuery, req.query, res);
    if (!query) return;
    const outcome = await points.exportCsv(actorOf(req, res), query);
    if (!outcome.ok) {
      send(res, outcome);
      return;
    }
    res.type('text/csv; charset=utf-8');
    res.attachment(`floorwatch-points-${new Date().toISOString().slice(0, 10)}.csv`);
    res.send(outcome.value);
  });

  return router;
}

function parse<S extends z.ZodType>(schema: S, input: unknown, res: Response): z.output<S> | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  send(res, invalid(parsed.error.issues));
  return undefined;
}

function send<T>(res: Response, outcome: PointsOutcome<T>, okStatus = 200): void {
  if (outcome.ok) {
    res.status(okStatus).json(outcome.value);
    return;
  }
  const { ok: _ok, status, ...body } = outcome;
  res.status(status).json(body);
}

/** Set by the access middleware on every request that got past it. */
function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

function actorOf(req: Request, res: Response): Actor {
  const ip = clientIp(req.ip ?? req.socket.remoteAddress);
  return { viewer: viewerOf(res), ...(ip !== undefined && { ip }) };
}
