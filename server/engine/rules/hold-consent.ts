/**
 * Article 67: a customer is put on hold only with consent and a stated reason, and for no
 * longer than allowed; a longer hold needs a shift lead's approval, asked for and granted
 * while the hold runs (the `hold.approve` command). An unapproved hold past its limit is
 * an alert at that second.
 */
import { clearCondition, liveAlert, noteOnAlert, raise } from '../alerts.js';
import { schedule } from '../context.js';
import { recordCheck } from '../compliance.js';
import { defineRule, seconds } from './types.js';
import { problem } from '../../../shared/problems.js';

export const holdConsent = defineRule({
  id: 'hold-consent',
  onEvent(ctx, e, config) {
    if (e.type !== 'call.hold' && e.type !== 'call.unhold' && e.type !== 'call.ended' && e.type !== 'call.transferred') return;
    const call = ctx.state.calls.get(e.callId);
    if (!call) return;
    const agentId = call.agentId ?? (e.type === 'call.ended' ? undefined : e.agentId);
    const subject = { kind: 'call' as const, id: call.callId };
    if (e.type === 'call.hold') {
      const allowed = config.maxHoldSeconds * 1000;
      schedule(ctx, 'hold-consent', 'hold', call.callId, ctx.now + allowed, ctx.now);
      recordCheck(ctx, 'hold-consent', e.consent, { agentId, queue: call.queue });
      if (!e.consent) {
        raise(ctx, {
          rule: 'hold-consent',
          kind: 'incident',
          subject: { kind: 'call', id: `${call.callId}:consent` },
          title: `Agent ${agentId ?? '?'} put the customer on hold without consent`,
          evidence: e.id,
          agentId,
          callId: call.callId,
          queue: call.queue,
        });
      }
      return;
    }
    // The hold is over (or the call left this agent).
    clearCondition(ctx, 'hold-consent', subject, 'the hold ended');
  },
  onDeadline(ctx, d, config) {
    const call = ctx.state.calls.get(d.key);
    if (!call || call.holdAt !== d.ref) return;
    const allowed = call.holdAllowedMs ?? config.maxHoldSeconds * 1000;
    if (ctx.now - call.holdAt < allowed) return; // an approval moved the limit; its own deadline follows
    recordCheck(ctx, 'hold-consent', false, { agentId: call.agentId, queue: call.queue });
    raise(ctx, {
      rule: 'hold-consent',
      kind: 'condition',
      subject: { kind: 'call', id: call.callId },
      title: `Customer on hold at agent ${call.agentId ?? '?'} past ${seconds(allowed)} without approval`,
      evidence: call.callId,
      agentId: call.agentId,
      callId: call.callId,
      queue: call.queue,
    });
  },
  onCommand(ctx, command) {
    if (command.type !== 'hold.approve') return undefined;
    const call = ctx.state.calls.get(command.callId);
    if (!call || call.holdAt === undefined) {
      return { ok: false, ...problem('callNotOnHold', { callId: command.callId }), field: 'callId' };
    }
    const allowedMs = command.seconds * 1000;
    call.holdAllowedMs = allowedMs;
    schedule(ctx, 'hold-consent', 'hold', call.callId, call.holdAt + allowedMs, call.holdAt);
    const alert = liveAlert(ctx, 'hold-consent', { kind: 'call', id: call.callId });
    if (alert) {
      noteOnAlert(ctx, alert, { at: ctx.now, action: 'hold-approved', by: command.by, note: `${command.seconds} s` });
      if (ctx.now - call.holdAt < allowedMs) {
        clearCondition(ctx, 'hold-consent', alert.subject, `longer hold approved by ${command.by}`);
      }
    }
    return { ok: true, value: { callId: call.callId, allowedSeconds: command.seconds } };
  },
});
