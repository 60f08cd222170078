/**
 * The points ledger over REST (issue 6; see docs/points.md). Roles are checked here at the
 * door (a display never gets in), the viewer's team scope and the catalogue in the
 * service. Errors are `{ error, field? }` like every other route.
 */
import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Role } from '../../shared/access.js';
import { parseOrRefuse, sendOutcome } from '../http/outcome.js';
import { actorOf, queryTime, viewerOf } from '../http/route-inputs.js';
import { QUARTER_PATTERN } from './quarters.js';
import { POINTS_READ_ROLES, POINTS_WRITE_ROLES } from './scope.js';
import type { PointsService } from './service.js';

export interface PointsRoutesDeps {
  points: PointsService;
  requireViewer: (roles: readonly Role[]) => RequestHandler;
}

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
    const query = parseOrRefuse(listQuery, req.query, res);
    if (query) sendOutcome(res, await points.list(viewerOf(res), query));
  });

  router.post('/api/v1/points', writers, json, async (req, res) => {
    sendOutcome(res, await points.record(actorOf(req, res), req.body), 201);
  });

  router.post('/api/v1/points/:id/reverse', writers, json, async (req, res) => {
    sendOutcome(res, await points.reverse(actorOf(req, res), String(req.params.id), req.body ?? {}), 201);
  });

  router.get('/api/v1/points/leaderboard', readers, async (req, res) => {
    const query = parseOrRefuse(leaderboardQuery, req.query, res);
    if (query) sendOutcome(res, await points.leaderboard(viewerOf(res), query.quarter));
  });

  router.get('/api/v1/points/excellence', readers, async (req, res) => {
    const query = parseOrRefuse(excellenceQuery, req.query, res);
    if (query) sendOutcome(res, await points.excellence(viewerOf(res), query.year));
  });

  router.get('/api/v1/points/export.csv', readers, async (req, res) => {
    const query = parseOrRefuse(exportQuery, req.query, res);
    if (!query) return;
    const outcome = await points.exportCsv(actorOf(req, res), query);
    if (!outcome.ok) {
      sendOutcome(res, outcome);
      return;
    }
    res.type('text/csv; charset=utf-8');
    res.attachment(`floorwatch-points-${new Date().toISOString().slice(0, 10)}.csv`);
    res.send(outcome.value);
  });

  return router;
}
