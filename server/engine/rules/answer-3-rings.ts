/**
 * Article 60: an offered call is answered within 3 rings (10 s); a late answer is followed
 * by an apology. The alert opens at second 10 of ringing, not when the call is finally
 * answered, and clears when it stops ringing.
 */
import { clearCondition, raise } from '../alerts.js';
import { schedule } from '../context.js';
import { recordCheck } from '../compliance.js';
import { defineRule, seconds } from './types.js';

export const answer3Rings = defineRule({
  id: 'answer-3-rings',
  onEvent(ctx, e, config) {
    const callId = 'callId' in e && typeof e.callId === 'string' ? e.callId : undefined;
    const call = callId === undefined ? undefined : ctx.state.calls.get(callId);
    if (!call || call.direction !== 'inbound') return;
    const subject = { kind: 'call' as const, id: call.callId };
    switch (e.type) {
      case 'call.ringing':
        schedule(ctx, 'answer-3-rings', 'ring', call.callId, ctx.now + config.ringSeconds * 1000, ctx.now);
        return;
      case 'call.answered': {
        const rang = call.answerRingMs ?? 0;
        const late = rang > config.ringSeconds * 1000;
        if (!call.ringCheckDone) {
          call.ringCheckDone = true;
          recordCheck(ctx, 'answer-3-rings', !late, { agentId: e.agentId, queue: call.queue });
        }
        if (late) {
          call.answeredLate = true;
          call.apologyDue = config.apologyPhrases.length > 0;
        }
        clearCondition(ctx, 'answer-3-rings', subject, `answered after ${seconds(rang)} of ringing`);
        return;
      }
      case 'call.ended':
      case 'call.transferred':
        clearCondition(ctx, 'answer-3-rings', subject, 'the call stopped ringing');
        return;
      case 'transcript.utterance': {
        if (e.speaker !== 'agent' || !call.apologyDue) return;
        const apologised = config.apologyPhrases.some((p) => e.text.toLowerCase().includes(p.toLowerCase()));
        if (apologised) {
          call.apologyDue = false;
        } else if (call.agentUtterances >= config.apologyWithinUtterances) {
          call.apologyDue = false;
          raise(ctx, {
            rule: 'answer-3-rings',
            kind: 'incident',
            subject: { kind: 'call', id: `${call.callId}:apology` },
            title: `Agent ${call.agentId ?? (e.agentId as string | undefined) ?? '?'} answered late and did not apologise`,
            evidence: e.id,
            agentId: call.agentId ?? e.agentId,
            callId: call.callId,
            queue: call.queue,
            severity: 'info',
            sensitive: { text: e.text },
          });
        }
        return;
      }
      default:
    }
  },
  onDeadline(ctx, d, config) {
    const call = ctx.state.calls.get(d.key);
    // Still ringing, at the same ring that set this deadline?
    if (!call || call.ringingAt !== d.ref || call.ringingAgentId === undefined) return;
    call.ringCheckDone = true;
    recordCheck(ctx, 'answer-3-rings', false, { agentId: call.ringingAgentId, queue: call.queue });
    raise(ctx, {
      rule: 'answer-3-rings',
      kind: 'condition',
      subject: { kind: 'call', id: call.callId },
      title: `Call ringing at agent ${call.ringingAgentId} for ${config.ringSeconds} s, not answered`,
      evidence: call.ringEventId ?? call.callId,
      agentId: call.ringingAgentId,
      callId: call.callId,
      queue: call.queue,
    });
  },
});
