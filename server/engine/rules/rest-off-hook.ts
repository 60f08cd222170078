/**
 * Article 88: agents may rest off-hook only in low-traffic periods. Resting while a call
 * has waited longer than the limit is an alert per resting agent; it clears when the
 * agent is back or no call waits that long any more. Each rest is one compliance check.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { alertReason, type AlertReason } from '../../../shared/alerts.js';
import { clearCondition, raise } from '../alerts.js';
import { schedule, type Ctx } from '../context.js';
import { recordCheck } from '../compliance.js';
import type { AgentRecord } from '../state.js';
import { defineRule } from './types.js';

const isResting = (a: AgentRecord): boolean =>
  a.loggedIn && a.presence === 'not_ready' && a.reason === 'rest' && a.callId === undefined;

function flag(ctx: Ctx, agent: AgentRecord, evidence: string): void {
  agent.restBreached = true;
  raise(ctx, {
    rule: 'rest-off-hook',
    kind: 'condition',
    subject: { kind: 'agent', id: agent.agentId },
    ...alertTitle('rest-off-hook.whileCallsWait', { agent: agent.agentId }),
    evidence,
    agentId: agent.agentId,
  });
}

function unflag(ctx: Ctx, agentId: string, why: AlertReason): void {
  clearCondition(ctx, 'rest-off-hook', { kind: 'agent', id: agentId }, why);
}

export const restOffHook = defineRule({
  id: 'rest-off-hook',
  onEvent(ctx, e, config) {
    const state = ctx.state;
    if (e.type === 'call.offered') {
      const call = state.calls.get(e.callId);
      if (call?.waiting) schedule(ctx, 'rest-off-hook', 'wait', call.callId, call.offeredAt + config.waitSeconds * 1000, call.offeredAt);
      return;
    }
    if (e.type === 'call.answered' || e.type === 'call.ended') {
      if (!state.longWaiting.has(e.callId) || state.calls.get(e.callId)?.waiting) return;
      state.longWaiting.delete(e.callId);
      if (state.longWaiting.size === 0) {
        for (const id of state.resting) unflag(ctx, id, alertReason('noLongWait'));
      }
      return;
    }
    if (e.type !== 'agent.state' && e.type !== 'agent.login' && e.type !== 'agent.logout') return;
    const agent = state.agents.get(e.agentId);
    if (!agent) return;
    const was = state.resting.has(agent.agentId);
    const now = isResting(agent);
    if (was && !now) {
      state.resting.delete(agent.agentId);
      recordCheck(ctx, 'rest-off-hook', !agent.restBreached, { agentId: agent.agentId });
      agent.restBreached = false;
      unflag(ctx, agent.agentId, alertReason('stoppedResting'));
    } else if (!was && now) {
      state.resting.add(agent.agentId);
      agent.restBreached = false;
      const waitingCall = state.longWaiting.values().next();
      if (!waitingCall.done) flag(ctx, agent, e.id);
    }
  },
  onDeadline(ctx, d) {
    const state = ctx.state;
    const call = state.calls.get(d.key);
    if (!call || !call.waiting || call.offeredAt !== d.ref) return;
    state.longWaiting.add(call.callId);
    for (const id of state.resting) {
      const agent = state.agents.get(id);
      if (agent) flag(ctx, agent, call.callId);
    }
  },
});
