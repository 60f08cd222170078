/**
 * `/api/v1/accounts` (admins): list, create (answers the one-time password, shown once),
 * update role / teams / name / disabled, and reset a password.
 */
import { Router } from 'express';
import { createAccountInput, updateAccountInput } from '../../../shared/access.js';
import type { AccessService } from '../service/access-service.js';
import { adminOnly } from './admin-guard.js';
import { viewerOf } from './middleware.js';
import { ipOf, smallJson } from './request-context.js';
import { parseOr400 } from './validate.js';

export function createAccountRoutes(access: AccessService): Router {
  const router = Router();
  const admin = adminOnly(access);

  router.get('/api/v1/accounts', admin, async (_req, res) => {
    res.json(await access.listAccounts());
  });

  router.post('/api/v1/accounts', admin, smallJson, async (req, res) => {
    const input = parseOr400(createAccountInput, req.body, res);
    if (!input) return;
    res.status(201).json(await access.createAccount(input, viewerOf(res).id, ipOf(req)));
  });

  router.patch('/api/v1/accounts/:id', admin, smallJson, async (req, res) => {
    const input = parseOr400(updateAccountInput, req.body, res);
    if (!input) return;
    res.json(await access.updateAccount(String(req.params.id), input, viewerOf(res).id, ipOf(req)));
  });

  router.post('/api/v1/accounts/:id/password-reset', admin, async (req, res) => {
    res.json(await access.resetPassword(String(req.params.id), viewerOf(res).id, ipOf(req)));
  });

  return router;
}
