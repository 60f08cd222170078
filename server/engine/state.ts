/**
 * The engine's whole state: plain data (Maps and Sets included) that serialises to JSON
 * for snapshots and comes back equal. Nothing here does I/O or reads a clock.
 */
import type { Alert } from '../../shared/alerts.js';
import type { NotReadyReason } from '../../shared/events.js';
import type { AgentStateName, ComplianceByRule, IntervalFigures } from '../../shared/figures.js';
import type { RuleId } from '../../shared/rules.js';
import { rulesConfigSchema, type RulesConfig } from '../../shared/rules-config.js';
import type { Deadline } from './deadlines.js';
import { pushDeadline } from './deadlines.js';
import { emptyPlan, type PlanState } from './schedule/plan-state.js';

export interface AgentRecord {
  agentId: string;
  name?: string;
  teamId?: string;
  role: 'agent' | 'lead';
  /** Stations the number is logged in at; more than one breaks article 100. */
  stations: string[];
  /** Queues whose calls have rung at this agent: the queues the agent serves. Replaced, never changed in place. */
  queues: readonly string[];
  /** Logged in at one station at least (or seen working although the feed missed the login). */
  loggedIn: boolean;
  presence: 'available' | 'not_ready';
  reason?: NotReadyReason | 'none';
  presenceSince: number;
  /** The displayed state, derived from presence and calls (see agents.ts). */
  state: AgentStateName;
  since: number;
  /** Start of the stretch of `state` not yet added to today's totals. */
  accountedFrom: number;
  ringingCallId?: string;
  callId?: string;
  acwCallId?: string;
  acwSince?: number;
  /** The queue of the call in after-call work, so its handle time lands in that queue. */
  acwQueue?: string;
  handledToday: number;
  talkMs: number;
  holdMs: number;
  acwMs: number;
  openAlerts: number;
  /** Set while an off-hook-rest alert was raised during the current rest (for compliance). */
  restBreached?: boolean;
  /** A not-ready stretch is under way whose compliance check is still to be counted. */
  awayPending?: boolean;
  /**
   * The call whose record (art. 77) this agent owes: set when its after-call work starts,
   * cleared by its wrap-up. Still set when after-call work ends another way: the breach.
   */
  recordOwed?: string;
}

export interface CallRecord {
  callId: string;
  queue: string;
  direction: 'inbound' | 'outbound';
  numberClass: 'customer' | 'internal' | 'private' | 'unknown';
  from?: string;
  /** True when the feed never sent call.offered (e.g. it started mid-call): kept out of queue figures. */
  implicit: boolean;
  offeredAt: number;
  waiting: boolean;
  ringingAgentId?: string;
  ringingAt?: number;
  ringEventId?: string;
  /** The agent connected now. */
  agentId?: string;
  answeredAt?: number;
  /** When the current agent's leg was answered (differs from answeredAt after a transfer). */
  legAnsweredAt?: number;
  /** How long the answering agent's phone rang before this answer. */
  answerRingMs?: number;
  ringCheckDone: boolean;
  /** The agent whose unanswered-ring alert (art. 60) is open: the rule hears of the ring ending after ringingAgentId has moved on. */
  ringAlertAgentId?: string;
  answeredLate: boolean;
  apologyDue: boolean;
  /** agentUtterances when the late answer came: the apology is judged on the answering agent's own utterances. */
  apologyFromUtterance?: number;
  agentUtterances: number;
  greetingChecked: boolean;
  /** Whose opening greetingChecked is about: each agent on the call (after a transfer) opens anew. */
  greetedAgentId?: string;
  /** Articles 60-76's rules have judged this call (as a customer's): they follow it to its end (rules/customer-calls.ts). */
  judgedAsCustomers: boolean;
  /** A forbidden phrase was heard in the current agent's part of the call (since forbiddenFromUtterance). */
  forbiddenHeard: boolean;
  /** agentUtterances when the current agent's part began being checked (art. 68 is one check per agent's part). */
  forbiddenFromUtterance: number;
  /** Snapshots from before deductions were per agent: true deducted the whole call once. */
  politeDeducted?: boolean;
  /** Whom the polite-language deduction (art. 105.7) was proposed for on this call: once per agent on it. */
  politeDeductedAgents?: string[];
  /** The private-call breach (art. 105.4) was flagged on this call: one failed check and one deduction per call. */
  privateFlagged?: boolean;
  holdAt?: number;
  holdAllowedMs?: number;
  holdConsent?: boolean;
  surveyTransferred: boolean;
  /** The agent whose leg ended last (who is in after-call work for it). */
  lastAgentId?: string;
  /** The call ended while an agent was connected (not after a transfer away). */
  endedWithAgent?: boolean;
  ended: boolean;
  endedAt?: number;
}

