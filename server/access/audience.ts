/**
 * What each role receives (policy articles 97-98: customer information reaches nobody not
 * authorised). The floor produces one snapshot and one delta stream; this cuts them per
 * audience: a shift lead sees only their teams' agents and alerts, a TV never sees a
 * customer number, a customer name or transcript text, and the roles that do not need a
 * full caller number get it masked.
 */
import type { Role } from '../../shared/access.js';
import type { Alert } from '../../shared/alerts.js';
import type { ComplianceView } from '../../shared/figures.js';
import type { FloorDelta, FloorSnapshot } from '../../shared/wallboard.js';
import type { Viewer } from './principal.js';

export interface Audience {
  /** Same key, same view: sockets are grouped by it so each delta is cut once per audience. */
  key: string;
  role: Role;
  /** The teams it may see, or null for the whole floor. */
  teams: ReadonlySet<string> | null;
  callerNumbers: 'full' | 'masked' | 'none';
  /** Transcript text (a forbidden phrase, an opening, an urgent report's summary). */
  speech: boolean;
}

const POLICY: Record<Role, { numbers: Audience['callerNumbers']; speech: boolean; scoped: boolean }> = {
  // Managers read everything (and receive the last escalation step).
  manager: { numbers: 'full', speech: true, scoped: false },
  // Supervisors and leads act on what agents said, but need no full customer number.
  supervisor: { numbers: 'masked', speech: true, scoped: false },
  lead: { numbers: 'masked', speech: true, scoped: true },
  // Administrators run the system, not the floor's conversations.
  admin: { numbers: 'masked', speech: false, scoped: false },
  // The TV in the seating area: nothing about customers, ever.
  display: { numbers: 'none', speech: false, scoped: false },
};

export function audienceOf(viewer: Viewer): Audience {
  const p = POLICY[viewer.role];
  const teams = p.scoped ? [...viewer.teams].sort() : null;
  return {
    key: `${viewer.role}${teams ? `:${teams.join(',')}` : ''}`,
    role: viewer.role,
    teams: teams ? new Set(teams) : null,
    callerNumbers: p.numbers,
    speech: p.speech,
  };
}

/** 13812345678 -> 138****5678: enough to tell two callers apart, not to call one. */
export function maskNumber(number: string): string {
  const digits = number.replace(/\s+/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const keepEnd = 4;
  const keepStart = Math.min(3, Math.max(0, digits.length - keepEnd - 4));
  return digits.slice(0, keepStart) + '*'.repeat(digits.length - keepStart - keepEnd) + digits.slice(-keepEnd);
}

/** Long digit runs in speech (a number read out) are masked like caller numbers. */
function maskDigitsIn(text: string): string {
  return text.replace(/\d{7,}/g, (run) => maskNumber(run));
}

function inScope(a: Audience, teamId: string | undefined): boolean {
  return a.teams === null || (teamId !== undefined && a.teams.has(teamId));
}

/** The alert as this audience may see it, or null when it is out of its scope. */
export function alertFor(alert: Alert, a: Audience): Alert | null {
  if (!inScope(a, alert.teamId)) return null;
  if (alert.sensitive === undefined) return alert;
  const { sensitive, ...rest } = alert;
  const shown: NonNullable<Alert['sensitive']> = {};
  if (a.speech && sensitive.text !== undefined) {
    shown.text = a.callerNumbers === 'full' ? sensitive.text : maskDigitsIn(sensitive.text);
  }
  if (sensitive.callerNumber !== undefined && a.callerNumbers !== 'none') {
    shown.callerNumber = a.callerNumbers === 'full' ? sensitive.callerNumber : maskNumber(sensitive.callerNumber);
  }
  return Object.keys(shown).length > 0 ? { ...rest, sensitive: shown } : rest;
}

function pick<T>(record: Record<string, T>, keep: (key: string) => boolean): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => keep(k)));
}

function complianceFor(c: ComplianceView, a: Audience, agentIds: ReadonlySet<string>): ComplianceView {
  if (a.teams === null) return c;
  const teams = a.teams;
  return {
    ...c,
    byAgent: pick(c.byAgent, (id) => agentIds.has(id)),
    byTeam: pick(c.byTeam, (t) => teams.has(t)),
    byTeamInterval: pick(c.byTeamInterval, (t) => teams.has(t)),
  };
}

export function snapshotFor(s: FloorSnapshot, a: Audience): FloorSnapshot {
  const agents = s.agents.filter((agent) => inScope(a, agent.teamId));
  const alerts = s.alerts.flatMap((alert) => alertFor(alert, a) ?? []);
  return {
    ...s, agents, alerts,
    compliance: complianceFor(s.compliance, a, new Set(agents.map((x) => x.agentId))),
    adherence: s.adherence.filter((t) => inScope(a, t.teamId)),
  };
}

/**
 * The audience narrowed to the teams a screen asked for (its handshake's `teams`). A
 * whole-floor role gets exactly those teams; a scoped one (a shift lead) the ones it asked
 * for among its own. Null when none of them is visible to it: the screen is refused
 * rather than shown an empty floor it would take for a quiet one.
 */
export function narrowAudience(a: Audience, requested: readonly string[] | undefined): Audience | null {
  if (requested === undefined) return a;
  const teams = [...new Set(requested)].filter((t) => a.teams === null || a.teams.has(t)).sort();
  if (teams.length === 0) return null;
  return { ...a, key: `${a.role}:${teams.join(',')}`, teams: new Set(teams) };
}

/**
 * The delta for this audience. It keeps its seq even when nothing in it concerns the
 * audience, so a client's gap detection still works.
 */
export function deltaFor(d: FloorDelta, a: Audience): FloorDelta {
  return deltaCutter(d)(a);
}

/** Items of a delta grouped by team, so a team-scoped cut reads only its teams. */
function byTeam<T extends { teamId?: string | undefined }>(items: readonly T[]): Map<string | undefined, T[]> {
  const groups = new Map<string | undefined, T[]>();
  for (const item of items) {
    const group = groups.get(item.teamId);
    if (group) group.push(item);
    else groups.set(item.teamId, [item]);
  }
  return groups;
}

/**
 * Cuts one delta for many audiences. A floor with thousands of team-scoped screens has
 * thousands of audiences: filtering every changed agent once per audience would cost
 * audiences x agents per delta, so the delta is grouped by team once (on the first scoped
 * cut) and each audience takes its own teams' groups. Same result as filtering, order of
 * agents aside (clients key agents by id).
 */
export function deltaCutter(d: FloorDelta): (a: Audience) => FloorDelta {
  let agents: Map<string | undefined, FloorDelta['agents']> | undefined;
  let adherence: Map<string | undefined, NonNullable<FloorDelta['adherence']>> | undefined;
  const ofTeams = <T>(groups: Map<string | undefined, T[]>, teams: ReadonlySet<string>): T[] => {
    const out: T[] = [];
    for (const team of teams) {
      const group = groups.get(team);
      if (group) for (const item of group) out.push(item);
    }
    return out;
  };
  return (a) => {
    if (a.teams === null && a.speech && a.callerNumbers === 'full') return d;
    const alerts = d.alerts.flatMap((alert) => alertFor(alert, a) ?? []);
    if (a.teams === null) return { ...d, alerts };
    agents ??= byTeam(d.agents);
    const cut: FloorDelta = { ...d, agents: ofTeams(agents, a.teams), alerts };
    if (d.adherence !== undefined) {
      adherence ??= byTeam(d.adherence);
      cut.adherence = ofTeams(adherence, a.teams);
    }
    return cut;
  };
}
