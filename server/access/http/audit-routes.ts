/**
 * The audit log for admins: `GET /api/v1/audit` (JSON) and `GET /api/v1/audit.csv` (a
 * download). The same query for both; an export is itself recorded.
 */
import { Router } from 'express';
import { z } from 'zod';
import { timestamp } from '../../../shared/events.js';
import { MAX_AUDIT_LIST_LIMIT } from '../store-rules.js';
import type { AccessService } from '../service/access-service.js';
import { adminOnly } from './admin-guard.js';
import { viewerOf } from './middleware.js';
import { ipOf } from './request-context.js';
import { parseOr400 } from './validate.js';

/** Query strings are text: epoch ms arrives as "1764291603000", so digits become a number first. */
const queryTime = z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v), timestamp);

/** Strict, so a misspelt parameter is an error naming it rather than a silently wider answer. */
export const auditQuerySchema = z.strictObject({
  from: queryTime.optional(),
  to: queryTime.optional(),
  actor: z.string().min(1).max(200).optional(),
  action: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIST_LIMIT).optional(),
});

export function createAuditRoutes(access: AccessService): Router {
  const router = Router();
  const admin = adminOnly(access);

  router.get('/api/v1/audit', admin, async (req, res) => {
    const query = parseOr400(auditQuerySchema, req.query, res);
    if (!query) return;
    res.json(await access.listAudit(query));
  });

  router.get('/api/v1/audit.csv', admin, async (req, res) => {
    const query = parseOr400(auditQuerySchema, req.query, res);
    if (!query) return;
    const csv = await access.auditCsv(query);
    await access.record({ actor: viewerOf(res).id, action: 'audit-exported', ...withIp(ipOf(req)), detail: { query } });
    const day = new Date().toISOString().slice(0, 10);
    res.type('text/csv; charset=utf-8');
    res.attachment(`floorwatch-audit-${day}.csv`);
    res.send(csv);
  });

  return router;
}

function withIp(ip: string | undefined): { ip?: string } {
  return ip === undefined ? {} : { ip };
}
