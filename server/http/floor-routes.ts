/**
 * The REST face of the floor: what the wallboard shows (`/floor`; to a display, just what
 * its socket is sent), alert history, the rules in force, and the same commands the
 * wallboard gives over socket.io (through the same command handlers, so both validate and
 * answer alike).
 */
import { alertFor, audienceOf, snapshotFor } from '../access/audience.js';
import { VIEW_ROLES } from '../access/permissions.js';
import type { Role } from '../../shared/access.js';
import type { AdapterCounters } from '../adapters/types.js';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { AlertStatus } from '../../shared/alerts.js';
import type { CommandResult } from '../../shared/commands.js';
import { timestamp } from '../../shared/events.js';
import { RULE_IDS } from '../../shared/rules.js';
import type { FloorService } from '../floor/types.js';
import type { AlertQuery } from '../storage/types.js';
import type { CommandHandlers, CommandOutcome, CommandStatus } from './command-handlers.js';
// The actor's address is req.ip: the client's, behind a proxy express trusts (--trust-proxy).
import { actorOf, viewerOf } from './route-inputs.js';
import { problem } from '../../shared/problems.js';
import { screenSnapshot } from '../wallboard/screen.js';

export interface FloorRoutesDeps {
  floor: FloorService;
  commands: CommandHandlers;
  /** The access middleware: resolves the viewer (401), checks the role (403), sets res.locals.viewer. */
  requireViewer: (roles: readonly Role[]) => RequestHandler;
  /** The server's own feeds and their counters. */
  feeds: () => Array<{ name: string; counters: AdapterCounters }>;
}

/** People read history and the rules and give commands; a display only watches the floor. */
const PEOPLE: readonly Role[] = ['admin', 'supervisor', 'lead', 'manager'];

/** A Record so adding a status to the contract fails to compile here until it is listed. */
const ALERT_STATUS: Record<AlertStatus, true> = { open: true, acknowledged: true, resolved: true };
const ALERT_STATUSES = Object.keys(ALERT_STATUS) as [AlertStatus, ...AlertStatus[]];

export const DEFAULT_ALERT_LIMIT = 500;
export const MAX_ALERT_LIMIT = 5000;

/** Query strings are text: epoch ms arrives as "1764291603000", so digits become a number first. */
const queryTime = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), timestamp);

/** Strict, so a misspelt parameter (`?stauts=`) is an error naming it rather than a silently wider list. */
const alertQuerySchema = z.strictObject({
  // `?status=open,acknowledged` and `?status=open&status=acknowledged` both work.
  status: z.preprocess(
    (v) => (Array.isArray(v) ? v.join(',') : v),
    z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  ).pipe(z.array(z.enum(ALERT_STATUSES)).min(1, 'name at least one status')).optional(),
  rule: z.enum(RULE_IDS).optional(),
  agentId: z.string().min(1).max(200).optional(),
  from: queryTime.optional(),
  to: queryTime.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_ALERT_LIMIT).default(DEFAULT_ALERT_LIMIT),
});

/** REST status per command outcome: bad input 400, the floor said no 409, the floor broke 500. */
const COMMAND_STATUS: Record<CommandStatus, number> = { done: 200, invalid: 400, forbidden: 403, refused: 409, failed: 500 };

