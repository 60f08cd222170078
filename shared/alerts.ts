import type { EscalationLevel, RuleId, Severity } from './rules.js';

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

/**
 * `condition` alerts describe something happening now (a call ringing too long) and
 * resolve on their own when it stops; `incident` alerts record a breach that has
 * happened (a missing greeting) and stay until a person resolves them.
 */
export type AlertKind = 'condition' | 'incident';

export interface AlertSubject {
  kind: 'call' | 'agent' | 'queue' | 'floor';
  id: string;
}

export interface AlertHistoryEntry {
  at: number;
  action: 'opened' | 'recurred' | 'escalated' | 'acknowledged' | 'resolved' | 'hold-approved' | 'handed-over';
  by?: string;
  /**
   * The person's note (acknowledged, resolved by a person), or the system's words: an
   * automatic resolution's reason, a hold approval's allowance ("120 s"), a handover.
   */
  note?: string;
  /** `hold-approved`: what the approving lead wrote with it. */
  comment?: string;
  level?: EscalationLevel;
}

/**
 * Fields that may carry customer data or speech. The server strips or masks them for
 * roles that may not see them (the TV display never receives them).
 */
export interface AlertSensitive {
  /** The forbidden phrase, or the utterance that lacked the greeting. */
  text?: string;
  /** The caller's number as the feed gave it. */
  callerNumber?: string;
}

export interface Alert {
  id: string;
  rule: RuleId;
  article: string;
  severity: Severity;
  kind: AlertKind;
  status: AlertStatus;
  /** One line a supervisor reads: what happened, to whom. No customer data. */
  title: string;
  subject: AlertSubject;
  agentId?: string;
  teamId?: string;
  callId?: string;
  queue?: string;
  openedAt: number;
  updatedAt: number;
  acknowledgedAt?: number;
  acknowledgedBy?: string;
  acknowledgeNote?: string;
  resolvedAt?: number;
  /** A user id, or `auto` when the condition cleared by itself. */
  resolvedBy?: string;
  resolution?: string;
  /** Who is being asked to act now. */
  escalationLevel: EscalationLevel;
  /** When the alert moves up a level if nobody acknowledges it (absent at the top). */
  escalatesAt?: number;
  /** Ids of the events that caused or renewed the alert, oldest first (capped). */
  evidence: string[];
  /** How many times the breach occurred while the alert was open. */
  occurrences: number;
  history: AlertHistoryEntry[];
  /**
   * Whose problem it is since the last confirmed handover (article 82): before it the
   * outgoing team's, after it the incoming lead's. Absent until a handover moves it.
   */
  owner?: { account: string; teamIds: string[]; since: number; handoverId: string };
  sensitive?: AlertSensitive;
}

/**
 * An alert as a screen is sent it (snapshots and deltas over socket.io): what the wallboard
 * and the alert desk show, and no more. Its history and evidence (an audit trail and up
 * to 50 event ids, often longer than the rest) and its sensitive part (customer data,
 * which no screen shows) stay on the server, in `GET /api/v1/alerts`. A big floor's open
 * alerts were megabytes per snapshot with them, and a burst of 10,000 alerts was half a
 * megabyte packed to every screen.
 */
export type AlertSummary = Omit<Alert, 'history' | 'sensitive' | 'evidence'>;

export function alertSummary(alert: Alert): AlertSummary {
  const { history: _history, sensitive: _sensitive, evidence: _evidence, ...summary } = alert;
  return summary;
}
