/** The live figures the server computes and the wallboard shows. All times are epoch ms. */
import type { AgentAdherence } from './schedule.js';
import type { NotReadyReason } from './events.js';
import type { RuleId } from './rules.js';

export const AGENT_STATE_NAMES = [
  'logged_out', 'available', 'ringing', 'talking', 'on_hold', 'after_call_work', 'not_ready',
] as const;
export type AgentStateName = (typeof AGENT_STATE_NAMES)[number];

export interface AgentView {
  agentId: string;
  name?: string;
  teamId?: string;
  role: 'agent' | 'lead';
  stationId?: string;
  state: AgentStateName;
  /** The not-ready reason; `none` when the agent went not-ready without one. */
  reason?: NotReadyReason | 'none';
  since: number;
  callId?: string;
  /** When the current call was answered (talk timer). */
  callSince?: number;
  /** When the current hold began (hold timer). */
  holdSince?: number;
  /** Calls answered and finished today. */
  handledToday: number;
  talkMs: number;
  holdMs: number;
  acwMs: number;
  /** (talk + hold + after-call work) / handled, seconds; null before the first call. */
  ahtSeconds: number | null;
  openAlerts: number;
  /** The queues whose calls this agent has been offered today (for filtering by queue). */
  queues: readonly string[];
  /** Schedule adherence; absent when the agent has no shift today. */
  adherence?: AgentAdherence;
}

/** The fields an agent may stop having (a call's id once the call has ended). */
export type OptionalAgentField = { [K in keyof AgentView]-?: {} extends Pick<AgentView, K> ? K : never }[keyof AgentView];

/**
 * An agent in a delta: its id, its team (a delta is cut per audience by team), and the
 * fields that changed since the last delta that named it. Some fields travel together
 * (AGENT_FIELDS_WITH): a change that carries `state` carries every one of reason, callId,
 * callSince and holdSince the agent has, and one it leaves out the agent no longer has; so
 * does `role` with name, teamId and stationId. `unset` names any other field the agent no
 * longer has. An agent the screen cannot know yet comes with every field. Whole views were
 * about 290 bytes an agent, and a busy floor's delta names most of its agents.
 */
export type AgentChange = Partial<AgentView> & Pick<AgentView, 'agentId'> & { unset?: OptionalAgentField[] };

/** The fields that travel with each of these in an AgentChange (see there). */
export const AGENT_FIELDS_WITH: ReadonlyArray<readonly [keyof AgentView, readonly OptionalAgentField[]]> = [
  ['state', ['reason', 'callId', 'callSince', 'holdSince']],
  ['role', ['name', 'teamId', 'stationId']],
];

/** The agent after `change`: a new object (what did not change is shared with `before`). */
export function applyAgentChange(before: AgentView | undefined, change: AgentChange): AgentView {
  const { unset, ...fields } = change;
  const after = { ...before, ...fields } as AgentView;
  for (const [lead, together] of AGENT_FIELDS_WITH) {
    if (!(lead in change)) continue;
    for (const key of together) if (!(key in change)) delete after[key];
  }
  for (const key of unset ?? []) delete after[key];
  return after;
}

/** One change that does what `first` then `then` do (a catch-up merges the deltas a screen missed). */
export function mergeAgentChanges(first: AgentChange, then: AgentChange): AgentChange {
  const { unset: unsetFirst, ...a } = first;
  const { unset: unsetThen, ...b } = then;
  const merged: Record<string, unknown> = { ...a, ...b };
  // Fields that travel with a lead `then` carries are `then`'s alone.
  for (const [lead, together] of AGENT_FIELDS_WITH) {
    if (!(lead in b)) continue;
    for (const key of together) if (!(key in b)) delete merged[key];
  }
  // Unset by `then`: gone. Unset by `first` and not set again by `then`: still gone.
  const unset = new Set<OptionalAgentField>(unsetThen ?? []);
  for (const key of unsetThen ?? []) delete merged[key];
  for (const key of unsetFirst ?? []) if (!(key in b)) unset.add(key);
  const change = merged as AgentChange;
  if (unset.size > 0) change.unset = [...unset];
  return change;
}

export interface CallFigures {
  offered: number;
  answered: number;
  abandoned: number;
  /** Abandoned before the short-abandon limit (often misdials or instant regrets). */
  shortAbandoned: number;
  /** Abandoned within the service-level threshold. */
  abandonedInThreshold: number;
  answeredInThreshold: number;
  /** Per the configured service-level formula, as a fraction 0..1; null with no calls. */
  serviceLevel: number | null;
  asaSeconds: number | null;
  /** abandoned / (answered + abandoned); null with no calls. */
  abandonRate: number | null;
  ahtSeconds: number | null;
  handled: number;
  waiting: number;
  /** When the oldest waiting call entered the queue, so clients tick the wait locally. */
  oldestWaitingSince: number | null;
  longestWaitSeconds: number;
}

/** Agents serving a queue (those its calls have rung today), by what they are doing. */
export interface QueueAgents {
  available: number;
  /** Ringing, talking or holding. */
  onCall: number;
  afterCallWork: number;
  notReady: number;
}

export interface QueueFigures extends CallFigures {
  queue: string;
  agents: QueueAgents;
}

export interface FloorFigures extends CallFigures {
  agentsByState: Record<AgentStateName, number>;
  openAlertsBySeverity: { info: number; warning: number; critical: number };
}

export interface ServiceLevelSpec {
  mode: 'abandons-against' | 'abandons-ignored' | 'threshold-abandons-excluded' | 'threshold-abandons-met';
  thresholdSeconds: number;
  shortAbandonSeconds: number;
  /** The formula in words, for the API output and the wallboard's legend. */
  formula: string;
}

export interface ComplianceCount {
  passed: number;
  failed: number;
}

/** rule -> counts. Rules with no checks yet are absent. */
export type ComplianceByRule = Partial<Record<RuleId, ComplianceCount>>;

export interface ComplianceView {
  /** Today, for the whole floor. */
  floor: ComplianceByRule;
  byAgent: Record<string, ComplianceByRule>;
  byTeam: Record<string, ComplianceByRule>;
  byQueue: Record<string, ComplianceByRule>;
  /** Floor-wide, keyed by the 15-minute interval's start (epoch ms). */
  byInterval: Record<string, ComplianceByRule>;
  /** team -> interval start -> counts. */
  byTeamInterval: Record<string, Record<string, ComplianceByRule>>;
  /** queue -> interval start -> counts. */
  byQueueInterval: Record<string, Record<string, ComplianceByRule>>;
}

/** Queue figures of one 15-minute interval (for the day's charts). */
export interface IntervalFigures {
  start: number;
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  maxWaiting: number;
}

/** One stretch of an agent's day in a single state (the agent panel's timeline). */
export interface TimelineEntry {
  state: AgentStateName;
  reason?: NotReadyReason | 'none';
  from: number;
  /** null while it lasts. */
  to: number | null;
  callId?: string;
}

export interface AgentDay {
  agentId: string;
  day: string;
  timeline: TimelineEntry[];
  compliance: ComplianceByRule;
}
