/**
 * What each role receives (policy articles 97-98: customer information reaches nobody not
 * authorised). The floor produces one snapshot and one delta stream; this cuts them per
 * audience: a shift lead sees only their teams' agents and alerts, a TV never sees a
 * customer number, a customer name, transcript text, a note a person typed or a phone
 * system's call id (publicAlert, publicAgent), and the roles that do not need a full
 * caller number get it masked.
 */
import type { Role } from '../../shared/access.js';
import { withoutCallId } from '../../shared/alert-titles.js';
import { ALERT_REASONS, type Alert, type AlertHistoryEntry, type AlertReasonCode, type AlertReasonParams } from '../../shared/alerts.js';
import type { AgentView, ComplianceView } from '../../shared/figures.js';
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
  /**
   * A screen anyone walking past can read (the TV in the seating area). It gets no words a
   * person typed (a lead writes "called back Zhang Wei on 139..." in a note) and no phone
   * system's call ids (a Twilio CallSid, a Connect ContactId, an Asterisk uniqueid finds
   * the customer in that system's records): see publicAlert and publicAgent.
   */
  publicScreen: boolean;
}

const POLICY: Record<Role, { numbers: Audience['callerNumbers']; speech: boolean; scoped: boolean; publicScreen: boolean }> = {
  // Managers read everything (and receive the last escalation step).
  manager: { numbers: 'full', speech: true, scoped: false, publicScreen: false },
  // Supervisors and leads act on what agents said, but need no full customer number.
  supervisor: { numbers: 'masked', speech: true, scoped: false, publicScreen: false },
  lead: { numbers: 'masked', speech: true, scoped: true, publicScreen: false },
  // Administrators run the system, not the floor's conversations.
  admin: { numbers: 'masked', speech: false, scoped: false, publicScreen: false },
  // The TV in the seating area: nothing about customers, ever, nor anything that leads to one.
  display: { numbers: 'none', speech: false, scoped: false, publicScreen: true },
};

/**
 * The key of a role over these teams (null: the whole floor). The teams as a JSON list,
 * not joined with commas: a team id may itself hold a comma, and a lead of the one team
 * "A,B" must never share the room (and the cached snapshot) of a lead of A and B.
 */
export function audienceKey(role: Role, teams: readonly string[] | null): string {
  return teams === null ? role : `${role}:${JSON.stringify([...new Set(teams)].sort())}`;
}

