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

/**
 * Queue figures of one 15-minute interval (for the day's charts). `offered`, `answered`,
 * `answeredInThreshold` and `abandoned` count what happened in the interval: a call
 * offered at 09:14 and answered at 09:16 is offered in one interval and answered in the
 * next, so an interval (or a run of them) can show more answered than offered.
 */
export interface IntervalFigures {
  start: number;
  offered: number;
  answered: number;
  answeredInThreshold: number;
  abandoned: number;
  maxWaiting: number;
  /**
   * What became, so far, of the calls offered in this interval (whenever it happened):
   * answered, answered within the service-level threshold, abandoned. Never more than
   * `offered` together. Absent in an interval restored from a snapshot taken before they
   * were counted.
   */
  offeredAnswered?: number;
  offeredAnsweredInThreshold?: number;
  offeredAbandoned?: number;
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
