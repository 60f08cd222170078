/**
 * What the admin page does besides configuration: send a test message through a channel
 * (at once, with the outcome shown: never the receiver's answer itself, channels/http-post.ts), list the deliveries and the dead letters,
 * send a dead letter again, read per-channel health. All of it audited.
 */
import { randomUUID } from 'node:crypto';
import {
  deliveryQuery, testMessageInput, type ChannelHealth, type DeliveryView, type NotificationMessage, type TestMessageResult,
} from '../../../shared/notify.js';
import { RULE_INFO } from '../../../shared/rules.js';
import type { Auditor } from '../../http/command-handlers.js';
import { deliver } from '../channels/index.js';
import { DeliveryError, type ChannelDeps } from '../channels/types.js';
import type { ConfigTables } from '../store/config-tables.js';
import type { HealthTable } from '../store/health.js';
import type { Outbox, OutboxRow } from '../store/outbox.js';
import type { Actor } from './config-admin.js';
import { NotifyInputError, zodProblem } from './errors.js';

export interface OperationsOptions {
  tables: ConfigTables;
  outbox: Outbox;
  health: HealthTable;
  clock: { now(): number };
  audit: Auditor;
  deps: ChannelDeps;
  publicUrl(): string;
  /** Deliver what was just made due (the sender's wake-up). */
  wake(): void;
}

export function deliveryView(row: OutboxRow, recipientName: string): DeliveryView {
  return {
    id: row.id, type: row.type, alertId: row.alertId, rule: row.rule, article: RULE_INFO[row.rule].article,
    severity: row.severity, level: row.level, recipientId: row.recipientId, recipientName, channelId: row.channelId,
    status: row.status, attempts: row.attempts, createdAt: row.createdAt, updatedAt: row.updatedAt,
    ...(row.nextAttemptAt !== undefined && row.status === 'pending' && { nextAttemptAt: row.nextAttemptAt }),
    ...(row.sentAt !== undefined && { sentAt: row.sentAt }),
    ...(row.lastError !== undefined && { lastError: row.lastError }),
  };
}

export function createOperations(o: OperationsOptions) {
  const names = () => new Map(o.tables.recipients.list().map((r) => [r.config.id, r.config.name]));

  return {
    async sendTest(channelId: string, input: unknown, actor: Actor & { name: string }): Promise<TestMessageResult> {
      const channel = o.tables.channels.get(channelId)?.config;
      if (channel === undefined) throw new NotifyInputError(404, `there is no channel "${channelId}"`);
      const parsed = testMessageInput.safeParse(input ?? {});
      if (!parsed.success) throw zodProblem(parsed.error.issues as never);
      const recipient = parsed.data.recipient === undefined ? undefined : o.tables.recipients.get(parsed.data.recipient)?.config;
      if (parsed.data.recipient !== undefined && recipient === undefined) throw new NotifyInputError(400, `invalid recipient: there is no recipient "${parsed.data.recipient}"`, 'recipient');
      const to = parsed.data.to ?? recipient?.contacts.find((c) => c.channel === channelId)?.to;
      const now = o.clock.now();
      const message: NotificationMessage = {
        id: `test-${randomUUID()}`,
        type: 'test',
        language: parsed.data.language ?? recipient?.language ?? 'zh-CN',
        alert: {
          id: 'test', rule: 'urgent-escalation', article: RULE_INFO['urgent-escalation'].article, severity: 'info', level: 'lead',
          subject: { kind: 'floor' }, openedAt: now, url: `${o.publicUrl()}/alerts`,
        },
        recipient: { id: recipient?.id ?? 'test', name: recipient?.name ?? actor.name },
      };
      let error: string | undefined;
      try {
        await deliver(channel, { message, ...(to !== undefined && { to }), now }, o.deps);
      } catch (err) {
        error = err instanceof DeliveryError ? err.message : String((err as Error).message ?? err);
      }
      const done = o.clock.now();
      if (error === undefined) o.health.success(channelId, done, false);
      else o.health.failure(channelId, done, error, false, false);
      await o.audit.record({
        actor: actor.id, action: 'notify-test-sent', target: channelId, ...(actor.ip !== undefined && { ip: actor.ip }),
        detail: { ok: error === undefined, ...(error !== undefined && { error }), ...(recipient !== undefined && { recipient: recipient.id }) },
      });
      return { ok: error === undefined, ...(error !== undefined && { error }), ms: done - now };
    },

    deliveries(query: unknown): DeliveryView[] {
      const parsed = deliveryQuery.safeParse(query);
      if (!parsed.success) throw zodProblem(parsed.error.issues as never);
      const n = names();
      return o.outbox.list(parsed.data).map((r) => deliveryView(r, n.get(r.recipientId) ?? r.recipientId));
    },

    async resend(id: string, actor: Actor): Promise<DeliveryView> {
      const row = o.outbox.get(id);
      if (row === undefined) throw new NotifyInputError(404, `there is no notification "${id}"`);
      if (!o.outbox.resend(id, o.clock.now())) throw new NotifyInputError(409, `notification "${id}" is ${row.status}, not a dead letter`);
      await o.audit.record({
        actor: actor.id, action: 'notify-resent', target: id, ...(actor.ip !== undefined && { ip: actor.ip }),
        detail: { alertId: row.alertId, channel: row.channelId, recipient: row.recipientId, lastError: row.lastError },
      });
      o.wake();
      return deliveryView(o.outbox.get(id)!, names().get(row.recipientId) ?? row.recipientId);
    },

    health(): ChannelHealth[] {
      return o.tables.channels.list().map((c) => o.health.get(c.config.id));
    },
  };
}

export type Operations = ReturnType<typeof createOperations>;
