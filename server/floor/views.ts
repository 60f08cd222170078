/**
 * What the floor answers about its state, as pure functions of the engine state (and, for
 * an agent's day, the log): kept apart from the runtime in floor.ts, which only orders
 * inputs, persists and sends.
 */
import type { Alert } from '../../shared/alerts.js';
import type { AgentDay } from '../../shared/figures.js';
import type { FloorSnapshot } from '../../shared/wallboard.js';
import { copyAlert } from '../engine/alerts.js';
import { serviceLevelSpec } from '../engine/service-level.js';
import type { EngineState } from '../engine/state.js';
import { agentsPerQueue, agentView, complianceView, floorFigures, intervalFigures, queueFigures } from '../engine/views.js';
import type { EventLog } from '../storage/types.js';
import { timelineOf } from './agent-day.js';
import { screenAdherence } from './not-in.js';

export function snapshotOf(s: EngineState, head: { seq: number; serverTime: number; demo: boolean }): FloorSnapshot {
  const perQueue = agentsPerQueue(s);
  return {
    ...head,
    at: s.time,
    day: s.day,
    timezone: s.rules.timezone,
    agents: [...s.agents.values()].map((a) => agentView(s, a)),
    queues: [...s.queues.values()].map((q) => queueFigures(s, q, s.time, perQueue)),
    floor: floorFigures(s),
    alerts: liveAlertsOf(s),
    compliance: complianceView(s),
    intervals: intervalFigures(s),
    serviceLevel: serviceLevelSpec(s.rules.serviceLevel),
    adherence: screenAdherence(s),
  };
}

/** The live (open or acknowledged) alerts, as copies a caller may keep or change. */
export function liveAlertsOf(s: EngineState): Alert[] {
  return [...s.alerts.values()].map(copyAlert);
}

/** The agent and team a call in progress belongs to (for hold approval by team). */
export function callOwnerOf(s: EngineState, callId: string): { agentId?: string; teamId?: string } | undefined {
  const call = s.calls.get(callId);
  if (!call) return undefined;
  const agentId = call.agentId ?? call.ringingAgentId;
  const teamId = agentId === undefined ? undefined : s.agents.get(agentId)?.teamId;
  return { ...(agentId !== undefined && { agentId }), ...(teamId !== undefined && { teamId }) };
}

/** The agent's day: timeline of states and calls (read back from the log), compliance. */
export async function agentDayOf(s: EngineState, log: EventLog, agentId: string): Promise<AgentDay | undefined> {
  if (!s.agents.has(agentId)) return undefined;
  const from = s.dayStart;
  const until = s.time;
  const own = await log.eventsAbout({ agentId, from, to: until + 1 });
  const callIds = own.flatMap((e) => (e.payload.kind === 'event' && 'callId' in e.payload.event ? [String(e.payload.event.callId)] : []));
  const all = await log.eventsAbout({ agentId, callIds, from, to: until + 1 });
  const events = all.flatMap((e) => (e.payload.kind === 'event' ? [e.payload.event] : []));
  return {
    agentId,
    day: s.day,
    timeline: timelineOf(agentId, events, s.rules, from, until),
    compliance: s.compliance.byAgent.get(agentId) ?? {},
  };
}
