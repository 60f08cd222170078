/**
 * Article 105.4: no private calls through the seat system, and none longer than 3
 * minutes. A call the feed classes as `private` is flagged when an agent is on it (with
 * the policy's deduction proposed, -2 points), and again at the 3-minute mark.
 */
import { raise } from '../alerts.js';
import { schedule } from '../context.js';
import { recordCheck } from '../compliance.js';
import { award } from '../schedule/points.js';
import { defineRule, seconds } from './types.js';

export const privateCall = defineRule({
  id: 'private-call',
  onEvent(ctx, e, config) {
    if (e.type !== 'call.answered' && e.type !== 'call.ended') return;
    const call = ctx.state.calls.get(e.callId);
    if (!call) return;
    if (e.type === 'call.ended') {
      if (call.lastAgentId !== undefined && call.numberClass !== 'private') {
        recordCheck(ctx, 'private-call', true, { agentId: call.lastAgentId, queue: call.queue });
      }
      return;
    }
    if (call.numberClass !== 'private' || call.legAnsweredAt !== ctx.now) return;
    recordCheck(ctx, 'private-call', false, { agentId: e.agentId, queue: call.queue });
    schedule(ctx, 'private-call', 'long', call.callId, ctx.now + config.maxSeconds * 1000, ctx.now);
    const alert = raise(ctx, {
      rule: 'private-call',
      kind: 'incident',
      subject: { kind: 'call', id: call.callId },
      title: `Agent ${e.agentId} on a private call through the seat system (art. 105.4: -2 points proposed)`,
      evidence: e.id,
      agentId: e.agentId,
      callId: call.callId,
      queue: call.queue,
    });
    // One deduction per call (its id is the call's), whether or not it also runs past 3 minutes.
    award(ctx, {
      item: 'private-call', agentId: e.agentId, cause: call.callId, at: ctx.now,
      reason: 'Private call through the seat system', evidence: [e.id, alert.id],
    });
  },
  onDeadline(ctx, d, config) {
    const call = ctx.state.calls.get(d.key);
    if (!call || call.ended || call.legAnsweredAt !== d.ref || call.agentId === undefined) return;
    raise(ctx, {
      rule: 'private-call',
      kind: 'incident',
      subject: { kind: 'call', id: call.callId },
      title: `Agent ${call.agentId} on a private call longer than ${seconds(config.maxSeconds * 1000)} (art. 105.4: -2 points proposed)`,
      evidence: `${call.callId}@${d.at}`,
      agentId: call.agentId,
      callId: call.callId,
      queue: call.queue,
    });
  },
});
