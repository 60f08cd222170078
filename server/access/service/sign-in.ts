/**
 * Signing in. An unknown username and a wrong password get the same answer, after the same
 * work (a scrypt verification against a dummy hash), so neither the text nor the timing
 * tells a guesser which usernames exist. Failures are counted per account and lock it for
 * a while; a disabled account is refused with the same answer, after the password check.
 */
import type { Me } from '../../../shared/access.js';
import { hashPassword, verifyPassword } from '../passwords.js';
import { randomToken } from '../tokens.js';
import { from, recordKey, type AccessContext } from './context.js';
import { afterFailure, PhantomLockouts, type FailureState } from './lockout.js';
import type { SessionsInternals } from './sessions.js';
import { isLocked, userMe } from './views.js';

export type SignInResult =
  | { ok: true; sessionToken: string; csrfToken: string; sessionId: string; me: Me }
  | { ok: false; reason: 'invalid' | 'locked'; retryAfterMs?: number };

export interface SignInArea {
  signIn(username: string, password: string, ip?: string): Promise<SignInResult>;
}

const INVALID: SignInResult = { ok: false, reason: 'invalid' };
const locked = (retryAfterMs: number): SignInResult => ({ ok: false, reason: 'locked', retryAfterMs: Math.max(0, retryAfterMs) });

export function createSignIn(ctx: AccessContext, sessions: SessionsInternals): SignInArea {
  const { store, clock, audit, lockout } = ctx;
  const phantoms = new PhantomLockouts();
  let dummy: Promise<string> | undefined;
  /** Same parameters as real hashes, so an unknown user costs the same time as a known one. */
  const dummyHash = (): Promise<string> => (dummy ??= hashPassword(randomToken(), ctx.passwordParams));

  async function signIn(username: string, password: string, ip?: string): Promise<SignInResult> {
    const name = username.trim().toLowerCase();
    const account = name === '' ? null : await store.accounts.byUsername(name);
    // One attempt at a time per name: parallel guesses would otherwise all read "0 failures".
    if (!account) return ctx.serial(`unknown:${name}`, () => unknownUser(name, password, ip));
    return ctx.serial(recordKey.account(account.id), () => attempt(account.id, password, ip));
  }

  async function attempt(accountId: string, password: string, ip: string | undefined): Promise<SignInResult> {
    const now = clock.now();
    const account = await store.accounts.get(accountId);
    if (!account) return INVALID;
    const failed = (reason: string, extra: Record<string, unknown> = {}) => audit.record({
      actor: accountId, action: 'sign-in-failed', target: accountId, ...from(ip), detail: { reason, ...extra },
    });

    if (isLocked(account, now)) {
      await failed('locked');
      return locked(account.lockedUntil! - now);
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      const next = afterFailure(account, now, lockout);
      await store.accounts.update({ ...account, ...next });
      await failed('wrong-password', next.lockedUntil === undefined ? {} : { lockedUntil: next.lockedUntil });
      if (next.lockedUntil === undefined) return INVALID;
      ctx.logger.warn({ accountId }, 'account locked after repeated failed sign-ins');
      return locked(next.lockedUntil - now);
    }
    if (account.disabled) {
      await failed('disabled');
      return INVALID;
    }

    await store.accounts.update({ ...account, failedSignIns: 0, lockedUntil: undefined, lastSignInAt: now });
    // Expired sessions are swept here rather than on a timer: sign-ins are when they pile up.
    await store.sessions.prune(now);
    const started = await sessions.start(accountId, ip);
    const me = userMe(account, now, ctx.passwordMaxAgeMs);
    await audit.record({
      actor: accountId, action: 'sign-in', target: accountId, ...from(ip),
      detail: { mustChangePassword: me.mustChangePassword },
    });
    return { ok: true, ...started, me };
  }

  async function unknownUser(name: string, password: string, ip: string | undefined): Promise<SignInResult> {
    const now = clock.now();
    const state: FailureState = phantoms.get(name);
    // The typed name is not recorded: people type their password into the username field.
    const failed = () => audit.record({ actor: 'anonymous', action: 'sign-in-failed', ...from(ip), detail: { reason: 'unknown-user' } });
    if (isLocked(state, now)) {
      await failed();
      return locked(state.lockedUntil! - now);
    }
    await verifyPassword(password, await dummyHash());
    const next = afterFailure(state, now, lockout);
    phantoms.set(name, next);
    await failed();
    return next.lockedUntil === undefined ? INVALID : locked(next.lockedUntil - now);
  }

  return { signIn };
}
