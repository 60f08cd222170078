/**
 * A user changes their own password (policy article 100: changed regularly, never the
 * initial one, never a simple one). The rules are passwords.ts's; this adds what only the
 * account knows: its username and name, its earlier hashes, and, while it still has one,
 * its initial password. A change ends the account's other sessions.
 */
import type { Me } from '../../../shared/access.js';
import { hashPassword, passwordProblems, verifyPassword } from '../passwords.js';
import { PASSWORD_PROBLEMS } from '../../../shared/password-problems.js';
import type { AccountRecord } from '../types.js';
import { from, recordKey, type AccessContext } from './context.js';
import { AccessError } from './errors.js';
import { afterFailure } from './lockout.js';
import type { SessionsInternals } from './sessions.js';
import { historyOf, isLocked, PASSWORD_HISTORY, userMe } from './views.js';

export type ChangePasswordResult = { ok: true; me: Me } | { ok: false; problems: string[] };

export interface ChangePasswordOptions {
  /** The session the change was made from: it stays signed in (all others end). */
  keepSessionId?: string;
  ip?: string;
}

export interface PasswordChangeArea {
  changePassword(accountId: string, current: string, next: string, options?: ChangePasswordOptions): Promise<ChangePasswordResult>;
}

export const WRONG_CURRENT_PASSWORD = PASSWORD_PROBLEMS.wrongCurrent;
export const TOO_MANY_ATTEMPTS = PASSWORD_PROBLEMS.tooManyAttempts;

export function createPasswordChange(ctx: AccessContext, sessions: SessionsInternals): PasswordChangeArea {
  const { store, clock, audit } = ctx;

  async function changePassword(
    accountId: string, current: string, next: string, { keepSessionId, ip }: ChangePasswordOptions = {},
  ): Promise<ChangePasswordResult> {
    return ctx.serial(recordKey.account(accountId), async () => {
      const now = clock.now();
      const account = await store.accounts.get(accountId);
      if (!account || account.disabled) throw new AccessError('not-found', 'no such account', 'id');
      const refused = async (reason: string, problems: string[]): Promise<ChangePasswordResult> => {
        await audit.record({
          actor: accountId, action: 'password-change-failed', target: accountId, ...from(ip), detail: { reason, problems },
        });
        return { ok: false, problems };
      };

      // A stolen session must not become a way to guess the password: the sign-in lockout applies.
      if (isLocked(account, now)) return refused('locked', [TOO_MANY_ATTEMPTS]);
      if (!(await verifyPassword(current, account.passwordHash))) {
        const state = afterFailure(account, now, ctx.lockout);
        await store.accounts.update({ ...account, ...state });
        return refused('wrong-current-password', [state.lockedUntil === undefined ? WRONG_CURRENT_PASSWORD : TOO_MANY_ATTEMPTS]);
      }

      const history = historyOf(account);
      const problems = await passwordProblems(next, {
        username: account.username,
        name: account.name,
        previousHashes: [account.passwordHash, ...history],
        // Until the first change, the current password is the one-time (initial) one.
        ...(account.mustChangePassword && { initialPassword: current }),
      });
      if (problems.length > 0) return refused('rules', problems);

      const keep = keepSessionId === undefined ? null : await store.sessions.get(keepSessionId);
      const updated: AccountRecord = {
        ...account,
        passwordHash: await hashPassword(next, ctx.passwordParams),
        previousPasswordHashes: [account.passwordHash, ...history].slice(0, PASSWORD_HISTORY),
        passwordChangedAt: now,
        mustChangePassword: false,
        failedSignIns: 0,
        lockedUntil: undefined,
        sessionsValidAfter: now,
      };
      await store.accounts.update(updated);
      const ended = await sessions.endAll(accountId, keep !== null && keep.accountId === accountId ? keep : undefined);
      await audit.record({
        actor: accountId, action: 'password-changed', target: accountId, ...from(ip), detail: { otherSessionsEnded: ended },
      });
      return { ok: true, me: userMe(updated, now, ctx.passwordMaxAgeMs) };
    });
  }

  return { changePassword };
}
