/**
 * Article 77: after each call the agent records its content and call type. After-call
 * work that runs past its limit is an alert at that second; a wrap-up without a call type
 * (or notes, when required) is a breach.
 */
import { clearCondition, raise } from '../alerts.js';
import { schedule } from '../context.js';
import { recordCheck } from '../compliance.js';
import { defineRule, seconds } from './types.js';

export const wrapUpRecord = defineRule({
  id: 'wrap-up-record',
  onEvent(ctx, e, config) {
    if (e.type === 'call.ended' || e.type === 'call.transferred') {
      // The leg just ended: whoever is now in after-call work on this call gets a deadline.
      const agentId = ctx.state.calls.get(e.callId)?.lastAgentId;
      const agent = agentId === undefined ? undefined : ctx.state.agents.get(agentId);
      if (agent?.acwCallId === e.callId && agent.acwSince === ctx.now) {
        schedule(ctx, 'wrap-up-record', 'acw', agent.agentId, ctx.now + config.maxAfterCallSeconds * 1000, ctx.now);
      }
      return;
    }
    if (e.type === 'agent.logout' || e.type === 'call.answered') {
      const agent = ctx.state.agents.get(e.agentId);
      if (agent && agent.acwCallId === undefined) {
        clearCondition(ctx, 'wrap-up-record', { kind: 'agent', id: e.agentId }, 'after-call work ended');
      }
      return;
    }
    if (e.type !== 'wrapup.completed') return;
    clearCondition(ctx, 'wrap-up-record', { kind: 'agent', id: e.agentId }, 'wrap-up recorded');
    const missing = [
      ...(e.callType === undefined || e.callType.trim() === '' ? ['call type'] : []),
      ...(config.requireNotes && (e.notes === undefined || e.notes.trim() === '') ? ['notes'] : []),
    ];
    recordCheck(ctx, 'wrap-up-record', missing.length === 0, { agentId: e.agentId });
    if (missing.length === 0) return;
    raise(ctx, {
      rule: 'wrap-up-record',
      kind: 'incident',
      subject: { kind: 'call', id: e.callId },
      title: `Agent ${e.agentId} recorded the call without ${missing.join(' and ')}`,
      evidence: e.id,
      agentId: e.agentId,
      callId: e.callId,
    });
  },
  onDeadline(ctx, d, config) {
    const agent = ctx.state.agents.get(d.key);
    if (!agent || agent.acwCallId === undefined || agent.acwSince !== d.ref) return;
    recordCheck(ctx, 'wrap-up-record', false, { agentId: agent.agentId });
    raise(ctx, {
      rule: 'wrap-up-record',
      kind: 'condition',
      subject: { kind: 'agent', id: agent.agentId },
      title: `Agent ${agent.agentId} in after-call work for more than ${seconds(config.maxAfterCallSeconds * 1000)}`,
      evidence: agent.acwCallId,
      agentId: agent.agentId,
      callId: agent.acwCallId,
    });
  },
});
