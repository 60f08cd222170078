/**
 * Articles 61 and 66: the agent's first utterance is the prescribed opening, stating the
 * agent number ("您好！1023号很高兴为您服务！"; outbound "您好！我是XX银行客服中心1023号客服代表！").
 * Checked on calls with a transcript feed only.
 */
import { raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import { deductPoliteLanguage } from '../schedule/points.js';
import { defineRule } from './types.js';

export const greeting = defineRule({
  id: 'greeting',
  onEvent(ctx, e, config) {
    if (e.type !== 'transcript.utterance' || e.speaker !== 'agent') return;
    const call = ctx.state.calls.get(e.callId);
    if (!call || call.greetingChecked) return;
    call.greetingChecked = true;
    const agentId = call.agentId ?? e.agentId;
    if (agentId === undefined) return;
    const fragments = call.direction === 'outbound' ? config.outbound : config.inbound;
    const missing = fragments
      .map((f) => f.replaceAll('{agent}', agentId))
      .filter((f) => !e.text.includes(f));
    recordCheck(ctx, 'greeting', missing.length === 0, { agentId, queue: call.queue });
    if (missing.length === 0) return;
    const lacksNumber = missing.some((f) => f.includes(agentId));
    const alert = raise(ctx, {
      rule: 'greeting',
      kind: 'incident',
      subject: { kind: 'call', id: call.callId },
      title: lacksNumber
        ? `Agent ${agentId} opened the call without stating the agent number`
        : `Agent ${agentId} opened the call without the prescribed greeting`,
      evidence: e.id,
      agentId,
      callId: call.callId,
      queue: call.queue,
      sensitive: { text: e.text },
    });
    deductPoliteLanguage(ctx, call.callId, agentId, 'The call opened without the prescribed greeting', [e.id, alert.id]);
  },
});
