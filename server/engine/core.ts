/**
 * The core of a step: what an event does to agents, calls and queues, before any rule
 * looks at it. Rules read the result; they never change these records themselves
 * (except hold approval, which is the hold rule's own field).
 *
 * Feeds are imperfect (a missed login, a call first seen ringing), so nothing here
 * assumes the previous event arrived: unknown agents and calls are created on sight.
 */
import type { EventOf, FloorEvent } from '../../shared/events.js';
import { accountAgent, getAgent, refreshAgent } from './agents.js';
import { AGENT_FIELDS, touchAgent, type Ctx } from './context.js';
import {
  afterCallWorkDone, callAnsweredInQueue, callJoined, callLeftQueueOtherwise, callLeftUnanswered, legHandled,
} from './queues.js';
import { blankCall, type AgentRecord, type CallRecord, type EngineState } from './state.js';
import { teamFromPlan } from './schedule/agent-team.js';

export function getCall(ctx: Ctx, callId: string): CallRecord {
  let call = ctx.state.calls.get(callId);
  if (!call) {
    call = blankCall(callId, ctx.now);
    ctx.state.calls.set(callId, call);
  }
  return call;
}

function stopRinging(ctx: Ctx, call: CallRecord): void {
  if (call.ringingAgentId === undefined) return;
  const agent = ctx.state.agents.get(call.ringingAgentId);
  if (agent?.ringingCallId === call.callId) {
    agent.ringingCallId = undefined;
    refreshAgent(ctx, agent);
  }
  call.ringingAgentId = undefined;
  call.ringingAt = undefined;
  call.ringEventId = undefined;
}

/** The connected agent's part of the call is over (hang-up or transfer): after-call work begins. */
function endLeg(ctx: Ctx, call: CallRecord): void {
  if (call.agentId === undefined) return;
  const agent = getAgent(ctx, call.agentId);
  const talkMs = call.legAnsweredAt === undefined ? 0 : ctx.now - call.legAnsweredAt;
  call.lastAgentId = call.agentId;
  call.holdAt = undefined;
  call.agentId = undefined;
  call.legAnsweredAt = undefined;
  if (agent.callId === call.callId) {
    agent.callId = undefined;
    agent.acwCallId = call.callId;
    agent.acwSince = ctx.now;
    if (call.direction === 'inbound' && !call.implicit) agent.acwQueue = call.queue;
    else agent.acwQueue = undefined;
    agent.handledToday += 1;
    refreshAgent(ctx, agent, false, AGENT_FIELDS.totals);
  }
  legHandled(ctx, call, talkMs);
}

function endAfterCallWork(ctx: Ctx, agent: AgentRecord): void {
  if (agent.acwCallId === undefined) return;
  if (accountAgent(agent, ctx.now)) touchAgent(ctx, agent.agentId, AGENT_FIELDS.totals);
  afterCallWorkDone(ctx, agent.acwQueue, ctx.now - (agent.acwSince ?? ctx.now));
  agent.acwCallId = undefined;
  agent.acwSince = undefined;
  agent.acwQueue = undefined;
}

/** A fresh login (or the end of the last one) starts from "available", as phone systems do. */
function resetPresence(agent: AgentRecord, now: number): void {
  agent.presence = 'available';
  agent.reason = undefined;
  agent.presenceSince = now;
}

