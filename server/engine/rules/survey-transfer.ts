/**
 * Article 76: before closing, the agent invites an evaluation and transfers the caller to
 * the satisfaction survey. Checked on answered inbound calls the system released without
 * that transfer. Not on calls the customer hung up (nobody was left to transfer), nor on
 * calls the agent hung up (that is no-hangup-first's breach, flagged once, there), nor on
 * harassment or wrong-number releases.
 */
import { raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import { defineRule } from './types.js';

export const surveyTransfer = defineRule({
  id: 'survey-transfer',
  onEvent(ctx, e) {
    if (e.type !== 'call.ended') return;
    const call = ctx.state.calls.get(e.callId);
    if (!call || call.direction !== 'inbound' || call.answeredAt === undefined || call.lastAgentId === undefined) return;
    if (call.surveyTransferred) {
      recordCheck(ctx, 'survey-transfer', true, { agentId: call.lastAgentId, queue: call.queue });
      return;
    }
    if (e.releasedBy !== 'system' || e.reason === 'harassment' || e.reason === 'wrong_number') return;
    if (!call.endedWithAgent) return; // transferred elsewhere: the last agent's call, not this one's
    const agentId = call.lastAgentId;
    recordCheck(ctx, 'survey-transfer', false, { agentId, queue: call.queue });
    raise(ctx, {
      rule: 'survey-transfer',
      kind: 'incident',
      subject: { kind: 'call', id: call.callId },
      title: `Agent ${agentId} closed the call without the satisfaction-survey transfer`,
      evidence: e.id,
      agentId,
      callId: call.callId,
      queue: call.queue,
    });
  },
});