export function audienceOf(viewer: Viewer): Audience {
  const p = POLICY[viewer.role];
  const teams = p.scoped ? [...new Set(viewer.teams)].sort() : null;
  return {
    key: audienceKey(viewer.role, teams),
    role: viewer.role,
    teams: teams ? new Set(teams) : null,
    callerNumbers: p.numbers,
    speech: p.speech,
    publicScreen: p.publicScreen,
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
  if (a.publicScreen) return publicAlert(alert);
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

/**
 * How each field of an alert reaches a public screen (Audience.publicScreen). A Record, so a
 * field added to the contract does not compile until someone decides whether a TV may show
 * it; a field not listed (an older or newer stored alert's) is not sent.
 * - Typed words are dropped: the acknowledge and escalation notes, the resolution text,
 *   history notes and comments (a person's, or the system's English, which may quote a
 *   person's).
 * - Call ids are dropped: `callId`, and any in the title or its `call` parameter.
 * - The subject's id is rewritten (publicSubject): the engine's key may hold a call's id or
 *   a feed's event id.
 * - Evidence (the feed's event ids, which may be the phone system's) is emptied.
 * - A resolution's or history entry's machine code stays (it is not free text), without a
 *   `note` parameter (a person's words).
 */
const ON_PUBLIC_SCREEN: Record<keyof Alert, 'keep' | 'drop' | 'rewrite'> = {
  id: 'keep', rule: 'keep', article: 'keep', severity: 'keep', kind: 'keep', status: 'keep',
  title: 'rewrite', titleCode: 'keep', titleParams: 'rewrite', subject: 'rewrite', agentId: 'keep', teamId: 'keep', callId: 'drop', queue: 'keep',
  openedAt: 'keep', updatedAt: 'keep', acknowledgedAt: 'keep', acknowledgedBy: 'keep', acknowledgeNote: 'drop',
  escalatedBy: 'keep', escalationNote: 'drop',
  resolvedAt: 'keep', resolvedBy: 'keep', resolution: 'drop', resolutionCode: 'rewrite', resolutionParams: 'rewrite',
  escalationLevel: 'keep', escalatesAt: 'keep', evidence: 'rewrite', occurrences: 'keep', history: 'rewrite',
  // Points taken are a person's standing: not for the seating area.
  owner: 'keep', pointsTaken: 'drop', sensitive: 'drop',
};
const KEPT_ON_PUBLIC_SCREEN = (Object.keys(ON_PUBLIC_SCREEN) as Array<keyof Alert>).filter((k) => ON_PUBLIC_SCREEN[k] === 'keep');

const HISTORY_ON_PUBLIC_SCREEN: Record<keyof AlertHistoryEntry, 'keep' | 'drop' | 'rewrite'> = {
  at: 'keep', action: 'keep', by: 'keep', level: 'keep', note: 'drop', comment: 'drop', noteCode: 'rewrite', noteParams: 'rewrite',
};
const HISTORY_KEPT_ON_PUBLIC_SCREEN = (Object.keys(HISTORY_ON_PUBLIC_SCREEN) as Array<keyof AlertHistoryEntry>)
  .filter((k) => HISTORY_ON_PUBLIC_SCREEN[k] === 'keep');

/** A code whose words quote a person's note, and its counterpart without them. */
const WITHOUT_NOTE: Partial<Record<AlertReasonCode, AlertReasonCode>> = { leaveApprovedWithNote: 'leaveApproved' };

/** The alert as a public screen may see it (see ON_PUBLIC_SCREEN). */
export function publicAlert(alert: Alert): Alert {
  const out: Record<string, unknown> = {};
  for (const key of KEPT_ON_PUBLIC_SCREEN) if (alert[key] !== undefined) out[key] = alert[key];
  // A call subject's id is the call's id, or the call's id and an agent's (`call:agent`).
  const callIds = [alert.callId, ...(alert.subject.kind === 'call' ? [alert.subject.id, alert.subject.id.split(':')[0]] : [])];
  out.title = withoutCallIds(alert.title, callIds);
  if (alert.titleParams !== undefined) out.titleParams = withoutCallId(alert.titleParams);
  out.subject = publicSubject(alert);
  out.evidence = [];
  out.history = (alert.history ?? []).map(publicHistoryEntry);
  const reason = publicReason(alert.resolutionCode, alert.resolutionParams);
  if (reason !== undefined) {
    out.resolutionCode = reason.code;
    if (reason.params !== undefined) out.resolutionParams = reason.params;
  }
  return out as unknown as Alert;
}

/**
 * The subject with an id a public screen may show. The engine's subject ids are its keys,
 * not names: a call's id, `<call>:<agent>`, or `<agent>:<feed event id>` for an urgent
 * report without a call (engine/rules/urgent-escalation.ts), and a feed's event id may be
 * the phone system's. So only what the alert names on its own stays: an agent subject
 * becomes the alert's agent, a queue subject its queue; anything else (a call, the floor)
 * the alert's own id, so a screen still tells two alerts apart.
 */
function publicSubject(alert: Alert): Alert['subject'] {
  const { kind } = alert.subject;
  if (kind === 'agent' && alert.agentId !== undefined) return { kind, id: alert.agentId };
  if (kind === 'queue' && alert.queue !== undefined) return { kind, id: alert.queue };
  return { kind, id: alert.id };
}

function publicHistoryEntry(entry: AlertHistoryEntry): AlertHistoryEntry {
  const out: Record<string, unknown> = {};
  for (const key of HISTORY_KEPT_ON_PUBLIC_SCREEN) if (entry[key] !== undefined) out[key] = entry[key];
  const reason = publicReason(entry.noteCode, entry.noteParams);
  if (reason !== undefined) {
    out.noteCode = reason.code;
    if (reason.params !== undefined) out.noteParams = reason.params;
  }
  return out as unknown as AlertHistoryEntry;
}

/** A machine code without a person's words: its `note` parameter goes, and with it a code that quotes it. */
function publicReason(code: AlertReasonCode | undefined, params: AlertReasonParams | undefined): { code: AlertReasonCode; params?: AlertReasonParams } | undefined {
  if (code === undefined) return undefined;
  const { note, ...rest } = params ?? {};
  if (!ALERT_REASONS[code]?.includes('{note}')) {
    return params === undefined ? { code } : { code, params: note === undefined ? params : rest };
  }
  const without = WITHOUT_NOTE[code];
  return without === undefined ? undefined : { code: without, params: rest };
}

/** The title with any of these call ids (as whole words) starred out: a rule may name the call it is about. */
function withoutCallIds(title: string, ids: ReadonlyArray<string | undefined>): string {
  let out = title;
  for (const id of ids) {
    if (id === undefined || id.length === 0 || !out.includes(id)) continue;
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'g'), '***');
  }
  return out;
}

