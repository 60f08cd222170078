/** How the desk orders alerts, and the small facts it derives from one. Pure. */
import { ESCALATION_LEVELS, type EscalationLevel, type Severity } from '../../../shared/rules.js';
import type { BoardAlert } from './floor-read.js';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/**
 * Most severe first; within a severity, what is happening now (a condition: a call ringing,
 * a customer on hold) before what already happened (an incident), where a lead can still
 * change the outcome; then the oldest first; the id keeps the order stable.
 */
export function compareAlerts(a: BoardAlert, b: BoardAlert): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || KIND_RANK[a.kind] - KIND_RANK[b.kind]
    || a.openedAt - b.openedAt || a.id.localeCompare(b.id);
}

const KIND_RANK: Record<BoardAlert['kind'], number> = { condition: 0, incident: 1 };

/** The alerts still waiting for someone to acknowledge them, in desk order. */
export function openInDeskOrder(alerts: readonly BoardAlert[]): BoardAlert[] {
  return alerts.filter((a) => a.status === 'open').sort(compareAlerts);
}

/** The level an unacknowledged alert moves up to next; undefined at the top. */
export function nextLevel(level: EscalationLevel): EscalationLevel | undefined {
  return ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(level) + 1];
}

/**
 * Whether this person can pass the alert up (articles 93-94): only to a level above their
 * own, so a lead escalates to the supervisor (or on to the manager), the supervisor only an
 * alert at their own level, to the manager. A supervisor is not offered to "escalate to
 * the supervisor" an alert still at the lead's: they take it up themselves.
 */
export function canEscalate(a: BoardAlert, role: string | undefined): boolean {
  const next = nextLevel(a.escalationLevel);
  const own = role === 'lead' || role === 'supervisor' ? ESCALATION_LEVELS.indexOf(role) : undefined;
  return a.status !== 'resolved' && next !== undefined && own !== undefined && ESCALATION_LEVELS.indexOf(next) > own;
}

/**
 * The moment of an alert's latest human (or automatic) action, for ordering the history. A
 * closed one keeps its place at its closing: a false alarm marked on it later must not move
 * the card away from under the lead who just marked it.
 */
export function lastActionAt(a: Pick<BoardAlert, 'acknowledgedAt' | 'resolvedAt' | 'updatedAt'>): number {
  return a.resolvedAt ?? Math.max(a.acknowledgedAt ?? 0, a.updatedAt);
}

/** A hold-consent alert on a call is the one a longer hold can be approved from. */
export function canApproveHold(a: BoardAlert): boolean {
  return a.rule === 'hold-consent' && a.callId !== undefined && a.status !== 'resolved';
}
