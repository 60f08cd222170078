import type { AlertTitleCode, AlertTitleParams } from './alert-titles.js';
import { fillTemplate } from './problems.js';
import type { EscalationLevel, RuleId, Severity } from './rules.js';

/**
 * The system's own words on an alert, as a stable code with parameters beside the English
 * text the engine has always written (`resolution`, a history entry's `note`): why it
 * cleared by itself, a hold approval's allowance, a handover, a leave approval. The English
 * stays for logs, notifications, the replay report and older screens; a screen says the
 * code in its reader's language (client/src/i18n/messages-alerts.ts) and falls back to the
 * English for a code it does not know (a newer server) or words without one (an alert
 * stored before codes existed). The English is the template filled in (alertReason), so
 * the two always agree.
 *
 * A code is part of the API, like a problem code: never rename or reuse one; add new ones.
 * Parameters are filled into `{name}` places: `agent` an agent number, `seconds` whole
 * seconds, `who`/`account` a user, `team` a team id, `note` a person's own words.
 */
export const ALERT_REASONS = {
  // Automatic resolutions (resolvedBy `auto`), by the rule that writes them.
  answeredAfter: 'answered by agent {agent} after {seconds} s of ringing',
  movedOn: 'the call moved on to agent {agent} unanswered',
  stoppedRinging: 'the call stopped ringing',
  wrapUpRecorded: 'wrap-up recorded',
  wrapUpRecordedLate: 'wrap-up recorded late',
  acwEnded: 'after-call work ended',
  shiftChanged: 'the shift was changed or removed from the plan',
  callbackLate: 'callback made by {agent}, late',
  leadIn: 'lead {agent} logged in',
  meetingStarted: 'pre-shift meeting of team {team} started',
  holdEnded: 'the hold ended',
  holdApproved: 'longer hold approved by {who}',
  noLongWait: 'no call waits too long any more',
  stoppedResting: 'the agent stopped resting',
  agentBack: 'the agent is back or changed state',
  agentIn: 'agent {agent} logged in',
  agentIsBack: 'agent {agent} is back',
  reliefIn: 'relief {agent} logged in',
  // Resolutions in a person's name that the engine words (art. 79; the alert desk).
  leaveApproved: 'leave approved by {who}',
  leaveApprovedWithNote: 'leave approved by {who}: {note}',
  /** Resolved by a person who wrote no note: the stand-in for one. */
  resolvedBy: 'resolved by {who}',
  /** Resolved by a person as a false alarm: the breach did not happen, its points are reversed. */
  falseAlarm: 'a false alarm, said {who}',
  falseAlarmWithNote: 'a false alarm, said {who}: {note}',
  // History entries' notes.
  /** `hold-approved`: the hold allowed in all. */
  holdAllowed: '{seconds} s',
  /** `handed-over`: the incoming lead's account (art. 82). */
  handedOver: 'to {account}',
  /** `escalated` by a lead who acknowledged an urgent report: passed on to the supervisor (art. 94). */
  passedOn: 'passed on to the supervisor by {who}',
  /** `escalated` by a supervisor who passed the alert on to the department manager (art. 94). */
  passedOnToManager: 'passed on to the manager by {who}',
} as const;

export type AlertReasonCode = keyof typeof ALERT_REASONS;
export type AlertReasonParams = Record<string, string | number>;

export function isAlertReasonCode(value: unknown): value is AlertReasonCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ALERT_REASONS, value);
}

/** The system's words: the English text, and the code and params a screen translates. */
export interface AlertReason {
  text: string;
  code: AlertReasonCode;
  params?: AlertReasonParams;
}

export function alertReason(code: AlertReasonCode, params?: AlertReasonParams): AlertReason {
  return { text: fillTemplate(ALERT_REASONS[code], params), code, ...(params !== undefined && { params }) };
}

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
  /** `false-alarm`: a person said afterwards that the resolved alert's breach did not happen (art. 105). */
  action: 'opened' | 'recurred' | 'escalated' | 'acknowledged' | 'resolved' | 'hold-approved' | 'handed-over' | 'false-alarm';
  by?: string;
  /**
   * The person's note (acknowledged, resolved by a person), or the system's words: an
   * automatic resolution's reason, a hold approval's allowance ("120 s"), a handover.
   */
  note?: string;
  /** When `note` is the system's words: them as a code and parameters (ALERT_REASONS); absent on older entries. */
  noteCode?: AlertReasonCode;
  noteParams?: AlertReasonParams;
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
  /**
   * The title as a code and parameters (ALERT_TITLES, shared/alert-titles.ts): which kind of
   * breach of the rule this is, for a screen to say in its reader's language. Absent on
   * alerts stored before codes existed.
   */
  titleCode?: AlertTitleCode;
  titleParams?: AlertTitleParams;
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
  /**
   * The last time a person passed the alert up by hand (articles 93-94): who, and their
   * note, so the level above reads why on the alert itself. Absent when only the timers moved it.
   */
  escalatedBy?: string;
  escalationNote?: string;
  resolvedAt?: number;
  /** A user id, or `auto` when the condition cleared by itself. */
  resolvedBy?: string;
  resolution?: string;
  /**
   * When the engine worded `resolution` (an automatic one, a leave approval, the stand-in
   * for a missing note): it as a code and parameters (ALERT_REASONS). Absent on a person's
   * own note and on alerts stored before codes existed.
   */
  resolutionCode?: AlertReasonCode;
  resolutionParams?: AlertReasonParams;
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
  /**
   * The automatic points entries this alert's breach proposed (articles 104-105), so that
   * resolving it as a false alarm reverses them. Absent when it proposed none.
   */
  pointsTaken?: AlertPointsTaken[];
  sensitive?: AlertSensitive;
}

/** One automatic points entry an alert proposed: enough to write its reversal. */
export interface AlertPointsTaken {
  entryId: string;
  agentId: string;
  points: number;
  /** When it counts (the month and quarter): its reversal is dated the same. */
  at: number;
  article: string;
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

/**
 * Who said an alert was a false alarm (art. 105), if anyone did: resolving it so, or marking
 * it afterwards. The engine refuses a second mark; the desk offers none.
 */
export function falseAlarmBy(alert: Pick<Alert, 'resolutionCode' | 'resolvedBy'> & { history?: readonly AlertHistoryEntry[] }): string | undefined {
  if (alert.resolutionCode === 'falseAlarm' || alert.resolutionCode === 'falseAlarmWithNote') return alert.resolvedBy;
  return alert.history?.find((h) => h.action === 'false-alarm')?.by;
}