/*
 * Agent and call records are made with every field present, the optional ones undefined,
 * and a field is cleared by setting it undefined, never with `delete`: so every record has
 * one shape (V8's hidden class). Deleting a property turns an object into a dictionary;
 * that had happened to 90% of a floor's agent records, each then bigger and slower to read
 * on every event. Records read back from a snapshot are given the same shape (reshape).
 */

export function blankAgent(agentId: string, now: number): AgentRecord {
  return {
    agentId,
    name: undefined,
    teamId: undefined,
    role: 'agent',
    stations: [],
    queues: [],
    loggedIn: false,
    presence: 'available',
    reason: undefined,
    presenceSince: now,
    state: 'logged_out',
    since: now,
    accountedFrom: now,
    ringingCallId: undefined,
    callId: undefined,
    acwCallId: undefined,
    acwSince: undefined,
    acwQueue: undefined,
    handledToday: 0,
    talkMs: 0,
    holdMs: 0,
    acwMs: 0,
    openAlerts: 0,
    restBreached: undefined,
    awayPending: undefined,
    recordOwed: undefined,
  };
}

export function blankCall(callId: string, now: number): CallRecord {
  return {
    callId,
    queue: '(unknown)',
    direction: 'inbound',
    numberClass: 'unknown',
    from: undefined,
    implicit: true,
    offeredAt: now,
    waiting: false,
    ringingAgentId: undefined,
    ringingAt: undefined,
    ringEventId: undefined,
    agentId: undefined,
    answeredAt: undefined,
    legAnsweredAt: undefined,
    answerRingMs: undefined,
    ringCheckDone: false,
    ringAlertAgentId: undefined,
    answeredLate: false,
    apologyDue: false,
    apologyFromUtterance: undefined,
    agentUtterances: 0,
    greetingChecked: false,
    greetedAgentId: undefined,
    judgedAsCustomers: false,
    forbiddenHeard: false,
    forbiddenFromUtterance: 0,
    politeDeducted: undefined,
    politeDeductedAgents: undefined,
    privateFlagged: undefined,
    holdAt: undefined,
    holdAllowedMs: undefined,
    holdConsent: undefined,
    surveyTransferred: false,
    lastAgentId: undefined,
    endedWithAgent: undefined,
    ended: false,
    endedAt: undefined,
  };
}

/** The records of a parsed snapshot, in the shape blankAgent and blankCall give (their fields first, in order). */
function reshape<K, T extends object>(records: Map<K, T>, blank: (record: T) => T): void {
  for (const [key, record] of records) records.set(key, Object.assign(blank(record), record));
}

export interface QueueRecord {
  queue: string;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  abandonedInThreshold: number;
  answeredInThreshold: number;
  waitMsTotal: number;
  handled: number;
  handleMsTotal: number;
  /** callId -> when it joined the queue; Map order is arrival order. */
  waiting: Map<string, number>;
}

export interface CallbackPromise {
  callId: string;
  agentId: string;
  due: number;
  promisedEventId: string;
  overdue: boolean;
}

export interface Compliance {
  floor: ComplianceByRule;
  byAgent: Map<string, ComplianceByRule>;
  byTeam: Map<string, ComplianceByRule>;
  byQueue: Map<string, ComplianceByRule>;
  byInterval: Map<number, ComplianceByRule>;
  byTeamInterval: Map<string, Map<number, ComplianceByRule>>;
  byQueueInterval: Map<string, Map<number, ComplianceByRule>>;
}

