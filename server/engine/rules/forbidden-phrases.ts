/**
 * Article 68: no forbidden service phrases ("没有办法", "我不知道", ...). The shift lead is
 * alerted at once with the phrase and the call; each agent's part of a call (the whole call
 * without a transfer) is one compliance check, that agent's, and one alert per agent.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import { deductPoliteLanguage } from '../schedule/points.js';
import { defineRule } from './types.js';

export const forbiddenPhrases = defineRule({
  id: 'forbidden-phrases',
  onEvent(ctx, e, config) {
    if (e.type === 'call.ended' || e.type === 'call.transferred') {
      const call = ctx.state.calls.get(e.callId);
      if (call && call.agentUtterances > call.forbiddenFromUtterance) {
        // The core has already ended the leg (agentId is gone): the check is that leg's agent's.
        recordCheck(ctx, 'forbidden-phrases', !call.forbiddenHeard, { agentId: call.lastAgentId, queue: call.queue });
        call.forbiddenHeard = false;
        call.forbiddenFromUtterance = call.agentUtterances;
      }
      return;
    }
    if (e.type !== 'transcript.utterance' || e.speaker !== 'agent') return;
    const phrase = config.phrases.find((p) => e.text.includes(p));
    if (phrase === undefined) return;
    const call = ctx.state.calls.get(e.callId);
    const agentId = call?.agentId ?? e.agentId;
    if (call) call.forbiddenHeard = true;
    const alert = raise(ctx, {
      rule: 'forbidden-phrases',
      kind: 'incident',
      // Per agent: after a transfer, the next agent's words are that agent's own breach.
      subject: { kind: 'call', id: agentId === undefined ? e.callId : `${e.callId}:${agentId}` },
      ...alertTitle('forbidden-phrases.used', { agent: agentId ?? '?' }),
      evidence: e.id,
      agentId,
      callId: e.callId,
      queue: call?.queue,
      sensitive: { text: phrase },
    });
    if (agentId !== undefined) deductPoliteLanguage(ctx, e.callId, agentId, 'forbiddenPhrase', [e.id, alert.id]);
  },
});
