/**
 * What a route reads from a request besides its body: who is asking (the viewer the access
 * middleware let in, and the actor an audited change is recorded under) and times in a
 * query string. Shared by the handover and points routes.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { timestamp } from '../../shared/events.js';
import type { Viewer } from '../access/principal.js';
import { clientIp } from './client-ip.js';
import type { Actor } from './command-handlers.js';

/** Query strings are text: epoch ms arrives as "1764291603000", so digits become a number first. */
export const queryTime = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), timestamp);

/** Set by the access middleware on every request that got past it. */
export function viewerOf(res: Response): Viewer {
  return res.locals.viewer as Viewer;
}

/** The viewer and where the request came from (honouring express's `trust proxy`), for the audit. */
export function actorOf(req: Request, res: Response): Actor {
  const ip = clientIp(req.ip ?? req.socket.remoteAddress);
  return { viewer: viewerOf(res), ...(ip !== undefined && { ip }) };
}
