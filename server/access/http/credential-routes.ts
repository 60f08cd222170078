/**
 * The non-human credentials (admins): TV displays (`/api/v1/displays`: pair by code, list,
 * revoke) and feed tokens (`/api/v1/feed-tokens`: create, shown once; list; revoke).
 */
import { Router } from 'express';
import { createFeedTokenInput, pairDisplayInput } from '../../../shared/access.js';
import type { AccessService } from '../service/access-service.js';
import { adminOnly } from './admin-guard.js';
import { viewerOf } from './middleware.js';
import { ipOf, smallJson } from './request-context.js';
import { parseOr400 } from './validate.js';

export function createCredentialRoutes(access: AccessService): Router {
  const router = Router();
  const admin = adminOnly(access);

  router.post('/api/v1/displays', admin, smallJson, async (req, res) => {
    const input = parseOr400(pairDisplayInput, req.body, res);
    if (!input) return;
    res.status(201).json(await access.pairDisplay(input.code, input.name, viewerOf(res).id, ipOf(req)));
  });

  router.get('/api/v1/displays', admin, async (_req, res) => {
    res.json(await access.listDevices());
  });

  router.delete('/api/v1/displays/:id', admin, async (req, res) => {
    res.json(await access.revokeDevice(String(req.params.id), viewerOf(res).id, ipOf(req)));
  });

  router.post('/api/v1/feed-tokens', admin, smallJson, async (req, res) => {
    const input = parseOr400(createFeedTokenInput, req.body, res);
    if (!input) return;
    const { token, view } = await access.createFeedToken(input.name, viewerOf(res).id, ipOf(req));
    res.status(201).json({ token, feedToken: view });
  });

  router.get('/api/v1/feed-tokens', admin, async (_req, res) => {
    res.json(await access.listFeedTokens());
  });

  router.delete('/api/v1/feed-tokens/:id', admin, async (req, res) => {
    res.json(await access.revokeFeedToken(String(req.params.id), viewerOf(res).id, ipOf(req)));
  });

  return router;
}