const handlers: { [T in FloorEvent['type']]?: (ctx: Ctx, e: EventOf<T>) => void } = {
  'agent.login'(ctx, e) {
    const agent = getAgent(ctx, e.agentId);
    if (e.name !== undefined) agent.name = e.name;
    if (e.teamId !== undefined) agent.teamId = e.teamId;
    else teamFromPlan(ctx, e.agentId);
    if (e.role !== undefined) agent.role = e.role;
    if (!agent.stations.includes(e.stationId)) agent.stations.push(e.stationId);
    if (!agent.loggedIn) {
      agent.loggedIn = true;
      resetPresence(agent, ctx.now);
    }
    refreshAgent(ctx, agent, true, AGENT_FIELDS.identity);
  },
  'agent.logout'(ctx, e) {
    const agent = getAgent(ctx, e.agentId);
    agent.stations = agent.stations.filter((s) => s !== e.stationId);
    if (agent.stations.length === 0) {
      agent.loggedIn = false;
      endAfterCallWork(ctx, agent);
      resetPresence(agent, ctx.now);
    }
    refreshAgent(ctx, agent, true, AGENT_FIELDS.identity);
  },
  'agent.state'(ctx, e) {
    const agent = getAgent(ctx, e.agentId);
    agent.loggedIn = true;
    agent.presence = e.state;
    if (e.state === 'not_ready') agent.reason = e.reason ?? 'none';
    else agent.reason = undefined;
    agent.presenceSince = ctx.now;
    refreshAgent(ctx, agent, true);
  },
  'call.offered'(ctx, e) {
    const existing = ctx.state.calls.get(e.callId);
    const firstTime = !existing || existing.implicit;
    const call = getCall(ctx, e.callId);
    if (firstTime) {
      call.implicit = false;
      call.queue = e.queue;
      call.direction = e.direction;
      call.numberClass = e.numberClass ?? 'unknown';
      if (e.from !== undefined) call.from = e.from;
      // A caller a feed found already waiting (resync) joined at its `ts`, which is late by
      // nature: its wait counts from then, not from when the floor heard of it.
      call.offeredAt = e.resync === true ? Math.min(e.ts, ctx.now) : ctx.now;
    }
    // A call offered again (sent back to a queue) waits again but is not offered twice.
    if (call.agentId === undefined && !call.ended) callJoined(ctx, call, firstTime);
  },
  'call.ringing'(ctx, e) {
    const call = getCall(ctx, e.callId);
    if (call.ringingAgentId !== e.agentId) stopRinging(ctx, call);
    call.ringingAgentId = e.agentId;
    call.ringingAt = ctx.now;
    call.ringEventId = e.id;
    call.ringCheckDone = false;
    const agent = getAgent(ctx, e.agentId);
    agent.ringingCallId = e.callId;
    // A new list, never the old one grown: views hand the list out, and a snapshot cached
    // for screens (or a delta not yet encoded) must not change under them.
    const serves = !call.implicit && call.direction === 'inbound' && !agent.queues.includes(call.queue);
    if (serves) agent.queues = [...agent.queues, call.queue];
    refreshAgent(ctx, agent, false, serves ? AGENT_FIELDS.identity : 0);
  },
  'call.answered'(ctx, e) {
    const call = getCall(ctx, e.callId);
    call.answerRingMs = call.ringingAt === undefined ? 0 : ctx.now - call.ringingAt;
    stopRinging(ctx, call);
    if (call.agentId !== undefined && call.agentId !== e.agentId) endLeg(ctx, call);
    call.agentId = e.agentId;
    // Talk time and its timers run from now; a call a feed found answered (resync) was
    // answered at its `ts`, which is what the queue's wait and service level count.
    call.legAnsweredAt = ctx.now;
    const answeredAt = e.resync === true ? Math.max(Math.min(e.ts, ctx.now), call.offeredAt) : ctx.now;
    const first = call.answeredAt === undefined;
    if (first) call.answeredAt = answeredAt;
    callAnsweredInQueue(ctx, call, first ? answeredAt : undefined);
    const agent = getAgent(ctx, e.agentId);
    if (agent.acwCallId !== undefined) endAfterCallWork(ctx, agent);
    if (agent.ringingCallId === e.callId) agent.ringingCallId = undefined;
    agent.callId = e.callId;
    refreshAgent(ctx, agent);
  },
  'call.hold'(ctx, e) {
    const call = getCall(ctx, e.callId);
    call.holdAt = ctx.now;
    call.holdConsent = e.consent;
    call.holdAllowedMs = undefined;
    refreshAgent(ctx, getAgent(ctx, call.agentId ?? e.agentId));
  },
  'call.unhold'(ctx, e) {
    const call = getCall(ctx, e.callId);
    call.holdAt = undefined;
    call.holdAllowedMs = undefined;
    refreshAgent(ctx, getAgent(ctx, call.agentId ?? e.agentId));
  },
  'call.transferred'(ctx, e) {
    const call = getCall(ctx, e.callId);
    if (e.target === 'survey') call.surveyTransferred = true;
    if (call.agentId === undefined) call.agentId = e.agentId;
    endLeg(ctx, call);
  },
  'call.ended'(ctx, e) {
    const call = getCall(ctx, e.callId);
    stopRinging(ctx, call);
    if (call.answeredAt === undefined) callLeftUnanswered(ctx, call, e.releasedBy === 'customer');
    else callLeftQueueOtherwise(ctx, call);
    call.endedWithAgent = call.agentId !== undefined;
    endLeg(ctx, call);
    call.ended = true;
    call.endedAt = ctx.now;
  },
  'wrapup.completed'(ctx, e) {
    const agent = getAgent(ctx, e.agentId);
    if (agent.acwCallId === e.callId) {
      endAfterCallWork(ctx, agent);
      refreshAgent(ctx, agent);
    }
  },
  'transcript.utterance'(ctx, e) {
    const call = ctx.state.calls.get(e.callId);
    if (call && e.speaker === 'agent') call.agentUtterances += 1;
  },
};

/**
 * An answer by the agent already talking on the call, under another event id: a feed that
 * reports the bridge twice, or an adapter that learns its calls again after a reconnect.
 * It says nothing new, and applied it would restart the talk time, the private call's
 * timer and the late answer's owed apology, and count the answer twice for art. 104.2.
 * Not while the call rings anyone: then the leg's end was lost and this is a new answer
 * (dropped, the ring would go on and its 10 s alert open on an agent who is talking).
 */
export function repeatsAnAnswer(state: EngineState, event: FloorEvent): boolean {
  if (event.type !== 'call.answered') return false;
  const call = state.calls.get(event.callId);
  return call !== undefined && !call.ended && call.agentId === event.agentId && call.legAnsweredAt !== undefined
    && call.ringingAgentId === undefined;
}

export function applyCore(ctx: Ctx, event: FloorEvent): void {
  const handler = handlers[event.type] as ((ctx: Ctx, e: FloorEvent) => void) | undefined;
  handler?.(ctx, event);
}
