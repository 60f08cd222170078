/**
 * Acknowledging from the link in a message. The link names one recipient's account and one
 * alert, is signed, expires, and works once (consumed by a conditional UPDATE: of two taps
 * at once, one wins). But the link alone is no credential: whoever configures a recipient
 * chooses its account and its channel, so may receive another account's links. A link acts
 * only for the person signed in, in that browser, as the account it was sent to: signed out,
 * the page asks them to sign in first; signed in as someone else, it is refused. The
 * acknowledgement then goes through the same command handler as the alert desk's, as that
 * session's viewer: the same permission check (a lead only for their teams), the same audit
 * entry naming the person signed in, `acknowledgedBy` their username.
 *
 * Opening the link (GET) changes nothing, so a chat app previewing it cannot use it up.
 */
import type { Logger } from 'pino';
import type { AccountView } from '../../../shared/access.js';
import type { Alert } from '../../../shared/alerts.js';
import type { NotifyLanguage } from '../../../shared/notify.js';
import { problem, type Problem } from '../../../shared/problems.js';
import { mayCommand } from '../../access/permissions.js';
import type { Viewer } from '../../access/principal.js';
import type { Auditor, CommandHandlers } from '../../http/command-handlers.js';
import type { FloorService } from '../../floor/types.js';
import type { AccountDirectory } from '../decider.js';
import type { Outbox } from '../store/outbox.js';
import { readAckToken } from './token.js';

export type AckRefusal =
  | 'tampered' | 'used' | 'expired' | 'no-account' | 'not-open'
  // Who is using the link: nobody signed in, someone else, a password to change first, a form from before the session changed.
  | 'sign-in' | 'other-account' | 'change-password' | 'stale-page'
  | 'forbidden';

/** A person signed in (a session cookie), as the command handlers know them. */
export type SignedIn = Extract<Viewer, { kind: 'user' }>;

/** Who is using the link: the person signed in on that browser (null: nobody), and whether the page's form is theirs. */
export interface AckUser {
  person: SignedIn | null;
  /** The POST carried the session's own CSRF token (the confirmation page's form). */
  formValid?: boolean;
}

export type AckCheck =
  | { ok: true; language: NotifyLanguage; alert: Alert; account: AccountView; person: SignedIn; delivery: string; expiresAt: number }
  | {
    ok: false; reason: AckRefusal; language: NotifyLanguage; problem: Problem;
    alert?: Alert; account?: AccountView; person?: SignedIn;
  };

export type AckRefused = Extract<AckCheck, { ok: false }>;

export interface AckServiceOptions {
  outbox: Outbox;
  ackKey: string;
  accounts: AccountDirectory;
  floor: Pick<FloorService, 'liveAlert'>;
  commands: Pick<CommandHandlers, 'acknowledgeAlert'>;
  audit: Auditor;
  clock: { now(): number };
  logger: Logger;
}

/** Who, of the people signed in, may use a valid link to an open alert: only its own account, in good standing. */
function personRefusal(person: SignedIn, account: AccountView): Pick<AckRefused, 'reason' | 'problem'> | undefined {
  if (person.id !== account.id) {
    return { reason: 'other-account', problem: problem('ackLinkOtherAccount', { account: account.username, signedIn: person.username }) };
  }
  if (person.mustChangePassword) return { reason: 'change-password', problem: problem('changePasswordFirst') };
  return undefined;
}

