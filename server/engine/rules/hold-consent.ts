/**
 * Article 67: a customer is put on hold only with consent and a stated reason, and for no
 * longer than allowed; a longer hold needs a shift lead's approval, asked for and granted
 * while the hold runs (the `hold.approve` command), for longer than the hold has already
 * lasted. An unapproved hold past its limit is an alert at that second, once per limit in force.
 *
 * The reason: `reason` is optional in the ingest contract and the telephony adapters
 * (AMI, FreeSWITCH, Amazon Connect) never send it, since a PBX cannot know what the agent
 * said. So a missing `reason` means "not known", not "not stated", and is not judged;
 * a feed that knows the agent gave none says so with a blank `reason`, which is flagged.
 */
import { alertTitle, type AlertTitleCode } from '../../../shared/alert-titles.js';
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, liveAlert, noteOnAlert, raise, systemNote } from '../alerts.js';
import { schedule } from '../context.js';
import { recordCheck } from '../compliance.js';
import { defineRule } from './types.js';
import { problem } from '../../../shared/problems.js';

/**
 * What art. 67 wants and the hold lacks ("consent", "a stated reason", or both), or
 * undefined when nothing is missing. An absent `reason` is unknown (see above), only a
 * blank one is known to be missing.
 */
function missingForHold(consent: boolean, reason: string | undefined): AlertTitleCode | undefined {
  const noReason = reason !== undefined && reason.trim() === '';
  if (!consent) return noReason ? 'hold-consent.noConsentNoReason' : 'hold-consent.noConsent';
  return noReason ? 'hold-consent.noReason' : undefined;
}

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
      const missing = missingForHold(e.consent, e.reason);
      recordCheck(ctx, 'hold-consent', missing === undefined, { agentId, queue: call.queue });
      if (missing !== undefined) {
        raise(ctx, {
          rule: 'hold-consent',
          kind: 'incident',
          // Per agent: after a transfer, the next agent's hold is that agent's own breach.
          subject: { kind: 'call', id: `${call.callId}:${agentId ?? '?'}:consent` },
          ...alertTitle(missing, { agent: agentId ?? '?' }),
          evidence: e.id,
          agentId,
          callId: call.callId,
          queue: call.queue,
        });
      }
      return;
    }
    // The hold is over (or the call left this agent).
    clearCondition(ctx, 'hold-consent', subject, alertReason('holdEnded'));
  },
  onDeadline(ctx, d, config) {
    const call = ctx.state.calls.get(d.key);
    if (!call || call.holdAt !== d.ref) return;
    const allowed = call.holdAllowedMs ?? config.maxHoldSeconds * 1000;
    if (ctx.now - call.holdAt < allowed) return; // an approval moved the limit; its own deadline follows
    // Already breached during this hold: a shorter approval leaves the default's deadline
    // behind it, and one hold past its limit is one breach (one alert, one failed check).
    if (liveAlert(ctx, 'hold-consent', { kind: 'call', id: call.callId })) return;
    recordCheck(ctx, 'hold-consent', false, { agentId: call.agentId, queue: call.queue });
    raise(ctx, {
      rule: 'hold-consent',
      kind: 'condition',
      subject: { kind: 'call', id: call.callId },
      ...alertTitle(call.holdAllowedMs === undefined ? 'hold-consent.pastLimit' : 'hold-consent.pastApproved',
        { agent: call.agentId ?? '?', seconds: Math.round(allowed / 1000) }),
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
    // An allowance is for the rest of the hold: one the customer has already waited out
    // would approve nothing and only open a breach at once. Refused, saying how long the
    // hold has lasted, so the lead can allow more; the hold and its limit stay as they were.
    const heldMs = ctx.now - call.holdAt;
    if (allowedMs <= heldMs) {
      return {
        ok: false,
        ...problem('holdApprovalTooShort', { callId: call.callId, seconds: command.seconds, heldSeconds: Math.floor(heldMs / 1000) }),
        field: 'seconds',
      };
    }
    call.holdAllowedMs = allowedMs;
    schedule(ctx, 'hold-consent', 'hold', call.callId, call.holdAt + allowedMs, call.holdAt);
    const alert = liveAlert(ctx, 'hold-consent', { kind: 'call', id: call.callId });
    if (alert) {
      // The lead's own words go beside the allowance (`note`), so the desk shows them with the approval.
      const comment = command.note?.trim();
      noteOnAlert(ctx, alert, {
        at: ctx.now, action: 'hold-approved', by: command.by, ...systemNote(alertReason('holdAllowed', { seconds: command.seconds })),
        ...(comment ? { comment } : {}),
      });
      // The allowance runs past now (shorter ones are refused above): the breach is over.
      clearCondition(ctx, 'hold-consent', alert.subject, alertReason('holdApproved', { who: command.by }));
    }
    return { ok: true, value: { callId: call.callId, allowedSeconds: command.seconds } };
  },
});
