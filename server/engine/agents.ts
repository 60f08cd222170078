/**
 * Agent records: presence (ready / not ready with a reason) is what the agent set; the
 * displayed state is derived from presence and the agent's calls, and today's talk,
 * hold and after-call totals accumulate whenever the displayed state changes.
 */
import type { AgentStateName } from '../../shared/figures.js';
import { AGENT_FIELDS, ALL_AGENT_FIELDS, touchAgent, touchQueue, type Ctx } from './context.js';
import { blankAgent, type AgentRecord, type EngineState } from './state.js';
import { plannedTeamOf } from './schedule/agent-team.js';

export function getAgent(ctx: Ctx, agentId: string): AgentRecord {
  let agent = ctx.state.agents.get(agentId);
  if (!agent) {
    agent = blankAgent(agentId, ctx.now);
    ctx.state.agents.set(agentId, agent);
    // Its team, until a feed names one: the plan's (schedule/agent-team.ts).
    agent.teamId = plannedTeamOf(ctx.state.plan, agentId, ctx.now);
    // New to the floor: screens get every field of it.
    touchAgent(ctx, agentId, ALL_AGENT_FIELDS);
  }
  return agent;
}

function derive(agent: AgentRecord, state: EngineState): AgentStateName {
  if (agent.callId !== undefined) {
    return state.calls.get(agent.callId)?.holdAt !== undefined ? 'on_hold' : 'talking';
  }
  if (agent.ringingCallId !== undefined) return 'ringing';
  if (agent.acwCallId !== undefined) return 'after_call_work';
  if (!agent.loggedIn) return 'logged_out';
  return agent.presence;
}

/**
 * Adds the time spent in the current state since it was last counted to today's totals.
 * True when a total changed.
 */
export function accountAgent(agent: AgentRecord, now: number): boolean {
  const ms = Math.max(0, now - agent.accountedFrom);
  agent.accountedFrom = now;
  if (ms === 0) return false;
  if (agent.state === 'talking') agent.talkMs += ms;
  else if (agent.state === 'on_hold') agent.holdMs += ms;
  else if (agent.state === 'after_call_work') agent.acwMs += ms;
  else return false;
  return true;
}

/**
 * Re-derives the displayed state after anything about the agent changed. `presenceChanged`
 * restarts the clock of a not-ready agent whose reason changed (break -> meal). `fields`:
 * what else the caller changed besides the state (and the totals it accounts here), e.g.
 * the agent's name at login or a call handled.
 */
export function refreshAgent(ctx: Ctx, agent: AgentRecord, presenceChanged = false, fields = 0): void {
  const next = derive(agent, ctx.state);
  let changed = AGENT_FIELDS.status | fields;
  if (next !== agent.state || (presenceChanged && next === agent.presence)) {
    if (accountAgent(agent, ctx.now)) changed |= AGENT_FIELDS.totals;
    agent.state = next;
    agent.since = ctx.now;
    // The queues' agent counts change with it.
    for (const queue of agent.queues) touchQueue(ctx, queue);
  }
  touchAgent(ctx, agent.agentId, changed);
}

/** The shift-lead-facing label of a not-ready reason, used in alert titles. */
export function reasonLabel(reason: AgentRecord['reason']): string {
  return reason === undefined || reason === 'none' ? 'no reason' : reason;
}
