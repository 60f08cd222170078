/**
 * Who may give which command (articles 93-94: shift leads act on their teams, the floor
 * supervisor on the whole floor, the department manager receives the last escalation
 * step). Administrators manage the system, not the floor; a TV only watches.
 */
import type { Role } from '../../shared/access.js';
import type { FloorCommand } from '../../shared/commands.js';
import type { Viewer } from './principal.js';
import { problem, type Problem } from '../../shared/problems.js';
import { ESCALATION_LEVELS, type EscalationLevel } from '../../shared/rules.js';

export const COMMAND_ROLES: Record<FloorCommand['type'], readonly Role[]> = {
  'alert.acknowledge': ['lead', 'supervisor', 'manager'],
  'alert.resolve': ['lead', 'supervisor', 'manager'],
  // The manager is the last level: there is nobody above to pass an alert on to.
  'alert.escalate': ['lead', 'supervisor'],
  'hold.approve': ['lead', 'supervisor'],
  // Article 79: the shift lead lets an agent leave before the relief arrives.
  'leave.approve': ['lead', 'supervisor'],
  // Nobody gives it directly: the handover service does, once the incoming lead confirms
  // the handover log (articles 80-82), after checking that lead itself.
  'handover.confirm': [],
  // Given by the edge for an `alert.resolve` with `falseAlarm` on a resolved alert, after checking that.
  'alert.falseAlarm': [],
};

const COMMAND_WORDS: Record<FloorCommand['type'], string> = {
  'alert.acknowledge': 'act on alerts',
  'alert.resolve': 'act on alerts',
  'alert.escalate': 'pass alerts on to the level above',
  'hold.approve': 'approve holds',
  'leave.approve': 'approve leaving the seat',
  'handover.confirm': 'confirm a handover this way (confirm it on the handover page)',
  'alert.falseAlarm': 'mark an alert a false alarm this way (resolve it with falseAlarm)',
};

/** Roles that see the floor at all (everyone signed in, and paired displays). */
export const VIEW_ROLES: readonly Role[] = ['admin', 'supervisor', 'lead', 'manager', 'display'];

export type Permission = { ok: true } | ({ ok: false } & Problem);

/**
 * May this viewer give this command about something of `teamId`? Leads only within their
 * teams; a subject with no known team is outside every lead's scope.
 */
export function mayCommand(viewer: Viewer, type: FloorCommand['type'], teamId: string | undefined): Permission {
  if (!COMMAND_ROLES[type].includes(viewer.role)) {
    const who = viewer.role === 'admin' ? 'an administrator' : viewer.role === 'display' ? 'a display' : `a ${viewer.role}`;
    return { ok: false, ...problem('commandNotAllowed', { role: viewer.role, command: type }, `${who} may not ${COMMAND_WORDS[type]}`) };
  }
  if (viewer.role === 'lead' && (teamId === undefined || !viewer.teams.includes(teamId))) {
    return { ok: false, ...problem('notYourTeam') };
  }
  return { ok: true };
}

/**
 * Articles 93-94: a person passes an alert up to a level above their own. A supervisor
 * "escalating" an alert still at the lead's would pass it to themselves (and mark an urgent
 * report as taken up by someone who did not take it up): they acknowledge it instead.
 */
export function mayEscalateFrom(viewer: Viewer, level: EscalationLevel): Permission {
  const next = ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(level) + 1];
  const own = (ESCALATION_LEVELS as readonly string[]).indexOf(viewer.role);
  if (next === undefined || own < 0 || ESCALATION_LEVELS.indexOf(next) > own) return { ok: true };
  return { ok: false, ...problem('escalateToOwnLevel') };
}
