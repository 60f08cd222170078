/**
 * Read models: what the API and the wallboard show, computed from the state at a moment.
 * Pure functions; the runtime calls them for snapshots and for the agents and queues a
 * delta names.
 */
import type {
  AgentView, CallFigures, ComplianceByRule, ComplianceView, FloorFigures, IntervalFigures, QueueAgents, QueueFigures,
} from '../../shared/figures.js';
import { AGENT_STATE_NAMES, type AgentStateName } from '../../shared/figures.js';
import { agentAdherence } from './schedule/adherence.js';
import { serviceLevel } from './service-level.js';
import type { AgentRecord, EngineState, QueueRecord } from './state.js';

export function agentView(state: EngineState, a: AgentRecord): AgentView {
  const call = a.callId === undefined ? undefined : state.calls.get(a.callId);
  const workMs = a.talkMs + a.holdMs + a.acwMs;
  const adherence = agentAdherence(state, a.agentId);
  return {
    agentId: a.agentId,
    ...(a.name !== undefined && { name: a.name }),
    ...(a.teamId !== undefined && { teamId: a.teamId }),
    role: a.role,
    ...(a.stations[0] !== undefined && { stationId: a.stations[0] }),
    state: a.state,
    ...(a.state === 'not_ready' && { reason: a.reason ?? 'none' }),
    since: a.since,
    ...((a.callId ?? a.ringingCallId ?? a.acwCallId) !== undefined && { callId: a.callId ?? a.ringingCallId ?? a.acwCallId }),
    ...(call?.legAnsweredAt !== undefined && { callSince: call.legAnsweredAt }),
    ...(call?.holdAt !== undefined && { holdSince: call.holdAt }),
    handledToday: a.handledToday,
    talkMs: a.talkMs,
    holdMs: a.holdMs,
    acwMs: a.acwMs,
    ahtSeconds: a.handledToday > 0 ? workMs / a.handledToday / 1000 : null,
    openAlerts: a.openAlerts,
    queues: a.queues,
    ...(adherence !== undefined && { adherence }),
  };
}

type Counters = Omit<QueueRecord, 'queue' | 'waiting'>;

function figures(c: Counters, waiting: number, oldest: number | null, state: EngineState, now: number): CallFigures {
  const counted = c.answered + c.abandoned - c.shortAbandoned;
  return {
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    abandonedInThreshold: c.abandonedInThreshold,
    answeredInThreshold: c.answeredInThreshold,
    serviceLevel: serviceLevel(c, state.rules.serviceLevel.mode),
    asaSeconds: c.answered > 0 ? c.waitMsTotal / c.answered / 1000 : null,
    abandonRate: counted > 0 ? (c.abandoned - c.shortAbandoned) / counted : null,
    ahtSeconds: c.handled > 0 ? c.handleMsTotal / c.handled / 1000 : null,
    handled: c.handled,
    waiting,
    oldestWaitingSince: oldest,
    longestWaitSeconds: oldest === null ? 0 : Math.max(0, (now - oldest) / 1000),
  };
}

/** Map order is arrival order, so the first waiting call is the oldest. */
function oldestWaiting(q: QueueRecord): number | null {
  const first = q.waiting.values().next();
  return first.done ? null : first.value;
}

/**
 * Agents per queue by what they are doing, for every queue in one pass over the floor:
 * per queue it would be a pass each, on every delta, over tens of thousands of agents.
 */
export function agentsPerQueue(state: EngineState): Map<string, QueueAgents> {
  const all = new Map<string, QueueAgents>();
  for (const a of state.agents.values()) {
    for (const queue of a.queues) {
      let counts = all.get(queue);
      if (counts === undefined) {
        counts = { available: 0, onCall: 0, afterCallWork: 0, notReady: 0 };
        all.set(queue, counts);
      }
      if (a.state === 'available') counts.available += 1;
      else if (a.state === 'ringing' || a.state === 'talking' || a.state === 'on_hold') counts.onCall += 1;
      else if (a.state === 'after_call_work') counts.afterCallWork += 1;
      else if (a.state === 'not_ready') counts.notReady += 1;
    }
  }
  return all;
}

/** `perQueue`: agentsPerQueue(state), when figures for several queues are wanted at once. */
export function queueFigures(state: EngineState, q: QueueRecord, now = state.time, perQueue = agentsPerQueue(state)): QueueFigures {
  const agents = perQueue.get(q.queue) ?? { available: 0, onCall: 0, afterCallWork: 0, notReady: 0 };
  return { queue: q.queue, ...figures(q, q.waiting.size, oldestWaiting(q), state, now), agents };
}

export function floorFigures(state: EngineState, now = state.time): FloorFigures {
  const sum: Counters = {
    offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, abandonedInThreshold: 0,
    answeredInThreshold: 0, waitMsTotal: 0, handled: 0, handleMsTotal: 0,
  };
  let waiting = 0;
  let oldest: number | null = null;
  for (const q of state.queues.values()) {
    for (const k of Object.keys(sum) as (keyof Counters)[]) sum[k] += q[k];
    waiting += q.waiting.size;
    const first = oldestWaiting(q);
    if (first !== null && (oldest === null || first < oldest)) oldest = first;
  }
  const base = figures(sum, waiting, oldest, state, now);
  const agentsByState = Object.fromEntries(AGENT_STATE_NAMES.map((s) => [s, 0])) as Record<AgentStateName, number>;
  for (const a of state.agents.values()) agentsByState[a.state] += 1;
  const openAlertsBySeverity = { info: 0, warning: 0, critical: 0 };
  for (const alert of state.alerts.values()) openAlertsBySeverity[alert.severity] += 1;
  return { ...base, agentsByState, openAlertsBySeverity };
}

const toRecord = <K>(m: Map<K, ComplianceByRule>): Record<string, ComplianceByRule> =>
  Object.fromEntries([...m].map(([k, v]) => [String(k), v]));

export function complianceView(state: EngineState): ComplianceView {
  const c = state.compliance;
  return {
    floor: c.floor,
    byAgent: toRecord(c.byAgent),
    byTeam: toRecord(c.byTeam),
    byQueue: toRecord(c.byQueue),
    byInterval: toRecord(c.byInterval),
    byTeamInterval: Object.fromEntries([...c.byTeamInterval].map(([team, m]) => [team, toRecord(m)])),
    byQueueInterval: Object.fromEntries([...c.byQueueInterval].map(([queue, m]) => [queue, toRecord(m)])),
  };
}

export { teamAdherence } from './schedule/adherence.js';

export function intervalFigures(state: EngineState): IntervalFigures[] {
  return [...state.intervals.values()].sort((a, b) => a.start - b.start);
}
