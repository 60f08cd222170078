/**
 * Article 68: no forbidden service phrases ("没有办法", "我不知道", ...). The shift lead is
 * alerted at once with the phrase and the call; each call is one compliance check.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import { deductPoliteLanguage } from '../schedule/points.js';
import { defineRule } from './types.js';

export const forbiddenPhrases = defineRule({
  id: 'forbidden-phrases',
  onEvent(ctx, e, config) {
    if (e.type === 'call.ended') {
      const call = ctx.state.calls.get(e.callId);
      if (call && call.agentUtterances > 0) {
        // The core has already ended the leg (agentId is gone): the check is the last connected agent's.
        recordCheck(ctx, 'forbidden-phrases', !call.forbiddenHeard, { agentId: call.lastAgentId, queue: call.queue });
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
      subject: { kind: 'call', id: e.callId },
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
