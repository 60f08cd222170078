/**
 * The alert lifecycle: open -> acknowledged -> resolved, at most one live alert per rule
 * and subject (a repeat adds evidence to it), and escalation up the chain
 * lead -> supervisor -> manager while nobody acknowledges (articles 93-94).
 */
import type { AlertTitleCode, AlertTitleParams } from '../../shared/alert-titles.js';
import { alertReason, type Alert, type AlertHistoryEntry, type AlertPointsTaken, type AlertKind, type AlertReason, type AlertSensitive, type AlertSubject } from '../../shared/alerts.js';
import { ESCALATION_LEVELS, RULE_INFO, type EscalationLevel, type RuleId, type Severity } from '../../shared/rules.js';
import { AGENT_FIELDS, schedule, touchAgent, type Ctx } from './context.js';
import type { Deadline } from './deadlines.js';
import type { PointsEntry } from '../../shared/points.js';

/** Evidence ids kept per alert: enough to audit, bounded so a long condition can't grow without end. */
const MAX_EVIDENCE = 50;
const MAX_HISTORY = 100;

export interface AlertSpec {
  rule: RuleId;
  kind: AlertKind;
  subject: AlertSubject;
  /** The English title and its code (alertTitle, shared/alert-titles.ts). */
  title: string;
  titleCode: AlertTitleCode;
  titleParams: AlertTitleParams;
  evidence: string;
  agentId?: string;
  callId?: string;
  queue?: string;
  /** The team the alert belongs to when the agent record does not say (a shift's team). */
  teamId?: string;
  severity?: Severity;
  sensitive?: AlertSensitive;
}

export function subjectKey(rule: RuleId, subject: AlertSubject): string {
  return `${rule}|${subject.kind}:${subject.id}`;
}

export function liveAlert(ctx: Ctx, rule: RuleId, subject: AlertSubject): Alert | undefined {
  const id = ctx.state.alertIndex.get(subjectKey(rule, subject));
  return id === undefined ? undefined : ctx.state.alerts.get(id);
}

/**
 * A copy of the alert as it is now: the state's object keeps changing, an effect must
 * describe this moment. Shallow is enough: the arrays only ever grow (their entries are
 * never changed), and `subject` and `sensitive` are replaced, never mutated.
 */
export function copyAlert(alert: Alert): Alert {
  const copy = { ...alert, evidence: alert.evidence.slice(), history: alert.history.slice() };
  if (alert.pointsTaken !== undefined) copy.pointsTaken = alert.pointsTaken.slice();
  return copy;
}

/**
 * An automatic points entry proposed for the breach behind the live alerts it names as
 * evidence: each remembers it, so a false alarm can reverse it. An alert this step already
 * sent (raised just now, as most are) goes out once, with it: a second copy would read as
 * a second opening to whoever counts openings; one sent before is sent again.
 */
/** What an alert remembers of an entry it proposed: enough to write its reversal. */
export function pointsTakenOf(entry: PointsEntry): AlertPointsTaken {
  return { entryId: entry.id, agentId: entry.agentId, points: entry.points, at: entry.at, article: entry.article };
}

export function notePointsTaken(ctx: Ctx, entry: PointsEntry): void {
  for (const id of entry.evidence) {
    const alert = ctx.state.alerts.get(id);
    if (alert === undefined || alert.pointsTaken?.some((p) => p.entryId === entry.id)) continue;
    alert.pointsTaken = [...(alert.pointsTaken ?? []), pointsTakenOf(entry)];
    const sent = ctx.effects.findLastIndex((e) => e.type === 'alert' && e.alert.id === id);
    if (sent >= 0) ctx.effects[sent] = { type: 'alert', alert: copyAlert(alert) };
    else emit(ctx, alert);
  }
}

function emit(ctx: Ctx, alert: Alert): void {
  alert.updatedAt = ctx.now;
  ctx.effects.push({ type: 'alert', alert: copyAlert(alert) });
}

function addHistory(alert: Alert, entry: Alert['history'][number]): void {
  alert.history.push(entry);
  if (alert.history.length > MAX_HISTORY) alert.history.splice(1, 1); // keep 'opened'
}

