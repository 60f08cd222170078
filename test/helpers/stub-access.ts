/**
 * An access edge for tests about something else (transport, the floor, the page): it
 * lets everyone in as the viewer the test chooses (a supervisor by default) and records
 * audit entries. Access control itself is tested against the real service in
 * test/integration/access/ and test/integration/roles.test.ts.
 */
import { Router, type RequestHandler } from 'express';
import type { AccessEdge } from '../../server/app.js';
import type { Principal, Revocation, Viewer } from '../../server/access/principal.js';

export const SUPERVISOR: Extract<Viewer, { kind: 'user' }> = {
  kind: 'user', id: 'u-supervisor', username: 'sup', name: 'Supervisor', role: 'supervisor', teams: [],
  mustChangePassword: false, sessionId: 's-1',
};

/** `viewer` may be a function, for a test that changes who is asking between requests. */
export function stubAccess(who: Viewer | (() => Viewer) = SUPERVISOR) {
  const current = typeof who === 'function' ? who : () => who;
  const audit: Array<{ actor: string; action: string; target?: string }> = [];
  const listeners = new Set<(r: Revocation) => void>();
  const feed: Extract<Principal, { kind: 'feed' }> = { kind: 'feed', id: 'feed-test', name: 'test feed' };
  const edge: AccessEdge = {
    auth: {
      viewerFromRequest: async () => current(),
      viewerFromHandshake: async () => current(),
      feedFromToken: async () => feed,
      onRevoked: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
    },
    audit: {
      record: async (entry) => {
        audit.push(entry);
      },
    },
    router: Router(),
    requireViewer: () => ((_req, res, next) => {
      res.locals.viewer = current();
      next();
    }) as RequestHandler,
    csrf: (_req, _res, next) => next(),
  };
  return { edge, audit, revoke: (r: Revocation) => listeners.forEach((l) => l(r)) };
}
