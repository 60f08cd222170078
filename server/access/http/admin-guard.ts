/** Every admin route: not cached, CSRF first (a forged request does nothing), then admins only. */
import { Router, type RequestHandler } from 'express';
import type { AccessService } from '../service/access-service.js';
import { csrfCheck, requireViewer } from './middleware.js';
import { noStore } from './request-context.js';

export function adminOnly(access: AccessService): RequestHandler {
  // A router is one middleware that runs its own in order, and calls next() only if all pass.
  return Router().use(noStore, csrfCheck(access), requireViewer(access, { roles: ['admin'] }));
}
