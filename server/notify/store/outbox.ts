/**
 * The outbox: every notification decided, from the moment it is decided until it is sent
 * or given up on. Decisions are inserted with INSERT OR IGNORE on their deterministic ids,
 * together with their acknowledge links, in one transaction: a decision made twice (after
 * a crash, or as an alert recurs) is stored once.
 */
import type Database from 'better-sqlite3';
import type { DeliveryStatus, NotificationMessage, NotificationType, NotifyLanguage } from '../../../shared/notify.js';
import type { EscalationLevel, RuleId, Severity } from '../../../shared/rules.js';

export interface OutboxRow {
  id: string;
  type: NotificationType;
  alertId: string;
  rule: RuleId;
  severity: Severity;
  level: EscalationLevel;
  recipientId: string;
  channelId: string;
  to?: string;
  dedupeKey: string;
  message: NotificationMessage;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt?: number;
  createdAt: number;
  updatedAt: number;
  sentAt?: number;
  lastError?: string;
}

export type NewOutboxRow = Omit<OutboxRow, 'status' | 'attempts' | 'updatedAt' | 'sentAt' | 'lastError'>;

export interface AckTokenRow {
  id: string;
  alertId: string;
  account: string;
  language: NotifyLanguage;
  expiresAt: number;
  usedAt?: number;
}

interface DbRow {
  id: string; type: NotificationType; alert_id: string; rule: RuleId; severity: Severity; level: EscalationLevel;
  recipient_id: string; channel_id: string; recipient_to: string | null; dedupe_key: string; message: string;
  status: DeliveryStatus; attempts: number; next_attempt_at: number | null; created_at: number; updated_at: number;
  sent_at: number | null; last_error: string | null;
}

function fromDb(r: DbRow): OutboxRow {
  return {
    id: r.id, type: r.type, alertId: r.alert_id, rule: r.rule, severity: r.severity, level: r.level,
    recipientId: r.recipient_id, channelId: r.channel_id, dedupeKey: r.dedupe_key,
    message: JSON.parse(r.message) as NotificationMessage, status: r.status, attempts: r.attempts,
    createdAt: r.created_at, updatedAt: r.updated_at,
    ...(r.recipient_to !== null && { to: r.recipient_to }),
    ...(r.next_attempt_at !== null && { nextAttemptAt: r.next_attempt_at }),
    ...(r.sent_at !== null && { sentAt: r.sent_at }),
    ...(r.last_error !== null && { lastError: r.last_error }),
  };
}

export interface Outbox {
  /** Inserts the rows (and their links) not already there; returns the ids that are new. */
  insert(rows: NewOutboxRow[], tokens: AckTokenRow[]): string[];
  has(id: string): boolean;
  get(id: string): OutboxRow | undefined;
  /** When rule|subject|recipient was last told about another alert. */
  lastNotifiedAt(dedupeKey: string, alertId: string): number | undefined;
  /** Pending rows due at `now`, oldest first. */
  due(now: number, limit: number): OutboxRow[];
  /** The earliest next attempt of a pending row. */
  nextDueAt(): number | undefined;
  markSent(id: string, attempts: number, now: number): void;
  markRetry(id: string, attempts: number, nextAttemptAt: number, error: string, now: number): void;
  markDead(id: string, attempts: number, error: string, now: number): void;
  /** Dead -> pending, due now, attempts counted afresh. False when it is not a dead letter. */
  resend(id: string, now: number): boolean;
  list(query: { status?: DeliveryStatus; limit: number }): OutboxRow[];
  ackToken(id: string): AckTokenRow | undefined;
  /** Marks the link used, if it is unused and unexpired: true only for the one caller that did. */
  consumeAckToken(id: string, now: number, ip: string | undefined): boolean;
  /**
   * Forgets sent notifications last changed before `before`, and links that expired before
   * it. Pending ones and dead letters stay until they are sent: nothing undelivered is lost.
   */
  prune(before: number): number;
}

