/**
 * Article 60: an offered call is answered within 3 rings (10 s); a late answer is followed
 * by an apology. The alert opens at second 10 of ringing, not when the call is finally
 * answered, and clears when it stops ringing at that agent: it rings at another agent, is
 * answered, transferred or ends. A miss is the ringing agent's own: one alert per call and
 * agent, so a call missed at A and then at B is two alerts, each on its agent.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { alertReason, type AlertReason, type AlertSubject } from '../../../shared/alerts.js';
import { liveAlert, raise, resolveAlert } from '../alerts.js';
import { schedule, type Ctx } from '../context.js';
import { recordCheck } from '../compliance.js';
import type { CallRecord } from '../state.js';
import { defineRule } from './types.js';

function ringSubject(callId: string, agentId: string): AlertSubject {
  return { kind: 'call', id: `${callId}:${agentId}` };
}

/**
 * The call no longer rings at the agent whose ring alert is open: that alert resolves.
 * `ringingAt`: the agent it rings at now, if any (ringing again at the same agent is the
 * same miss, still open). The core has already moved ringingAgentId on, hence the call's
 * own note of the alert's agent.
 */
function ringEnded(ctx: Ctx, call: CallRecord, resolution: AlertReason, ringingAt?: string): void {
  const agentId = call.ringAlertAgentId;
  if (agentId !== undefined && agentId === ringingAt) return;
  call.ringAlertAgentId = undefined;
  // No agent noted: a snapshot from before ring alerts were per agent keeps its alert under the call alone.
  const subject = agentId === undefined ? { kind: 'call' as const, id: call.callId } : ringSubject(call.callId, agentId);
  const alert = liveAlert(ctx, 'answer-3-rings', subject);
  if (alert?.kind === 'condition' && alert.agentId !== ringingAt) resolveAlert(ctx, alert, 'auto', resolution);
}

export const answer3Rings = defineRule({
  id: 'answer-3-rings',
  onEvent(ctx, e, config) {
    const callId = 'callId' in e && typeof e.callId === 'string' ? e.callId : undefined;
    const call = callId === undefined ? undefined : ctx.state.calls.get(callId);
    if (!call || call.direction !== 'inbound') return;
    switch (e.type) {
      case 'call.ringing':
        ringEnded(ctx, call, alertReason('movedOn', { agent: e.agentId }), e.agentId);
        schedule(ctx, 'answer-3-rings', 'ring', call.callId, ctx.now + config.ringSeconds * 1000, ctx.now);
        // Found ringing by a feed's resync: it rang before, for how long is not known. Ringing
        // on past the limit is still a breach (the deadline); an answer in time is no pass.
        if (e.resync === true) call.ringCheckDone = true;
        return;
      case 'call.answered': {
        // Found answered by a feed's resync: when it was picked up, and so how long it rang, is
        // not known. Neither a pass nor a late answer; the ring alert (if any) still clears.
        if (e.resync === true) {
          call.ringCheckDone = true;
          call.apologyDue = false;
          ringEnded(ctx, call, alertReason('stoppedRinging'));
          return;
        }
        const rang = call.answerRingMs ?? 0;
        const late = rang > config.ringSeconds * 1000;
        if (!call.ringCheckDone) {
          call.ringCheckDone = true;
          recordCheck(ctx, 'answer-3-rings', !late, { agentId: e.agentId, queue: call.queue });
        }
        // Each answer asks its own apology: a late answer before a transfer asks none of the
        // next agent, and the next agent's late answer is judged on that agent's utterances.
        if (late) call.answeredLate = true;
        call.apologyDue = late && config.apologyPhrases.length > 0;
        call.apologyFromUtterance = late ? call.agentUtterances : undefined;
        ringEnded(ctx, call, alertReason('answeredAfter', { agent: e.agentId, seconds: Math.round(rang / 1000) }));
        return;
      }
      case 'call.ended':
      case 'call.transferred':
        ringEnded(ctx, call, alertReason('stoppedRinging'));
        return;
      case 'transcript.utterance': {
        if (e.speaker !== 'agent' || !call.apologyDue) return;
        const apologised = config.apologyPhrases.some((p) => e.text.toLowerCase().includes(p.toLowerCase()));
        const spoken = call.agentUtterances - (call.apologyFromUtterance ?? 0);
        if (apologised) {
          call.apologyDue = false;
        } else if (spoken >= config.apologyWithinUtterances) {
          call.apologyDue = false;
          const agentId = call.agentId ?? e.agentId;
          raise(ctx, {
            rule: 'answer-3-rings',
            kind: 'incident',
            // Per agent: another agent's late answer on the call is another breach, not a repeat.
            subject: { kind: 'call', id: `${call.callId}:apology:${agentId ?? '?'}` },
            ...alertTitle('answer-3-rings.lateNoApology', { agent: agentId ?? '?' }),
            evidence: e.id,
            agentId,
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
    call.ringAlertAgentId = call.ringingAgentId;
    recordCheck(ctx, 'answer-3-rings', false, { agentId: call.ringingAgentId, queue: call.queue });
    raise(ctx, {
      rule: 'answer-3-rings',
      kind: 'condition',
      subject: ringSubject(call.callId, call.ringingAgentId),
      ...alertTitle('answer-3-rings.ringing', { agent: call.ringingAgentId, seconds: config.ringSeconds }),
      evidence: call.ringEventId ?? call.callId,
      agentId: call.ringingAgentId,
      callId: call.callId,
      queue: call.queue,
    });
  },
});