export function createAckService(o: AckServiceOptions) {
  const findAccount = async (username: string): Promise<AccountView | undefined> =>
    (await o.accounts.listAccounts()).find((a) => a.username.toLowerCase() === username.toLowerCase());

  /** Everything that can be checked without using the link up. */
  async function check(token: string, { person }: AckUser): Promise<AckCheck> {
    const claims = readAckToken(o.ackKey, token);
    const row = claims === undefined ? undefined : o.outbox.ackToken(claims.delivery);
    if (claims === undefined || row === undefined || row.alertId !== claims.alertId || row.account !== claims.account || row.expiresAt !== claims.expiresAt) {
      return { ok: false, reason: 'tampered', language: 'zh-CN', problem: problem('ackLinkInvalid') };
    }
    const language = row.language;
    if (row.usedAt !== undefined) return { ok: false, reason: 'used', language, problem: problem('ackLinkUsed') };
    if (o.clock.now() >= row.expiresAt) return { ok: false, reason: 'expired', language, problem: problem('ackLinkExpired') };
    const account = await findAccount(row.account);
    if (account === undefined || account.disabled) {
      return { ok: false, reason: 'no-account', language, problem: problem('ackLinkAccountGone', { account: row.account }) };
    }
    const alert = o.floor.liveAlert(row.alertId);
    if (alert === undefined || alert.status !== 'open') {
      return { ok: false, reason: 'not-open', language, problem: problem('alertNotOpen', { alertId: row.alertId }), ...(alert && { alert }), account };
    }
    // Signed out: the page shows the alert and whom to sign in as.
    if (person === null) return { ok: false, reason: 'sign-in', language, problem: problem('signInRequired'), alert, account };
    const refusal = personRefusal(person, account);
    if (refusal !== undefined) return { ok: false, ...refusal, language, alert, account, person };
    const permission = mayCommand(person, 'alert.acknowledge', alert.teamId);
    if (!permission.ok) {
      const { ok: _ok, ...why } = permission;
      return { ok: false, reason: 'forbidden', language, problem: why, alert, account, person };
    }
    return { ok: true, language, alert, account, person, delivery: row.id, expiresAt: row.expiresAt };
  }

  /** The refusal in the audit log, by the person who tried (or anonymous), naming the link's account. */
  async function refused(c: AckRefused, token: string, user: AckUser, ip: string | undefined): Promise<void> {
    const claims = readAckToken(o.ackKey, token);
    await o.audit.record({
      actor: user.person?.id ?? 'anonymous', action: 'notify-ack-link-refused', ...(claims && { target: claims.alertId }),
      ...(ip !== undefined && { ip }),
      detail: { reason: c.reason, ...(claims && { delivery: claims.delivery, account: claims.account }) },
    });
  }

  return {
    check,

    /** Uses the link: acknowledges the alert as the person signed in (its own account), or says why not. */
    async acknowledge(token: string, user: AckUser, ip: string | undefined): Promise<AckCheck> {
      let c = await check(token, user);
      // A form that does not carry the session's token was not this session's page (or the session changed since).
      if (c.ok && user.formValid !== true) {
        const { language, alert, account, person } = c;
        c = { ok: false, reason: 'stale-page', language, problem: problem('ackLinkPageStale'), alert, account, person };
      }
      if (!c.ok) {
        await refused(c, token, user, ip);
        return c;
      }
      if (!o.outbox.consumeAckToken(c.delivery, o.clock.now(), ip)) {
        // Another tap got there first, or the link expired a moment ago.
        const again = await check(token, user);
        const refusal: AckRefused = again.ok ? { ok: false, reason: 'used', language: c.language, problem: problem('ackLinkUsed') } : again;
        await refused(refusal, token, user, ip);
        return refusal;
      }
      const { language, account, person } = c;
      const outcome = await o.commands.acknowledgeAlert({ alertId: c.alert.id, note: 'acknowledged from the notification link' }, { viewer: person, ...(ip !== undefined && { ip }) });
      if (outcome.status !== 'done' || !outcome.result.ok) {
        o.logger.info({ alert: c.alert.id, status: outcome.status }, 'acknowledgement from a notification link refused');
        const why: Problem = outcome.result.ok || outcome.result.code === undefined
          ? problem('alertNotOpen', { alertId: c.alert.id })
          : { error: outcome.result.error, code: outcome.result.code, ...(outcome.result.params && { params: outcome.result.params }) };
        return { ok: false, reason: outcome.status === 'forbidden' ? 'forbidden' : 'not-open', language, problem: why, account, person };
      }
      o.logger.info({ alert: c.alert.id, account: person.id }, 'alert acknowledged from a notification link');
      return { ...c, alert: outcome.result.value };
    },
  };
}

export type AckService = ReturnType<typeof createAckService>;