/** The agent (a view, or a delta's change of one) as a public screen may see it: without its call's id. */
export function publicAgent<T extends Pick<Partial<AgentView>, 'callId'>>(agent: T): T {
  if (agent.callId === undefined) return agent;
  const { callId: _callId, ...rest } = agent;
  return rest as T;
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
      return { ...s, agents: agentsFor(s.agents, a), alerts: s.alerts.flatMap((alert) => alertFor(alert, a) ?? []), adherence: adherenceFor(s.adherence, a) };
    }
    groups ??= { agents: indexByTeam(s.agents), alerts: indexByTeam(s.alerts), adherence: indexByTeam(s.adherence) };
    const agents = inOrder(groups.agents, a.teams);
    return {
      ...s, agents: agentsFor(agents, a),
      alerts: inOrder(groups.alerts, a.teams).flatMap((alert) => alertFor(alert, a) ?? []),
      compliance: scopedCompliance(s.compliance, a.teams, agents),
      adherence: adherenceFor(inOrder(groups.adherence, a.teams), a),
    };
  };
}

/**
 * Team adherence as this audience may see it. A public screen gets the teams' figures but
 * not who is scheduled and not in: those are names of people who never logged in, which
 * the TV is sent nowhere else (it shows only the agents a feed has named).
 */
function adherenceFor<T extends { notIn?: unknown }>(teams: T[], a: Audience): T[] {
  if (!a.publicScreen) return teams;
  return teams.map((team) => {
    if (team.notIn === undefined) return team;
    const { notIn: _notIn, ...figures } = team;
    return figures as T;
  });
}

/** The agents as this audience may see them (a public screen: without call ids). */
function agentsFor<T extends Pick<Partial<AgentView>, 'callId'>>(agents: T[], a: Audience): T[] {
  return a.publicScreen ? agents.map(publicAgent) : agents;
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
  // A loop, not push(...): a team of a big floor is too many arguments.
  for (const team of teams) for (const item of groups.get(team) ?? []) picked.push(item);
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
  return { ...a, key: audienceKey(a.role, teams), teams: new Set(teams) };
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
    if (a.teams === null) {
      const cut: FloorDelta = { ...d, agents: agentsFor(d.agents, a), alerts: d.alerts.flatMap((alert) => alertFor(alert, a) ?? []) };
      if (d.adherence !== undefined) cut.adherence = adherenceFor(d.adherence, a);
      return cut;
    }
    groups ??= { agents: indexByTeam(d.agents), alerts: indexByTeam(d.alerts), adherence: indexByTeam(d.adherence ?? []) };
    const cut: FloorDelta = {
      ...d,
      agents: agentsFor(inOrder(groups.agents, a.teams), a),
      alerts: inOrder(groups.alerts, a.teams).flatMap((alert) => alertFor(alert, a) ?? []),
    };
    if (d.adherence !== undefined) cut.adherence = adherenceFor(inOrder(groups.adherence, a.teams), a);
    return cut;
  };
}
