/**
 * Who an escalation level reaches (articles 93-94), from the accounts' own roles, so that
 * who is told and who may act (access/permissions.ts) can never disagree:
 * - lead: shift leads whose teams include the alert's team (or who own it since a handover);
 * - supervisor: floor supervisors; manager: department managers.
 * Administrators and displays are never told: they cannot act on alerts.
 */
import type { Role } from '../../../shared/access.js';
import type { Alert } from '../../../shared/alerts.js';
import type { RecipientConfig } from '../../../shared/notify.js';
import type { EscalationLevel } from '../../../shared/rules.js';

/** A recipient with what their account says about them now. */
export interface RoutingRecipient extends RecipientConfig {
  /** Absent when the account does not exist (any more) or is disabled: such a recipient is never told. */
  holder?: { accountId: string; username: string; role: Role; teams: string[] };
}

export function reachedAt(level: EscalationLevel, alert: Alert, r: RoutingRecipient): boolean {
  const h = r.holder;
  if (h === undefined) return false;
  if (level === 'lead') {
    if (h.role !== 'lead') return false;
    const owner = alert.owner?.account;
    if (owner !== undefined && (owner === h.accountId || owner === h.username)) return true;
    return alert.teamId !== undefined && h.teams.includes(alert.teamId);
  }
  return h.role === level;
}
