/**
 * Article 76: before closing, the agent invites an evaluation and transfers the caller to
 * the satisfaction survey. Checked on answered inbound calls the system released without
 * that transfer. Not on calls the customer hung up (nobody was left to transfer), nor on
 * harassment or wrong-number releases, nor on calls the system cut for a technical reason:
 * a PBX restart (`pbxRestart: true`, from the AMI and queue_log adapters) or a call found
 * gone when an adapter resynced after losing its link (`resync: true`). A call the agent
 * hung up without the transfer fails art. 76's check as well (it is the plainest case of
 * closing without it), but its alert is no-hangup-first's (art. 74): one act, one alert.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
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
    if (e.releasedBy === 'customer' || e.reason === 'harassment' || e.reason === 'wrong_number') return;
    if (e.pbxRestart === true || e.resync === true) return; // the PBX or the link dropped it: no agent closed it
    if (!call.endedWithAgent) return; // transferred elsewhere: the last agent's call, not this one's
    const agentId = call.lastAgentId;
    recordCheck(ctx, 'survey-transfer', false, { agentId, queue: call.queue });
    // Alerted once, as a hang-up first (art. 74), when that rule runs; else here.
    if (e.releasedBy === 'agent' && ctx.state.rules.rules['no-hangup-first'].enabled) return;
    raise(ctx, {
      rule: 'survey-transfer',
      kind: 'incident',
      subject: { kind: 'call', id: call.callId },
      ...alertTitle('survey-transfer.missed', { agent: agentId }),
      evidence: e.id,
      agentId,
      callId: call.callId,
      queue: call.queue,
    });
  },
});
