/** The access service as the app's edges need it (see AccessEdge in app.ts). */
import type { Logger } from 'pino';
import type { AccessEdge } from '../app.js';
import { createAccessRouter } from './http/access-router.js';
import { csrfCheck, requireViewer } from './http/middleware.js';
import type { AccessService } from './service/access-service.js';

export function createAccessEdge(access: AccessService, logger: Logger, secureCookies: boolean): AccessEdge {
  return {
    auth: access,
    audit: access,
    router: createAccessRouter({ access, logger, secureCookies }),
    requireViewer: (roles) => requireViewer(access, { roles }),
    csrf: csrfCheck(access),
  };
}
