/**
 * Article 74: the agent never hangs up before the customer. Article 65's exception: a
 * harassing caller may be released after a warning, and the agent reports it to the
 * shift lead or floor supervisor: that release opens an alert the lead must acknowledge
 * (the acknowledgement's note is the report).
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import { defineRule } from './types.js';

export const noHangupFirst = defineRule({
  id: 'no-hangup-first',
  onEvent(ctx, e, config) {
    if (e.type !== 'call.ended') return;
    const call = ctx.state.calls.get(e.callId);
    // Only calls an agent was talking on when they ended (not after a transfer away).
    if (!call || call.answeredAt === undefined || call.lastAgentId === undefined || !call.endedWithAgent) return;
    const agentId = call.lastAgentId;
    const agentReleased = e.releasedBy === 'agent';
    const harassment = agentReleased && e.reason === 'harassment';
    recordCheck(ctx, 'no-hangup-first', !agentReleased || harassment, { agentId, queue: call.queue });
    if (!agentReleased) return;
    raise(ctx, {
      rule: 'no-hangup-first',
      kind: 'incident',
      subject: { kind: 'call', id: call.callId },
      ...alertTitle(harassment ? 'no-hangup-first.harassment' : 'no-hangup-first.hungUpFirst', { agent: agentId }),
      evidence: e.id,
      agentId,
      callId: call.callId,
      queue: call.queue,
      severity: harassment ? config.harassmentSeverity : undefined,
    });
  },
});