export interface EngineState {
  version: 1;
  rules: RulesConfig;
  /** Engine time: the last moment processed. Never goes back. */
  time: number;
  /** The centre-local day (YYYY-MM-DD) the daily figures belong to. */
  day: string;
  dayStart: number;
  agents: Map<string, AgentRecord>;
  calls: Map<string, CallRecord>;
  queues: Map<string, QueueRecord>;
  /** Open and acknowledged alerts (resolved ones leave the state; storage keeps them). */
  alerts: Map<string, Alert>;
  /** `${rule}|${subject.kind}:${subject.id}` -> alert id: one live alert per rule and subject. */
  alertIndex: Map<string, string>;
  nextAlertNo: number;
  deadlines: Deadline[];
  nextDeadlineNo: number;
  callbacks: Map<string, CallbackPromise>;
  /** Calls that have waited past rest-off-hook's limit and still wait. */
  longWaiting: Set<string>;
  /** Logged-in agents resting off-hook now. */
  resting: Set<string>;
  compliance: Compliance;
  intervals: Map<number, IntervalFigures>;
  /** Schedules, attendance, adherence and the award counters (server/engine/schedule/). */
  plan: PlanState;
  /**
   * The feed has sent a wrap-up (art. 77) on this floor: only then is a call that ends
   * without one a call left unrecorded. PBX feeds (AMI, queue_log, FreeSWITCH) never send
   * wrap-ups; without this every call of theirs would be flagged. Absent in older snapshots.
   */
  wrapUpsReported?: boolean;
}

export type { RuleId };

export function emptyCompliance(): Compliance {
  return {
    floor: {}, byAgent: new Map(), byTeam: new Map(), byQueue: new Map(), byInterval: new Map(),
    byTeamInterval: new Map(), byQueueInterval: new Map(),
  };
}

/** Maps and Sets survive JSON as tagged arrays; everything else is plain data. */
function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value.entries()] };
  if (value instanceof Set) return { $set: [...value.values()] };
  return value;
}
/**
 * The tagged arrays back to Maps and Sets, in place, over parsed JSON. (A JSON.parse
 * reviver does the same but is called for every value: 2.5x slower on a 36 MB state.)
 */
function restoreCollections(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreCollections(value[i]);
    return value;
  }
  const v = value as Record<string, unknown> & { $map?: unknown; $set?: unknown };
  if (Array.isArray(v.$map)) {
    const entries = v.$map as [unknown, unknown][];
    for (const entry of entries) entry[1] = restoreCollections(entry[1]);
    return new Map(entries);
  }
  if (Array.isArray(v.$set)) return new Set(v.$set);
  for (const key of Object.keys(v)) v[key] = restoreCollections(v[key]);
  return v;
}

/** The month and quarter boundaries (awards, art. 104); each boundary schedules the next. */
export function schedulePlanTimers(state: EngineState): void {
  const { month, quarter } = state.plan.awards;
  pushDeadline(state.deadlines, { at: month.next, no: state.nextDeadlineNo++, owner: 'core', kind: 'month', key: month.key, ref: month.next });
  pushDeadline(state.deadlines, { at: quarter.next, no: state.nextDeadlineNo++, owner: 'core', kind: 'quarter', key: quarter.key, ref: quarter.next });
}

export function serializeState(state: EngineState): string {
  return JSON.stringify(state, replacer);
}

export function deserializeState(text: string): EngineState {
  return stateFromJson(JSON.parse(text));
}

/** The state from its JSON already parsed (a snapshot body holds it inline). Takes ownership of `json`. */
export function stateFromJson(json: unknown): EngineState {
  const state = restoreCollections(json) as EngineState;
  if (state.version !== 1) throw new Error(`unsupported engine state version ${String(state.version)}`);
  reshape(state.agents, (a) => blankAgent(a.agentId, a.since));
  reshape(state.calls, (c) => blankCall(c.callId, c.offeredAt));
  // A snapshot from before schedules existed: an empty plan, and its award timers.
  if (state.plan === undefined) {
    state.rules = rulesConfigSchema.parse(state.rules); // fills the sections added since (points ...)
    state.plan = emptyPlan(state.time, state.rules.timezone);
    schedulePlanTimers(state);
  }
  return state;
}
