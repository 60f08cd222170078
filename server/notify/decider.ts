/**
 * From alerts to outbox rows: who is told (routing/decide.ts, pure) and what they are
 * sent (the message, its acknowledge link), written in one transaction before anything
 * is sent. Re-deciding the same alert is harmless: the ids are the same, so nothing new
 * is written (this is what makes a restart after a crash safe).
 */
import type { Logger } from 'pino';
import type { AccountView } from '../../shared/access.js';
import { withoutCallId } from '../../shared/alert-titles.js';
import type { Alert } from '../../shared/alerts.js';
import type { NotificationMessage, NotifySettings } from '../../shared/notify.js';
import { createLogThrottle } from '../ops/log-throttle.js';
import { signAckToken } from './ack/token.js';
import type { RoutingRecipient } from './routing/audience.js';
import { route, type Decision } from './routing/decide.js';
import type { ConfigTables } from './store/config-tables.js';
import type { AckTokenRow, NewOutboxRow, Outbox } from './store/outbox.js';

export interface AccountDirectory {
  listAccounts(): Promise<AccountView[]>;
}

export interface DeciderOptions {
  tables: ConfigTables;
  outbox: Outbox;
  accounts: AccountDirectory;
  ackKey: string;
  settings: NotifySettings;
  publicUrl(): string;
  timeZone(): string;
  clock: { now(): number };
  logger: Logger;
}

/**
 * Recipients told nothing because the account they name is missing or disabled (a typo in
 * the notifications file, an account since removed): said in the log, since otherwise a
 * lead is simply never alerted.
 */
export function recipientsWithoutAccount(recipients: readonly RoutingRecipient[]): Array<{ recipient: string; account: string }> {
  return recipients.filter((r) => r.enabled && r.holder === undefined).map((r) => ({ recipient: r.id, account: r.account }));
}

/** A recipient without its account is said at most this often while alerts pass it by. */
const NO_ACCOUNT_WARNING_EVERY_MS = 3_600_000;

/** The recipients with what their accounts say now (role, teams; none when missing or disabled). */
export async function routingRecipients(tables: ConfigTables, accounts: AccountDirectory): Promise<RoutingRecipient[]> {
  const byName = new Map((await accounts.listAccounts()).map((a) => [a.username.toLowerCase(), a]));
  return tables.recipients.list().map(({ config }) => {
    const a = byName.get(config.account.toLowerCase());
    return a === undefined || a.disabled
      ? { ...config }
      : { ...config, holder: { accountId: a.id, username: a.username, role: a.role, teams: a.teams } };
  });
}

export function alertUrl(publicUrl: string, alertId: string): string {
  return `${publicUrl}/alerts?alert=${encodeURIComponent(alertId)}`;
}

/** The alert's title code and figures, without the call's id (a message names no call). */
function titleOf(alert: Alert): Pick<NotificationMessage['alert'], 'titleCode' | 'titleParams'> {
  if (alert.titleCode === undefined) return {};
  return { titleCode: alert.titleCode, titleParams: withoutCallId(alert.titleParams ?? {}) };
}

/** The message of one decision: only what may travel (never `sensitive`, never the title's English). */
export function messageFor(alert: Alert, d: Decision, recipient: RoutingRecipient, publicUrl: string, ack?: { url: string; expiresAt: number }): NotificationMessage {
  return {
    id: d.id,
    type: d.type,
    language: recipient.language,
    alert: {
      id: alert.id,
      rule: alert.rule,
      article: alert.article,
      severity: alert.severity,
      level: d.level,
      ...titleOf(alert),
      subject: {
        kind: alert.subject.kind,
        ...(alert.agentId !== undefined && { agentId: alert.agentId }),
        ...(alert.teamId !== undefined && { teamId: alert.teamId }),
        ...(alert.queue !== undefined && { queue: alert.queue }),
      },
      openedAt: alert.openedAt,
      url: alertUrl(publicUrl, alert.id),
    },
    recipient: { id: recipient.id, name: recipient.name },
    ...(ack !== undefined && { acknowledge: ack }),
  };
}

export function createDecider(o: DeciderOptions) {
  const noAccount = createLogThrottle({ everyMs: NO_ACCOUNT_WARNING_EVERY_MS, now: o.clock.now });
  /** Decides for these alerts (any status: only open ones tell anybody); returns the ids written. */
  async function decide(alerts: readonly Alert[]): Promise<string[]> {
    const open = alerts.filter((a) => a.status === 'open');
    if (open.length === 0) return [];
    const routes = o.tables.routes.list().map((r) => r.config);
    if (routes.length === 0) return [];
    const recipients = await routingRecipients(o.tables, o.accounts);
    const byId = new Map(recipients.map((r) => [r.id, r]));
    const channels = new Set(o.tables.channels.list().filter((c) => c.config.enabled).map((c) => c.config.id));
    const now = o.clock.now();
    const publicUrl = o.publicUrl();
    const rows: NewOutboxRow[] = [];
    const tokens: AckTokenRow[] = [];
    for (const alert of open) {
      const { decisions, skipped } = route(alert, {
        routes, recipients, channels, now, timeZone: o.timeZone(),
        dedupeWindowMs: o.settings.dedupeWindowMinutes * 60_000,
        lastNotifiedAt: (key, alertId) => o.outbox.lastNotifiedAt(key, alertId),
      });
      for (const s of skipped) {
        if (s.reason === 'no-account' && noAccount.pass(s.recipientId) !== undefined) {
          o.logger.warn({ alert: alert.id, recipient: s.recipientId, account: byId.get(s.recipientId)?.account }, 'notification not sent: the recipient\'s account does not exist or is disabled');
        } else {
          o.logger.debug({ alert: alert.id, recipient: s.recipientId, reason: s.reason }, 'notification not sent');
        }
      }
      for (const d of decisions) {
        if (o.outbox.has(d.id)) continue;
        const recipient = byId.get(d.recipientId)!;
        const expiresAt = now + o.settings.ackLinkMinutes * 60_000;
        const token = signAckToken(o.ackKey, { delivery: d.id, alertId: alert.id, account: recipient.account, expiresAt });
        const ack = { url: `${publicUrl}/ack/${token}`, expiresAt };
        rows.push({
          id: d.id, type: d.type, alertId: alert.id, rule: alert.rule, severity: alert.severity, level: d.level,
          recipientId: d.recipientId, channelId: d.channelId, dedupeKey: d.dedupeKey,
          message: messageFor(alert, d, recipient, publicUrl, ack), createdAt: now, nextAttemptAt: now,
          ...(d.to !== undefined && { to: d.to }),
        });
        tokens.push({ id: d.id, alertId: alert.id, account: recipient.account, language: recipient.language, expiresAt });
      }
    }
    if (rows.length === 0) return [];
    const added = o.outbox.insert(rows, tokens);
    if (added.length > 0) o.logger.info({ notifications: added }, 'notifications decided');
    return added;
  }
  return { decide };
}
