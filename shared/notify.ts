/**
 * Alerts that reach shift leads wherever they are (articles 93-94: urgent matters reported
 * upward at once): the one contract of the notification channels, the people they reach,
 * the routing, the messages and their delivery. Shared by the server (validation at the
 * edge, the configuration file) and the admin page.
 *
 * Secrets (a webhook's HMAC secret, an SMTP password, the robot URLs, which carry their
 * access key) are never sent back as they are: a read returns them masked (`maskSecret`),
 * and an update that sends the masked value back keeps the stored one.
 */
import type { AlertTitleCode, AlertTitleParams } from './alert-titles.js';
import { z } from 'zod';
import { ESCALATION_LEVELS, RULE_IDS, SEVERITIES, type EscalationLevel, type RuleId, type Severity } from './rules.js';

export const CHANNEL_KINDS = ['webhook', 'smtp', 'wecom', 'dingtalk', 'feishu', 'slack', 'teams'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The languages messages are written in (the client's two). */
export const NOTIFY_LANGUAGES = ['zh-CN', 'en'] as const;
export type NotifyLanguage = (typeof NOTIFY_LANGUAGES)[number];

/** Ids are written in files and URLs: short, lower-case, no spaces. */
export const notifyId = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lower-case letters, digits, dot, dash and underscore, at most 64');

const httpUrl = z.url({ protocol: /^https?$/, error: 'an http:// or https:// address' }).max(2000);
const secret = z.string().min(8, 'at least 8 characters').max(500);
const name = z.string().trim().min(1).max(100);

/** Fields every channel has; `id` may be left out when creating (the server makes one). */
const common = {
  id: notifyId.optional(),
  name,
  enabled: z.boolean().default(true),
};

export const webhookChannel = z.strictObject({
  ...common,
  kind: z.literal('webhook'),
  url: httpUrl,
  /** HMAC-SHA256 key: the receiver checks `x-floorwatch-signature` with it (docs/notifications.md). */
  secret,
});

export const smtpChannel = z.strictObject({
  ...common,
  kind: z.literal('smtp'),
  host: z.string().trim().min(1).max(255),
  port: z.number().int().min(1).max(65535).default(587),
  /** implicit: TLS from the first byte (465); starttls: upgrade required (587); none: plain (a local relay). */
  tls: z.enum(['implicit', 'starttls', 'none']).default('starttls'),
  user: z.string().max(255).optional(),
  password: z.string().max(500).optional(),
  from: z.email().max(255),
  /** Off only for a relay with a self-signed certificate inside the centre. */
  rejectUnauthorized: z.boolean().default(true),
});

export const wecomChannel = z.strictObject({ ...common, kind: z.literal('wecom'), url: httpUrl });
export const dingtalkChannel = z.strictObject({
  ...common,
  kind: z.literal('dingtalk'),
  url: httpUrl,
  /** The robot's "加签" secret (SEC...): when set, every URL is signed with it. */
  secret: secret.optional(),
});
export const feishuChannel = z.strictObject({
  ...common,
  kind: z.literal('feishu'),
  url: httpUrl,
  /** The robot's signature check ("签名校验") secret: when set, every body carries `sign`. */
  secret: secret.optional(),
});
export const slackChannel = z.strictObject({ ...common, kind: z.literal('slack'), url: httpUrl });
export const teamsChannel = z.strictObject({ ...common, kind: z.literal('teams'), url: httpUrl });

export const channelInput = z.discriminatedUnion('kind', [
  webhookChannel, smtpChannel, wecomChannel, dingtalkChannel, feishuChannel, slackChannel, teamsChannel,
]);
export type ChannelInput = z.input<typeof channelInput>;
/** A stored channel: always with its id. */
export type ChannelConfig = z.output<typeof channelInput> & { id: string };

/** The fields of each kind that are secrets (masked on read). */
export const SECRET_FIELDS: Record<ChannelKind, readonly string[]> = {
  webhook: ['secret'],
  smtp: ['password'],
  wecom: ['url'],
  dingtalk: ['url', 'secret'],
  feishu: ['url', 'secret'],
  slack: ['url'],
  teams: ['url'],
};

const MASK = '••••';

/**
 * What a secret looks like read back: enough to recognise it (a URL's host, the last four
 * characters), never enough to use it.
 */
export function maskSecret(value: string): string {
  const tail = value.length > 12 ? value.slice(-4) : '';
  try {
    const url = new URL(value);
    return `${url.protocol}//${url.host}/${MASK}${tail}`;
  } catch {
    return `${MASK}${tail}`;
  }
}

export function isMasked(value: string): boolean {
  return value.includes(MASK);
}

export type ChannelSource = 'file' | 'ui';

/** A channel as the admin page reads it: secrets masked, with where it came from and how it is doing. */
export type ChannelView = ChannelConfig & { source: ChannelSource; updatedAt: number; health: ChannelHealth };

export interface ChannelHealth {
  channelId: string;
  sent: number;
  /** Failed attempts (each retry that failed counts). */
  failed: number;
  /** Attempts after the first. */
  retried: number;
  /** Notifications given up on (now on the dead-letter list). */
  dead: number;
  consecutiveFailures: number;
  lastSuccessAt?: number;
  lastFailureAt?: number;
  lastError?: string;
}

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day like 22:00');

export const quietHoursInput = z.strictObject({
  /** Centre-local time (the rules file's timezone); `from` after `to` spans midnight. */
  from: timeOfDay,
  to: timeOfDay,
  /** Critical alerts still go out during quiet hours (default: yes). */
  criticalBypass: z.boolean().default(true),
});

export const contactInput = z.strictObject({
  channel: notifyId,
  /**
   * E-mail: the address (required). Robots: a mobile number or user id to @mention in the
   * group. Webhook, Slack, Teams: not used.
   */
  to: z.string().trim().min(1).max(255).optional(),
});

export const recipientInput = z.strictObject({
  id: notifyId.optional(),
  name,
  /**
   * The Floorwatch account (username) this person signs in with. Their role and teams
   * decide which alerts reach them (a lead: their teams' alerts at the lead level), and the
   * acknowledge link in a message acts as this account.
   */
  account: z.string().trim().min(1).max(64),
  language: z.enum(NOTIFY_LANGUAGES).default('zh-CN'),
  contacts: z.array(contactInput).min(1, 'at least one way to reach them').max(20),
  quietHours: quietHoursInput.optional(),
  enabled: z.boolean().default(true),
});
export type RecipientInput = z.input<typeof recipientInput>;
export type RecipientConfig = z.output<typeof recipientInput> & { id: string };
export type RecipientView = RecipientConfig & { source: ChannelSource; updatedAt: number };

export const routeInput = z.strictObject({
  id: notifyId.optional(),
  name: name.optional(),
  /** Rules this route is for; empty: every rule. */
  rules: z.array(z.enum(RULE_IDS)).max(RULE_IDS.length).default([]),
  /** Severities; empty: every severity. */
  severities: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).default([]),
  /** Only alerts of these teams; empty: every team (and alerts of no team). */
  teams: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  /** At which escalation steps people are told (each level reaches its own people). */
  levels: z.array(z.enum(ESCALATION_LEVELS)).min(1).max(ESCALATION_LEVELS.length).default(['lead', 'supervisor', 'manager']),
  /** Only these channels of each recipient; empty: all their contacts. */
  channels: z.array(notifyId).max(50).default([]),
  /** Only these recipients (still by level); empty: everyone the level reaches. */
  recipients: z.array(notifyId).max(200).default([]),
  enabled: z.boolean().default(true),
});
export type RouteInput = z.input<typeof routeInput>;
export type RouteConfig = z.output<typeof routeInput> & { id: string };
export type RouteView = RouteConfig & { source: ChannelSource; updatedAt: number };

/** Settings of the configuration file (and flags); read-only on the admin page. */
export const notifySettingsSchema = z.strictObject({
  /** The address people's phones open (links in messages); default: the server's own. */
  publicUrl: httpUrl.optional(),
  /** The same rule, subject and recipient are told at most once in this window. */
  dedupeWindowMinutes: z.number().min(0).max(24 * 60).default(10),
  /** How long an acknowledge link works. */
  ackLinkMinutes: z.number().positive().max(7 * 24 * 60).default(30),
  delivery: z.strictObject({
    /** Tries in all, the first included; after the last the notification is a dead letter. */
    maxAttempts: z.number().int().min(1).max(50).default(6),
    baseDelaySeconds: z.number().positive().max(3600).default(5),
    maxDelaySeconds: z.number().positive().max(24 * 3600).default(600),
  }).prefault({}),
});
export type NotifySettings = z.output<typeof notifySettingsSchema>;

/** The `notifications` YAML file: settings, then the channels, people and routes it provides. */
export const notifyFileSchema = notifySettingsSchema.extend({
  channels: z.array(channelInput).max(200).default([]),
  recipients: z.array(recipientInput).max(2000).default([]),
  routes: z.array(routeInput).max(500).default([]),
});
export type NotifyFile = z.output<typeof notifyFileSchema>;

export type NotificationType = 'alert.opened' | 'alert.escalated' | 'test';

/**
 * What a message says, whatever the channel: never a customer number, a name or what was
 * said on the call (an alert's `sensitive` and `title` never get here); the subject is the
 * agent number and team, or the queue.
 */
export interface NotificationMessage {
  /** The delivery's id (deterministic: alert, level, recipient, channel): receivers de-duplicate on it. */
  id: string;
  type: NotificationType;
  language: NotifyLanguage;
  alert: {
    id: string;
    rule: RuleId;
    article: string;
    severity: Severity;
    level: EscalationLevel;
    /**
     * What happened, as the alert's title code and its figures (shared/alert-titles.ts),
     * without a call id; absent for an alert without a code. Never the English title.
     */
    titleCode?: AlertTitleCode;
    titleParams?: AlertTitleParams;
    subject: { kind: 'call' | 'agent' | 'queue' | 'floor'; agentId?: string; teamId?: string; queue?: string };
    openedAt: number;
    /** The alert on the wallboard. */
    url: string;
  };
  recipient: { id: string; name: string };
  /** The one-tap acknowledgement for this recipient (absent on test messages). */
  acknowledge?: { url: string; expiresAt: number };
}

export const DELIVERY_STATUSES = ['pending', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface DeliveryView {
  id: string;
  type: NotificationType;
  alertId: string;
  rule: RuleId;
  article: string;
  severity: Severity;
  level: EscalationLevel;
  recipientId: string;
  recipientName: string;
  channelId: string;
  status: DeliveryStatus;
  attempts: number;
  createdAt: number;
  updatedAt: number;
  nextAttemptAt?: number;
  sentAt?: number;
  lastError?: string;
}

export const deliveryQuery = z.strictObject({
  status: z.enum(DELIVERY_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const testMessageInput = z.strictObject({
  /** Whom the test is addressed to (their language and contact `to`); default: the sender's own words, no address. */
  recipient: notifyId.optional(),
  /** E-mail: where to send the test when no recipient is named. */
  to: z.string().trim().min(1).max(255).optional(),
  language: z.enum(NOTIFY_LANGUAGES).optional(),
});
export type TestMessageInput = z.input<typeof testMessageInput>;

export interface TestMessageResult {
  ok: boolean;
  /** Why it failed, in our words: a status, a robot's or a mail server's reply code; never the receiver's answer (channels/http-post.ts). */
  error?: string;
  ms: number;
}

export interface NotifySettingsView {
  publicUrl: string;
  dedupeWindowMinutes: number;
  ackLinkMinutes: number;
  delivery: NotifySettings['delivery'];
  /** The configuration file in use, if any. */
  file?: string;
}