/** Opens an alert, or records a repeat on the live one for the same rule and subject. */
export function raise(ctx: Ctx, spec: AlertSpec): Alert {
  const existing = liveAlert(ctx, spec.rule, spec.subject);
  if (existing) {
    existing.occurrences += 1;
    if (existing.evidence.length < MAX_EVIDENCE && !existing.evidence.includes(spec.evidence)) {
      existing.evidence.push(spec.evidence);
    }
    existing.title = spec.title;
    existing.titleCode = spec.titleCode;
    existing.titleParams = spec.titleParams;
    if (spec.sensitive) existing.sensitive = { ...existing.sensitive, ...spec.sensitive };
    addHistory(existing, { at: ctx.now, action: 'recurred' });
    emit(ctx, existing);
    return existing;
  }
  const state = ctx.state;
  const ruleConfig = state.rules.rules[spec.rule];
  // The caller's number travels with the alert (in `sensitive`, which the edges mask or
  // strip per role) so a supervisor can find the call; it is never in the title.
  const from = spec.callId === undefined ? undefined : state.calls.get(spec.callId)?.from;
  const sensitive = from === undefined ? spec.sensitive : { ...spec.sensitive, callerNumber: from };
  const severity = spec.severity ?? ruleConfig.severity;
  const agent = spec.agentId === undefined ? undefined : state.agents.get(spec.agentId);
  const alert: Alert = {
    id: `al-${state.nextAlertNo++}`,
    rule: spec.rule,
    article: RULE_INFO[spec.rule].article,
    severity,
    kind: spec.kind,
    status: 'open',
    title: spec.title,
    titleCode: spec.titleCode,
    titleParams: spec.titleParams,
    subject: spec.subject,
    ...(spec.agentId !== undefined && { agentId: spec.agentId }),
    ...((spec.teamId ?? agent?.teamId) !== undefined && { teamId: spec.teamId ?? agent?.teamId }),
    ...(spec.callId !== undefined && { callId: spec.callId }),
    ...(spec.queue !== undefined && { queue: spec.queue }),
    openedAt: ctx.now,
    updatedAt: ctx.now,
    escalationLevel: ruleConfig.notify,
    evidence: [spec.evidence],
    occurrences: 1,
    history: [{ at: ctx.now, action: 'opened', level: ruleConfig.notify }],
    ...(sensitive && { sensitive }),
  };
  state.alerts.set(alert.id, alert);
  state.alertIndex.set(subjectKey(spec.rule, spec.subject), alert.id);
  if (agent) {
    agent.openAlerts += 1;
    touchAgent(ctx, agent.agentId, AGENT_FIELDS.alerts);
  }
  scheduleEscalation(ctx, alert);
  emit(ctx, alert);
  return alert;
}

function scheduleEscalation(ctx: Ctx, alert: Alert): void {
  const timers = ctx.state.rules.escalation[alert.severity];
  const level = alert.escalationLevel;
  const seconds = level === 'manager' ? undefined : timers[level];
  if (seconds === undefined) {
    alert.escalatesAt = undefined;
    return;
  }
  alert.escalatesAt = ctx.now + seconds * 1000;
  schedule(ctx, 'core', 'escalate', alert.id, alert.escalatesAt, ESCALATION_LEVELS.indexOf(level));
}

/** A deadline: nobody acknowledged in time, so the next level up is told. */
export function escalate(ctx: Ctx, d: Deadline): void {
  const alert = ctx.state.alerts.get(d.key);
  if (!alert || alert.status !== 'open' || ESCALATION_LEVELS.indexOf(alert.escalationLevel) !== d.ref) return;
  const next: EscalationLevel = ESCALATION_LEVELS[d.ref + 1] ?? 'manager';
  alert.escalationLevel = next;
  addHistory(alert, { at: ctx.now, action: 'escalated', level: next });
  scheduleEscalation(ctx, alert);
  emit(ctx, alert);
}

/**
 * Resolves the alert. `resolution`: a person's own note as they wrote it, or the system's
 * words (alertReason), which keep their code beside the English so a screen translates
 * them; every resolution the engine words itself (all of `auto`'s) passes an AlertReason.
 */
