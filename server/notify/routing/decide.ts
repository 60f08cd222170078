/**
 * Routing, pure: an alert as it is now -> who is told, over which channel. Deterministic
 * (the same alert, configuration and time give the same decisions, with the same ids), so
 * deciding again after a crash makes the same outbox rows and nothing twice.
 *
 * Only open alerts are routed, at their current escalation level: the engine moves the
 * level on its timers (lead -> supervisor -> manager), and each level reaches its own
 * people. Acknowledged and resolved alerts tell nobody.
 */
import type { Alert } from '../../../shared/alerts.js';
import type { NotificationType, RouteConfig } from '../../../shared/notify.js';
import type { EscalationLevel } from '../../../shared/rules.js';
import { reachedAt, type RoutingRecipient } from './audience.js';
import { inQuietHours } from './quiet-hours.js';

export interface Decision {
  /** `alert:level:recipient:channel`: the same decision always has the same id. */
  id: string;
  type: Exclude<NotificationType, 'test'>;
  alertId: string;
  level: EscalationLevel;
  recipientId: string;
  channelId: string;
  to?: string;
  /** rule|subject|recipient: what the de-duplication window is about. */
  dedupeKey: string;
}

export type SkipReason = 'quiet-hours' | 'dedupe' | 'no-account' | 'no-channel';

export interface Skip {
  recipientId: string;
  reason: SkipReason;
}

export interface RoutingInput {
  routes: readonly RouteConfig[];
  recipients: readonly RoutingRecipient[];
  /** Ids of the channels that exist and are enabled. */
  channels: ReadonlySet<string>;
  now: number;
  /** The centre's time zone (quiet hours are local times). */
  timeZone: string;
  dedupeWindowMs: number;
  /**
   * When this rule|subject|recipient was last told about ANOTHER alert (a condition that
   * clears and comes back is a new alert; within the window it is not news). A read-only
   * lookup of the outbox.
   */
  lastNotifiedAt(dedupeKey: string, alertId: string): number | undefined;
}

export interface Routing {
  decisions: Decision[];
  skipped: Skip[];
}

export function deliveryId(alertId: string, level: EscalationLevel, recipientId: string, channelId: string): string {
  return `${alertId}:${level}:${recipientId}:${channelId}`;
}

function routeMatches(route: RouteConfig, alert: Alert): boolean {
  return route.enabled
    && (route.rules.length === 0 || route.rules.includes(alert.rule))
    && (route.severities.length === 0 || route.severities.includes(alert.severity))
    && (route.teams.length === 0 || (alert.teamId !== undefined && route.teams.includes(alert.teamId)))
    && route.levels.includes(alert.escalationLevel);
}

/** Escalated to this level (history says so), or opened there. */
function typeOf(alert: Alert): Decision['type'] {
  return alert.history.some((h) => h.action === 'escalated' && h.level === alert.escalationLevel) ? 'alert.escalated' : 'alert.opened';
}

export function route(alert: Alert, input: RoutingInput): Routing {
  const decisions = new Map<string, Decision>();
  const skipped = new Map<string, Skip>();
  if (alert.status !== 'open') return { decisions: [], skipped: [] };
  const level = alert.escalationLevel;
  const type = typeOf(alert);

  for (const r of input.routes) {
    if (!routeMatches(r, alert)) continue;
    for (const recipient of input.recipients) {
      if (r.recipients.length > 0 && !r.recipients.includes(recipient.id)) continue;
      if (!recipient.enabled) continue;
      if (recipient.holder === undefined) {
        skipped.set(recipient.id, { recipientId: recipient.id, reason: 'no-account' });
        continue;
      }
      if (!reachedAt(level, alert, recipient)) continue;
      const skip = (reason: SkipReason) => skipped.set(recipient.id, { recipientId: recipient.id, reason });
      const quiet = recipient.quietHours;
      if (quiet && inQuietHours(input.now, input.timeZone, quiet) && !(alert.severity === 'critical' && quiet.criticalBypass)) {
        skip('quiet-hours');
        continue;
      }
      const dedupeKey = `${alert.rule}|${alert.subject.kind}:${alert.subject.id}|${recipient.id}`;
      const last = input.lastNotifiedAt(dedupeKey, alert.id);
      if (last !== undefined && input.now - last < input.dedupeWindowMs) {
        skip('dedupe');
        continue;
      }
      const contacts = recipient.contacts.filter((c) => (r.channels.length === 0 || r.channels.includes(c.channel)) && input.channels.has(c.channel));
      if (contacts.length === 0) {
        skip('no-channel');
        continue;
      }
      for (const c of contacts) {
        const id = deliveryId(alert.id, level, recipient.id, c.channel);
        decisions.set(id, {
          id, type, alertId: alert.id, level, recipientId: recipient.id, channelId: c.channel, dedupeKey,
          ...(c.to !== undefined && { to: c.to }),
        });
      }
    }
  }
  // A recipient told through one route is not "skipped" because another route missed them.
  const told = new Set([...decisions.values()].map((d) => d.recipientId));
  return { decisions: [...decisions.values()], skipped: [...skipped.values()].filter((s) => !told.has(s.recipientId)) };
}
