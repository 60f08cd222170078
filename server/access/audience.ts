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

export function snapshotFor(s: FloorSnapshot, a: Audience): FloorSnapshot {
  return snapshotCutter(s)(a);
}

/**
 * Cuts one snapshot for many audiences (2,000 team screens reconnecting at once on a floor
 * of 50,000 agents): the agents, alerts and adherence are grouped by team once, and a
 * team-scoped cut reads only its teams' groups and its agents' compliance, rather than
 * filtering the whole floor per screen. Same content as filtering, in the same order.
 */
export function snapshotCutter(s: FloorSnapshot): (a: Audience) => FloorSnapshot {
  let groups: { agents: TeamGroups<FloorSnapshot['agents'][number]>; alerts: TeamGroups<Alert>; adherence: TeamGroups<FloorSnapshot['adherence'][number]> } | undefined;
  return (a) => {
    if (a.teams === null) {
      return { ...s, alerts: s.alerts.flatMap((alert) => alertFor(alert, a) ?? []) };
    }
    groups ??= { agents: indexByTeam(s.agents), alerts: indexByTeam(s.alerts), adherence: indexByTeam(s.adherence) };
    const agents = inOrder(groups.agents, a.teams);
    return {
      ...s, agents,
      alerts: inOrder(groups.alerts, a.teams).flatMap((alert) => alertFor(alert, a) ?? []),
      compliance: scopedCompliance(s.compliance, a.teams, agents),
      adherence: inOrder(groups.adherence, a.teams),
    };
  };
}

type TeamGroups<T> = Map<string | undefined, Array<{ at: number; item: T }>>;

function indexByTeam<T extends { teamId?: string | undefined }>(items: readonly T[]): TeamGroups<T> {
  const groups: TeamGroups<T> = new Map();
  items.forEach((item, at) => {
    const group = groups.get(item.teamId);
    if (group) group.push({ at, item });
    else groups.set(item.teamId, [{ at, item }]);
  });
  return groups;
}

/** The teams' items, in the order the whole list had them. */
function inOrder<T>(groups: TeamGroups<T>, teams: ReadonlySet<string>): T[] {
  const picked: Array<{ at: number; item: T }> = [];
  for (const team of teams) picked.push(...(groups.get(team) ?? []));
  return picked.sort((x, y) => x.at - y.at).map((p) => p.item);
}

/** The compliance a team scope may see: its agents', its teams' (read by key, not by filtering the floor's). */
function scopedCompliance(c: ComplianceView, teams: ReadonlySet<string>, agents: ReadonlyArray<{ agentId: string }>): ComplianceView {
  const own = <T>(record: Record<string, T>, keys: Iterable<string>): Record<string, T> => {
    const out: Record<string, T> = {};
    for (const key of keys) if (Object.hasOwn(record, key)) out[key] = record[key]!;
    return out;
  };
  return {
    ...c,
    byAgent: own(c.byAgent, agents.map((x) => x.agentId)),
    byTeam: own(c.byTeam, teams),
    byTeamInterval: own(c.byTeamInterval, teams),
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

/**
 * Cuts one delta for many audiences. A floor with thousands of team-scoped screens has
 * thousands of audiences: filtering every changed agent once per audience would cost
 * audiences x agents per delta, so the delta is grouped by team once (on the first scoped
 * cut) and each audience takes its own teams' groups, in the delta's order: the same
 * result as filtering.
 */
export function deltaCutter(d: FloorDelta): (a: Audience) => FloorDelta {
  let groups: { agents: TeamGroups<FloorDelta['agents'][number]>; alerts: TeamGroups<Alert>; adherence: TeamGroups<NonNullable<FloorDelta['adherence']>[number]> } | undefined;
  return (a) => {
    if (a.teams === null && a.speech && a.callerNumbers === 'full') return d;
    if (a.teams === null) return { ...d, alerts: d.alerts.flatMap((alert) => alertFor(alert, a) ?? []) };
    groups ??= { agents: indexByTeam(d.agents), alerts: indexByTeam(d.alerts), adherence: indexByTeam(d.adherence ?? []) };
    const cut: FloorDelta = {
      ...d,
      agents: inOrder(groups.agents, a.teams),
      alerts: inOrder(groups.alerts, a.teams).flatMap((alert) => alertFor(alert, a) ?? []),
    };
    if (d.adherence !== undefined) cut.adherence = inOrder(groups.adherence, a.teams);
    return cut;
  };
}
