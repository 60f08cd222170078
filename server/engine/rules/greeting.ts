/**
 * Articles 61 and 66: the agent's first utterance is the prescribed opening, stating the
 * agent number ("您好！1023号很高兴为您服务！"; outbound "您好！我是XX银行客服中心1023号客服代表！").
 * After a transfer, the agent who takes the call is checked on their own first utterance.
 * Checked on calls with a transcript feed only.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import { deductPoliteLanguage } from '../schedule/points.js';
import type { CallRecord } from '../state.js';
import { defineRule } from './types.js';

/**
 * Was the opening of this agent's part of the call already checked? Each agent who takes
 * the call (after a transfer) opens anew with their own number. Checked with no agent
 * noted (a snapshot from before agents were noted, or a first utterance nobody could be
 * named for) stays checked for the whole call, as it was.
 */
function openingChecked(call: CallRecord, agentId: string): boolean {
  return call.greetingChecked && (call.greetedAgentId === undefined || call.greetedAgentId === agentId);
}

export const greeting = defineRule({
  id: 'greeting',
  onEvent(ctx, e, config) {
    if (e.type === 'call.answered' && e.resync === true) {
      // Found answered by a feed's resync: the opening was spoken before the floor knew of
      // the call, and the agent's next words are mid-conversation. Unchecked, not failed.
      const call = ctx.state.calls.get(e.callId);
      if (call) {
        call.greetingChecked = true;
        call.greetedAgentId = e.agentId;
      }
      return;
    }
    if (e.type !== 'transcript.utterance' || e.speaker !== 'agent') return;
    const call = ctx.state.calls.get(e.callId);
    if (!call) return;
    const agentId = call.agentId ?? e.agentId;
    if (agentId === undefined) {
      // Nobody to name, nobody's number to look for: this opening goes unchecked.
      call.greetingChecked = true;
      return;
    }
    if (openingChecked(call, agentId)) return;
    call.greetingChecked = true;
    call.greetedAgentId = agentId;
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
      // Per agent: the next agent's opening after a transfer is that agent's own breach.
      subject: { kind: 'call', id: `${call.callId}:${agentId}` },
      ...alertTitle(lacksNumber ? 'greeting.noNumber' : 'greeting.noGreeting', { agent: agentId }),
      evidence: e.id,
      agentId,
      callId: call.callId,
      queue: call.queue,
      sensitive: { text: e.text },
    });
    deductPoliteLanguage(ctx, call.callId, agentId, 'greetingMissing', [e.id, alert.id]);
  },
});
