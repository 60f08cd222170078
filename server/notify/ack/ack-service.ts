/**
 * Acknowledging from the link in a message, without signing in on the phone. The link is
 * the credential, so it is held to more than a signature: it is bound to one recipient's
 * account and one alert, expires, and works once (consumed by a conditional UPDATE: of two
 * taps at once, one wins). The acknowledgement itself goes through the same command
 * handler as the alert desk's, as that account: the same permission check (a lead only for
 * their teams), the same audit entry, `acknowledgedBy` the account's username.
 *
 * Opening the link (GET) changes nothing, so a chat app previewing it cannot use it up.
 */
import type { Logger } from 'pino';
import type { AccountView } from '../../../shared/access.js';
import type { Alert } from '../../../shared/alerts.js';
import type { NotifyLanguage } from '../../../shared/notify.js';
import { mayCommand } from '../../access/permissions.js';
import type { Viewer } from '../../access/principal.js';
import type { Auditor, CommandHandlers } from '../../http/command-handlers.js';
import type { FloorService } from '../../floor/types.js';
import type { AccountDirectory } from '../decider.js';
import type { Outbox } from '../store/outbox.js';
import { readAckToken } from './token.js';

export type AckRefusal = 'tampered' | 'used' | 'expired' | 'no-account' | 'forbidden' | 'not-open';

export type AckCheck =
  | { ok: true; language: NotifyLanguage; alert: Alert; account: AccountView; delivery: string; expiresAt: number }
  | { ok: false; reason: AckRefusal; language: NotifyLanguage; detail?: string; alert?: Alert };

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

/** The account as the command handlers know a signed-in person. */
function viewerOf(a: AccountView): Viewer {
  return { kind: 'user', id: a.id, username: a.username, name: a.name, role: a.role, teams: a.teams, mustChangePassword: false, sessionId: 'notification-link' };
}

export function createAckService(o: AckServiceOptions) {
  /** Everything that can be checked without using the link up. */
  async function check(token: string): Promise<AckCheck> {
    const claims = readAckToken(o.ackKey, token);
    const row = claims === undefined ? undefined : o.outbox.ackToken(claims.delivery);
    if (claims === undefined || row === undefined || row.alertId !== claims.alertId || row.account !== claims.account || row.expiresAt !== claims.expiresAt) {
      return { ok: false, reason: 'tampered', language: 'zh-CN' };
    }
    const language = row.language;
    if (row.usedAt !== undefined) return { ok: false, reason: 'used', language };
    if (o.clock.now() >= row.expiresAt) return { ok: false, reason: 'expired', language };
    const account = (await o.accounts.listAccounts()).find((a) => a.username.toLowerCase() === row.account.toLowerCase());
    if (account === undefined || account.disabled) return { ok: false, reason: 'no-account', language };
    const alert = o.floor.liveAlert(row.alertId);
    if (alert === undefined || alert.status !== 'open') return { ok: false, reason: 'not-open', language, ...(alert && { alert }) };
    const permission = mayCommand(viewerOf(account), 'alert.acknowledge', alert.teamId);
    if (!permission.ok) return { ok: false, reason: 'forbidden', language, detail: permission.error, alert };
    return { ok: true, language, alert, account, delivery: row.id, expiresAt: row.expiresAt };
  }

  async function refused(c: Extract<AckCheck, { ok: false }>, token: string, ip: string | undefined): Promise<void> {
    const claims = readAckToken(o.ackKey, token);
    const account = claims && (await o.accounts.listAccounts()).find((a) => a.username.toLowerCase() === claims.account.toLowerCase());
    await o.audit.record({
      actor: account?.id ?? 'anonymous', action: 'notify-ack-link-refused', ...(claims && { target: claims.alertId }),
      ...(ip !== undefined && { ip }), detail: { reason: c.reason, ...(claims && { delivery: claims.delivery }) },
    });
  }

  return {
    check,

    /** Uses the link: acknowledges the alert as the link's account, or says why not. */
    async acknowledge(token: string, ip: string | undefined): Promise<AckCheck> {
      const c = await check(token);
      if (!c.ok) {
        await refused(c, token, ip);
        return c;
      }
      if (!o.outbox.consumeAckToken(c.delivery, o.clock.now(), ip)) {
        // Another tap got there first, or the link expired a moment ago.
        const again = await check(token);
        const refusal = again.ok ? { ok: false as const, reason: 'used' as const, language: c.language } : again;
        await refused(refusal, token, ip);
        return refusal;
      }
      const language = c.language;
      const outcome = await o.commands.acknowledgeAlert({ alertId: c.alert.id, note: 'acknowledged from the notification link' }, { viewer: viewerOf(c.account), ...(ip !== undefined && { ip }) });
      if (outcome.status !== 'done' || !outcome.result.ok) {
        o.logger.info({ alert: c.alert.id, status: outcome.status }, 'acknowledgement from a notification link refused');
        const error = outcome.result.ok ? undefined : outcome.result.error;
        return { ok: false, reason: outcome.status === 'forbidden' ? 'forbidden' : 'not-open', language, ...(error !== undefined && { detail: error }) };
      }
      o.logger.info({ alert: c.alert.id, account: c.account.id }, 'alert acknowledged from a notification link');
      return { ...c, alert: outcome.result.value };
    },
  };
}

export type AckService = ReturnType<typeof createAckService>;
