/** Small per-request helpers shared by the access routes. */
import express, { type Request, type RequestHandler } from 'express';
import { clientIp } from '../../http/client-ip.js';

/** Where the request came from, for the audit log (honours express's `trust proxy`). */
export function ipOf(req: Request): string | undefined {
  return clientIp(req.ip ?? req.socket.remoteAddress);
}

/** Access bodies are a few short strings: a small limit keeps the endpoints cheap to abuse. */
export const smallJson: RequestHandler = express.json({ limit: '16kb' });

/** Responses carrying tokens, one-time passwords or who-is-who must not sit in any cache. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};
