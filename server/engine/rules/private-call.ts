/**
 * Article 105.4 (利用坐席系统拨打私人电话,接听私人电话超过3分钟): placing a private call
 * through the seat system is a breach outright; receiving one is a breach only once it
 * has run 3 minutes. A call the feed classes `private` is one or the other by its
 * direction. A breach is an alert, a failed check and the policy's -2 points proposed,
 * once per call.
 */
import { alertTitle, type AlertTitle } from '../../../shared/alert-titles.js';
import type { FloorEvent } from '../../../shared/events.js';
import { raise } from '../alerts.js';
import { schedule, type Ctx } from '../context.js';
import { recordCheck } from '../compliance.js';
import { award } from '../schedule/points.js';
import type { CallRecord } from '../state.js';
import { defineRule } from './types.js';

function breach(ctx: Ctx, call: CallRecord, agentId: string | undefined, evidence: string, title: AlertTitle): void {
  call.privateFlagged = true;
  recordCheck(ctx, 'private-call', false, { agentId, queue: call.queue });
  const alert = raise(ctx, {
    rule: 'private-call',
    kind: 'incident',
    subject: { kind: 'call', id: call.callId },
    ...title,
    evidence,
    agentId,
    callId: call.callId,
    queue: call.queue,
  });
  if (agentId === undefined) return; // nobody the events name: flagged for a person to look into, nothing to deduct from
  // Its id is the call's: one deduction per call, and a rebuild writes the same entry.
  award(ctx, {
    item: 'private-call', agentId, cause: call.callId, at: ctx.now,
    reasonCode: 'privateCall', evidence: [evidence, alert.id],
  });
}

/**
 * The agent an event names on an outbound call: `call.offered` may carry who dialled (an
 * optional field beyond v1, as the simulator sends it); else the ring at the agent's phone
 * or the answer names them.
 */
function namedAgent(e: FloorEvent): string | undefined {
  if (e.type === 'call.ringing' || e.type === 'call.answered' || e.type === 'call.offered') return e.agentId;
  return undefined;
}

/** Placing it is the breach (dialling, picked up or not): flagged as soon as the events name the agent. */
function placed(ctx: Ctx, call: CallRecord, e: FloorEvent): void {
  if (call.privateFlagged) return;
  const agentId = namedAgent(e);
  // No event named the agent and the call is over (nobody picked up): still flagged, without an agent.
  if (agentId === undefined && e.type !== 'call.ended') return;
  breach(ctx, call, agentId, e.id, agentId === undefined
    ? alertTitle('private-call.placedByNobodyNamed', {})
    : alertTitle('private-call.placed', { agent: agentId }));
}

/** Receiving one is allowed up to the limit: a timer from the answer; a call over before it passed. */
function received(ctx: Ctx, call: CallRecord, e: FloorEvent, maxSeconds: number): void {
  if (e.type === 'call.answered' && call.legAnsweredAt === ctx.now) {
    schedule(ctx, 'private-call', 'long', call.callId, ctx.now + maxSeconds * 1000, ctx.now);
  } else if (e.type === 'call.ended' && !call.privateFlagged && call.lastAgentId !== undefined) {
    recordCheck(ctx, 'private-call', true, { agentId: call.lastAgentId, queue: call.queue });
  }
}

export const privateCall = defineRule({
  id: 'private-call',
  onEvent(ctx, e, config) {
    if (e.type !== 'call.offered' && e.type !== 'call.ringing' && e.type !== 'call.answered' && e.type !== 'call.ended') return;
    const call = ctx.state.calls.get(e.callId);
    if (!call) return;
    if (call.numberClass === 'private') {
      if (call.direction === 'outbound') placed(ctx, call, e);
      else received(ctx, call, e, config.maxSeconds);
      return;
    }
    if (e.type === 'call.ended' && call.lastAgentId !== undefined) {
      recordCheck(ctx, 'private-call', true, { agentId: call.lastAgentId, queue: call.queue });
    }
  },
  onDeadline(ctx, d, config) {
    const call = ctx.state.calls.get(d.key);
    // Only a received call has the limit (a placed one was flagged when placed; older snapshots may hold its timer).
    if (!call || call.ended || call.direction !== 'inbound' || call.privateFlagged) return;
    if (call.legAnsweredAt !== d.ref || call.agentId === undefined) return;
    breach(ctx, call, call.agentId, `${call.callId}@${d.at}`,
      alertTitle('private-call.received', { agent: call.agentId ?? '?', seconds: Math.round(config.maxSeconds) }));
  },
});