export function createFloorRouter({ floor, commands, requireViewer, feeds }: FloorRoutesDeps): Router {
  const router = Router();
  // Command bodies are a note and a number: a small limit keeps this cheap to abuse.
  const json = express.json({ limit: '64kb' });

  const anyViewer = requireViewer(VIEW_ROLES);
  const people = requireViewer(PEOPLE);

  router.get('/api/v1/floor', anyViewer, (_req, res) => {
    const audience = audienceOf(viewerOf(res));
    const cut = snapshotFor(floor.snapshot(), audience);
    // A public screen reads here exactly what its socket is sent (screenSnapshot: alert
    // summaries, floor-wide compliance only), never the per-agent figures people get.
    res.json(audience.publicScreen ? screenSnapshot(cut) : cut);
  });

  // The agent panel: today's timeline and compliance. A lead only for their teams' agents.
  router.get('/api/v1/agents/:agentId/day', people, async (req, res) => {
    const agentId = String(req.params.agentId);
    const viewer = viewerOf(res);
    const agent = floor.agent(agentId);
    const visible = agent !== undefined && (viewer.role !== 'lead' || (agent.teamId !== undefined && viewer.teams.includes(agent.teamId)));
    const day = visible ? await floor.agentDay(agentId) : undefined;
    if (!day) {
      res.status(404).json({ ...problem('agentNotOnFloor', { agentId }), field: 'agentId' });
      return;
    }
    res.json(day);
  });

  // Engineers see whether each phone-system feed reads, maps and delivers.
  router.get('/api/v1/feeds', requireViewer(['admin', 'supervisor']), (_req, res) => {
    res.json(feeds());
  });

  router.get('/api/v1/rules', people, (_req, res) => {
    res.json(floor.rules());
  });

  router.get('/api/v1/alerts', people, async (req, res) => {
    const parsed = alertQuerySchema.safeParse(req.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // An unknown parameter is reported at the root with its name in `keys`.
      const field = issue.path.length > 0
        ? issue.path.join('.')
        : issue.code === 'unrecognized_keys' ? issue.keys.join(',') : '(query)';
      res.status(400).json({ ...problem('invalidField', { field, detail: issue.message }), field });
      return;
    }
    const query: AlertQuery = parsed.data;
    const audience = audienceOf(viewerOf(res));
    res.json((await floor.listAlerts(query)).flatMap((a) => alertFor(a, audience) ?? []));
  });

  // One open or acknowledged alert, whole: what screens are not sent (its evidence, its
  // history), for the alert desk to show when asked. 404 when not live or not the viewer's.
  router.get('/api/v1/alerts/:id', people, (req, res) => {
    const alert = floor.liveAlert(String(req.params.id));
    const shown = alert === undefined ? null : alertFor(alert, audienceOf(viewerOf(res)));
    if (shown === null) {
      res.status(404).json(problem('alertNotVisible'));
      return;
    }
    res.json(shown);
  });

  router.post('/api/v1/alerts/:id/acknowledge', people, json, async (req, res) => {
    send(res, await commands.acknowledgeAlert(withParams(req.body, { alertId: String(req.params.id) }), actorOf(req, res)));
  });

  router.post('/api/v1/alerts/:id/resolve', people, json, async (req, res) => {
    send(res, await commands.resolveAlert(withParams(req.body, { alertId: String(req.params.id) }), actorOf(req, res)));
  });

  router.post('/api/v1/alerts/:id/escalate', people, json, async (req, res) => {
    send(res, await commands.escalateAlert(withParams(req.body, { alertId: String(req.params.id) }), actorOf(req, res)));
  });

  router.post('/api/v1/calls/:callId/hold-approval', people, json, async (req, res) => {
    send(res, await commands.approveHold(withParams(req.body, { callId: String(req.params.callId) }), actorOf(req, res)));
  });

  // Article 79: a lead lets the agent leave although the seat's relief is not in yet.
  router.post('/api/v1/agents/:agentId/leave-approval', people, json, async (req, res) => {
    send(res, await commands.approveLeave(withParams(req.body, { agentId: String(req.params.agentId) }), actorOf(req, res)));
  });

  return router;
}

/**
 * The command input: the body plus the id from the path (the path wins). No body is an
 * empty one; a body that is not an object is passed as is so validation names it.
 */
function withParams(body: Request['body'], params: Record<string, string>): unknown {
  if (body === undefined || body === null) return { ...params };
  if (typeof body === 'object' && !Array.isArray(body)) return { ...body, ...params };
  return body;
}

function send<T>(res: Response, outcome: CommandOutcome<T>): void {
  const body: CommandResult<T> = outcome.result;
  res.status(COMMAND_STATUS[outcome.status]).json(body);
}
