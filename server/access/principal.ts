/**
 * Who is asking. Every request and every socket is resolved to a principal (or refused)
 * before anything else runs; the edges decide what each kind and role may see and do.
 */
import type { Role } from '../../shared/access.js';

export type Principal =
  | {
    kind: 'user';
    id: string;
    username: string;
    name: string;
    role: Exclude<Role, 'display'>;
    /** Shift leads: their teams. */
    teams: string[];
    mustChangePassword: boolean;
    /** The session (hashed cookie token) it came with. */
    sessionId: string;
  }
  | { kind: 'device'; id: string; name: string; role: 'display'; teams: [] }
  | { kind: 'feed'; id: string; name: string };

/** A person or a TV: the principals that look at the floor. */
export type Viewer = Extract<Principal, { kind: 'user' | 'device' }>;

/** Raised on sign-out-everywhere, account disabled, device or feed token revoked. */
export interface Revocation {
  kind: 'user' | 'device' | 'feed';
  id: string;
  /** For a single signed-out session. */
  sessionId?: string;
}

export interface Authenticator {
  /** From a request's cookie (session) or `Authorization: Bearer` (device token). */
  viewerFromRequest(req: { headers: Record<string, string | string[] | undefined> }): Promise<Viewer | null>;
  /**
   * From a socket.io handshake: the session cookie in its headers, or `auth.deviceToken`.
   * `use: false` only checks: a session's sliding expiry is not moved on (a wallboard's own
   * re-checks of an open socket are not the person using the site).
   */
  viewerFromHandshake(handshake: { headers: Record<string, string | string[] | undefined>; auth: Record<string, unknown> }, options?: { use?: boolean }): Promise<Viewer | null>;
  /** From a feed's bearer token (HTTP) or `auth.token` (socket.io `/ingest`). */
  feedFromToken(token: string | undefined): Promise<Extract<Principal, { kind: 'feed' }> | null>;
  /** Subscribe to revocations (to disconnect sockets at once); returns unsubscribe. */
  onRevoked(listener: (revocation: Revocation) => void): () => void;
}
