/**
 * Sessions: a random token in the `fw_session` cookie, stored only as its SHA-256, with a
 * CSRF token bound to it. Idle sessions end after the TTL (sliding: each use pushes the
 * expiry out, written at most once a minute). Signing out everywhere, disabling an account
 * or changing its password ends them all, and a revocation cuts the live sockets too.
 */
import type { AccountRecord, SessionRecord } from '../types.js';
import { randomToken, sha256Hex } from '../tokens.js';
import { AccessError } from './errors.js';
import { from, recordKey, touchDue, type AccessContext } from './context.js';

/** Our tokens are 43 characters; anything far longer is not one and is not even hashed. */
export const MAX_TOKEN_LENGTH = 256;

export interface StartedSession {
  sessionToken: string;
  csrfToken: string;
  sessionId: string;
}

export interface SessionsArea {
  /** Ends one session (the id is the hashed token, as on the principal). */
  signOut(sessionId: string, ip?: string): Promise<void>;
  /** Ends every session of the account, here and on every other browser. */
  signOutEverywhere(accountId: string, ip?: string): Promise<void>;
  /** The CSRF token bound to a live session cookie; null when the cookie is no live session. */
  sessionCsrfToken(sessionToken: string): Promise<string | null>;
}

export interface SessionsInternals {
  start(accountId: string, ip: string | undefined): Promise<StartedSession>;
  /** `use: false` checks without moving the sliding expiry on. */
  resolve(sessionToken: string, use?: boolean): Promise<{ account: AccountRecord; session: SessionRecord } | null>;
  /** Deletes the account's sessions (keeping `keep`, re-dated) and emits the revocation. */
  endAll(accountId: string, keep?: SessionRecord): Promise<number>;
}

export function isTokenShaped(token: unknown): token is string {
  return typeof token === 'string' && token.length > 0 && token.length <= MAX_TOKEN_LENGTH;
}

export function createSessions(ctx: AccessContext): SessionsArea & SessionsInternals {
  const { store, clock } = ctx;

  async function start(accountId: string, ip: string | undefined): Promise<StartedSession> {
    const now = clock.now();
    const sessionToken = randomToken();
    const csrfToken = randomToken();
    const sessionId = sha256Hex(sessionToken);
    await store.sessions.create({
      id: sessionId, accountId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt: now + ctx.sessionTtlMs,
      ...(ip !== undefined && { ip }),
    });
    return { sessionToken, csrfToken, sessionId };
  }

  async function resolve(sessionToken: string, use = true): Promise<{ account: AccountRecord; session: SessionRecord } | null> {
    if (!isTokenShaped(sessionToken)) return null;
    const session = await store.sessions.get(sha256Hex(sessionToken));
    if (!session) return null;
    const now = clock.now();
    if (session.expiresAt <= now) {
      await store.sessions.delete(session.id);
      return null;
    }
    const account = await store.accounts.get(session.accountId);
    if (!account || account.disabled) return null;
    // Belt and braces with endAll's delete: a session that predates "sign out everywhere" is dead.
    if (account.sessionsValidAfter !== undefined && session.createdAt < account.sessionsValidAfter) return null;
    if (use && touchDue(session.lastSeenAt, now)) {
      // update() of a row deleted meanwhile is a no-op in both stores, so this cannot revive one.
      const touched = { ...session, lastSeenAt: now, expiresAt: now + ctx.sessionTtlMs };
      await store.sessions.update(touched);
      return { account, session: touched };
    }
    return { account, session };
  }

  async function endAll(accountId: string, keep?: SessionRecord): Promise<number> {
    const ended = await store.sessions.deleteForAccount(accountId);
    if (keep !== undefined) {
      // Re-created with today's date so it survives the account's new sessionsValidAfter.
      const now = clock.now();
      await store.sessions.create({ ...keep, createdAt: now, lastSeenAt: now, expiresAt: now + ctx.sessionTtlMs });
    }
    ctx.revocations.emit({ kind: 'user', id: accountId });
    return keep === undefined ? ended : Math.max(0, ended - 1);
  }

  async function signOut(sessionId: string, ip?: string): Promise<void> {
    const session = await store.sessions.get(sessionId);
    if (!session) return;
    await store.sessions.delete(sessionId);
    await ctx.audit.record({ actor: session.accountId, action: 'sign-out', target: session.accountId, ...from(ip) });
    ctx.revocations.emit({ kind: 'user', id: session.accountId, sessionId });
  }

  async function signOutEverywhere(accountId: string, ip?: string): Promise<void> {
    await ctx.serial(recordKey.account(accountId), async () => {
      const account = await store.accounts.get(accountId);
      if (!account) throw new AccessError('not-found', 'no such account', 'id');
      await store.accounts.update({ ...account, sessionsValidAfter: clock.now() });
      const sessions = await endAll(accountId);
      await ctx.audit.record({
        actor: accountId, action: 'sign-out-everywhere', target: accountId, ...from(ip), detail: { sessions },
      });
    });
  }

  async function sessionCsrfToken(sessionToken: string): Promise<string | null> {
    const found = await resolve(sessionToken);
    return found === null ? null : found.session.csrfToken;
  }

  return { start, resolve, endAll, signOut, signOutEverywhere, sessionCsrfToken };
}