export function createOutbox(db: Database.Database): Outbox {
  const insertRow = db.prepare(`INSERT OR IGNORE INTO notify_outbox
    (id, type, alert_id, rule, severity, level, recipient_id, channel_id, recipient_to, dedupe_key, message,
     status, attempts, next_attempt_at, created_at, updated_at)
    VALUES (@id, @type, @alertId, @rule, @severity, @level, @recipientId, @channelId, @to, @dedupeKey, @message,
     'pending', 0, @nextAttemptAt, @createdAt, @createdAt)`);
  const insertToken = db.prepare(`INSERT OR IGNORE INTO notify_ack_tokens (id, alert_id, account, language, expires_at)
    VALUES (@id, @alertId, @account, @language, @expiresAt)`);
  const has = db.prepare<[string], number>('SELECT 1 FROM notify_outbox WHERE id = ?').pluck();
  const get = db.prepare<[string], DbRow>('SELECT * FROM notify_outbox WHERE id = ?');
  const last = db.prepare<[string, string], number | null>(
    `SELECT max(created_at) FROM notify_outbox WHERE dedupe_key = ? AND alert_id != ? AND type != 'test'`).pluck();
  const due = db.prepare<[number, number], DbRow>(
    `SELECT * FROM notify_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?`);
  const nextDue = db.prepare<[], number | null>(`SELECT min(next_attempt_at) FROM notify_outbox WHERE status = 'pending'`).pluck();
  const sent = db.prepare(`UPDATE notify_outbox SET status = 'sent', attempts = ?, sent_at = ?, updated_at = ?, next_attempt_at = NULL, last_error = NULL WHERE id = ?`);
  const retry = db.prepare(`UPDATE notify_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?`);
  const dead = db.prepare(`UPDATE notify_outbox SET status = 'dead', attempts = ?, last_error = ?, updated_at = ?, next_attempt_at = NULL WHERE id = ?`);
  const resend = db.prepare(`UPDATE notify_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'dead'`);
  const listAll = db.prepare<[number], DbRow>('SELECT * FROM notify_outbox ORDER BY updated_at DESC, id LIMIT ?');
  const listBy = db.prepare<[string, number], DbRow>('SELECT * FROM notify_outbox WHERE status = ? ORDER BY updated_at DESC, id LIMIT ?');
  const token = db.prepare<[string], { id: string; alert_id: string; account: string; language: NotifyLanguage; expires_at: number; used_at: number | null }>(
    'SELECT * FROM notify_ack_tokens WHERE id = ?');
  const pruneSent = db.prepare(`DELETE FROM notify_outbox WHERE status = 'sent' AND updated_at < ?`);
  const pruneTokens = db.prepare('DELETE FROM notify_ack_tokens WHERE expires_at < ?');
  const consume = db.prepare('UPDATE notify_ack_tokens SET used_at = ?, used_ip = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?');

  const insertAll = db.transaction((rows: NewOutboxRow[], tokens: AckTokenRow[]): string[] => {
    const added: string[] = [];
    for (const r of rows) {
      const info = insertRow.run({ ...r, to: r.to ?? null, message: JSON.stringify(r.message), nextAttemptAt: r.nextAttemptAt ?? r.createdAt });
      if (info.changes > 0) added.push(r.id);
    }
    // A link only for a row that is new: an existing row keeps the link it was sent with.
    for (const t of tokens) if (added.includes(t.id)) insertToken.run(t);
    return added;
  });

  return {
    insert: (rows, tokens) => insertAll.immediate(rows, tokens),
    has: (id) => has.get(id) !== undefined,
    get(id) {
      const row = get.get(id);
      return row === undefined ? undefined : fromDb(row);
    },
    lastNotifiedAt: (key, alertId) => last.get(key, alertId) ?? undefined,
    due: (now, limit) => due.all(now, limit).map(fromDb),
    nextDueAt: () => nextDue.get() ?? undefined,
    markSent(id, attempts, now) {
      sent.run(attempts, now, now, id);
    },
    markRetry(id, attempts, nextAt, error, now) {
      retry.run(attempts, nextAt, error, now, id);
    },
    markDead(id, attempts, error, now) {
      dead.run(attempts, error, now, id);
    },
    resend: (id, now) => resend.run(now, now, id).changes > 0,
    list: ({ status, limit }) => (status === undefined ? listAll.all(limit) : listBy.all(status, limit)).map(fromDb),
    ackToken(id) {
      const t = token.get(id);
      return t === undefined ? undefined : {
        id: t.id, alertId: t.alert_id, account: t.account, language: t.language, expiresAt: t.expires_at,
        ...(t.used_at !== null && { usedAt: t.used_at }),
      };
    },
    consumeAckToken: (id, now, ip) => consume.run(now, ip ?? null, id, now).changes > 0,
    prune: db.transaction((before: number) => {
      pruneTokens.run(before);
      return pruneSent.run(before).changes;
    }),
  };
}
