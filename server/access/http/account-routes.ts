/**
 * `/api/v1/accounts` (admins): list, create (answers the one-time password, shown once),
 * update role / teams / name / disabled, and reset a password. `/api/v1/people` (anyone
 * signed in as a person, not a TV): each account's username and name, so pages show who
 * acknowledged or escalated by name.
 */
import { Router } from 'express';
import { createAccountInput, ROLES, updateAccountInput } from '../../../shared/access.js';
import type { AccessService } from '../service/access-service.js';
import { adminOnly } from './admin-guard.js';
import { requireViewer, viewerOf } from './middleware.js';
import { ipOf, noStore, smallJson } from './request-context.js';
import { parseOr400 } from './validate.js';

/** Everyone but a TV display: names of staff are not for the seating area. */
const PERSON_ROLES = ROLES.filter((r) => r !== 'display');

export function createAccountRoutes(access: AccessService): Router {
  const router = Router();
  const admin = adminOnly(access);

  router.get('/api/v1/accounts', admin, async (_req, res) => {
    res.json(await access.listAccounts());
  });

  router.get('/api/v1/people', noStore, requireViewer(access, { roles: PERSON_ROLES }), async (_req, res) => {
    res.json({ people: await access.listPeople() });
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