export function resolveAlert(ctx: Ctx, alert: Alert, by: string, resolution: string | AlertReason): void {
  const why = typeof resolution === 'string' ? { text: resolution } : resolution;
  alert.status = 'resolved';
  alert.resolvedAt = ctx.now;
  alert.resolvedBy = by;
  alert.resolution = why.text;
  if ('code' in why) {
    alert.resolutionCode = why.code;
    if (why.params !== undefined) alert.resolutionParams = why.params;
  }
  alert.escalatesAt = undefined;
  addHistory(alert, { at: ctx.now, action: 'resolved', by, ...('code' in why ? systemNote(why) : { note: why.text }) });
  ctx.state.alerts.delete(alert.id);
  ctx.state.alertIndex.delete(subjectKey(alert.rule, alert.subject));
  const agent = alert.agentId === undefined ? undefined : ctx.state.agents.get(alert.agentId);
  if (agent) {
    agent.openAlerts = Math.max(0, agent.openAlerts - 1);
    touchAgent(ctx, agent.agentId, AGENT_FIELDS.alerts);
  }
  emit(ctx, alert);
}

/** The condition behind a `condition` alert has cleared: it resolves on its own. */
export function clearCondition(ctx: Ctx, rule: RuleId, subject: AlertSubject, resolution: AlertReason): void {
  const alert = liveAlert(ctx, rule, subject);
  if (alert && alert.kind === 'condition') resolveAlert(ctx, alert, 'auto', resolution);
}

export function acknowledgeAlert(ctx: Ctx, alert: Alert, by: string, note: string | undefined): void {
  alert.status = 'acknowledged';
  alert.acknowledgedAt = ctx.now;
  alert.acknowledgedBy = by;
  if (note !== undefined) alert.acknowledgeNote = note;
  alert.escalatesAt = undefined;
  addHistory(alert, { at: ctx.now, action: 'acknowledged', by, ...(note !== undefined && { note }) });
  emit(ctx, alert);
}

/**
 * Article 94: the shift lead passes an important or urgent matter on to the floor
 * supervisor or the department manager. A lead's acknowledgement of an urgent report
 * (still at the lead's level) is therefore not the end of it: the matter moves up to the
 * supervisor and stays open there (told like any escalation; escalating on to the manager
 * if nobody takes it), with the lead's note in its history. Acknowledged without this, the
 * report stopped at the lead and the supervisor never heard of it.
 */
export function passesUpward(alert: Alert): boolean {
  return alert.rule === 'urgent-escalation' && alert.status === 'open' && alert.escalationLevel === 'lead';
}

/** Someone has taken the alert up: acknowledged it, or passed it on (art. 94) though it stays open. */
export function takenUp(alert: Alert): boolean {
  return alert.status !== 'open' || (alert.history ?? []).some((h) => h.action === 'escalated' && h.by !== undefined);
}

export function passUpward(ctx: Ctx, alert: Alert, by: string, note: string | undefined): void {
  escalateByHand(ctx, alert, by, note);
}

/** The level above this one, or undefined at the top (the department manager). */
export function levelAbove(level: EscalationLevel): EscalationLevel | undefined {
  return ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(level) + 1];
}

/**
 * Articles 93-94: a person passes the alert up one level now (a lead who cannot deal with
 * it, a supervisor who needs the manager), without waiting for its timer. The level above
 * is told like any escalation and must take it up itself: an acknowledgement at the level
 * below does not answer for it, so an acknowledged alert is open again (the history keeps
 * who acknowledged it). The caller checks there is a level above.
 */
export function escalateByHand(ctx: Ctx, alert: Alert, by: string, note: string | undefined): void {
  const next = levelAbove(alert.escalationLevel) ?? 'manager';
  alert.escalationLevel = next;
  if (alert.status === 'acknowledged') {
    alert.status = 'open';
    alert.acknowledgedAt = undefined;
    alert.acknowledgedBy = undefined;
    alert.acknowledgeNote = undefined;
  }
  alert.escalatedBy = by;
  alert.escalationNote = note;
  addHistory(alert, {
    at: ctx.now, action: 'escalated', level: next, by,
    ...(note !== undefined ? { note } : systemNote(alertReason(next === 'manager' ? 'passedOnToManager' : 'passedOn', { who: by }))),
  });
  scheduleEscalation(ctx, alert);
  emit(ctx, alert);
}

/** A history entry's note in the system's words: the English and its code, for `noteOnAlert`. */
export function systemNote(why: AlertReason): Pick<AlertHistoryEntry, 'note' | 'noteCode' | 'noteParams'> {
  return { note: why.text, noteCode: why.code, ...(why.params !== undefined && { noteParams: why.params }) };
}

export function noteOnAlert(ctx: Ctx, alert: Alert, entry: AlertHistoryEntry): void {
  addHistory(alert, entry);
  emit(ctx, alert);
}
