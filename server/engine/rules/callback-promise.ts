/**
 * Article 63: a question that can't be answered at once gets an apology, a contact number
 * and an answer as soon as possible. A callback promised in the wrap-up (`callbackDue`)
 * is tracked; once due and not made it is an alert until the callback is made.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, raise } from '../alerts.js';
import { schedule } from '../context.js';
import { recordCheck } from '../compliance.js';
import { defineRule } from './types.js';

export const callbackPromise = defineRule({
  id: 'callback-promise',
  onEvent(ctx, e) {
    if (e.type === 'wrapup.completed' && e.callbackDue !== undefined) {
      ctx.state.callbacks.set(e.callId, {
        callId: e.callId, agentId: e.agentId, due: e.callbackDue, promisedEventId: e.id, overdue: false,
      });
      schedule(ctx, 'callback-promise', 'due', e.callId, Math.max(e.callbackDue, ctx.now), e.callbackDue);
      return;
    }
    if (e.type !== 'callback.completed') return;
    const promise = ctx.state.callbacks.get(e.callId);
    if (!promise) return;
    ctx.state.callbacks.delete(e.callId);
    if (promise.overdue) {
      clearCondition(ctx, 'callback-promise', { kind: 'call', id: e.callId }, alertReason('callbackLate', { agent: e.agentId }));
    } else {
      recordCheck(ctx, 'callback-promise', true, { agentId: promise.agentId });
    }
  },
  onDeadline(ctx, d) {
    const promise = ctx.state.callbacks.get(d.key);
    if (!promise || promise.overdue || promise.due !== d.ref) return;
    promise.overdue = true;
    recordCheck(ctx, 'callback-promise', false, { agentId: promise.agentId });
    raise(ctx, {
      rule: 'callback-promise',
      kind: 'condition',
      subject: { kind: 'call', id: promise.callId },
      ...alertTitle('callback-promise.overdue', { agent: promise.agentId }),
      evidence: promise.promisedEventId,
      agentId: promise.agentId,
      callId: promise.callId,
    });
  },
});
