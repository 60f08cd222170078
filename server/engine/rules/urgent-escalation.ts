/**
 * Articles 93-94: an important or urgent matter is reported upward at once, and the shift
 * lead passes it on to the floor supervisor or department manager. The report opens a
 * critical alert whose escalation timers walk the chain until someone acknowledges it.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import type { AlertSubject } from '../../../shared/alerts.js';
import type { EventOf } from '../../../shared/events.js';
import { liveAlert, raise, takenUp } from '../alerts.js';
import type { Ctx } from '../context.js';
import { defineRule } from './types.js';

/**
 * Reports about one call are one matter while nobody has taken it up: a second report
 * before the lead acknowledged joins that call's alert, which is still escalating and will
 * be read whole. A report with no call is a matter of its own, keyed by its event id: keyed
 * by the agent, a second report joined the first one's alert and, were that acknowledged,
 * told nobody and never escalated (and notifications are deduplicated per subject, so it
 * must differ too).
 *
 * "Taken up" is acknowledged, or passed on to the supervisor by the lead who acknowledged
 * it (art. 94: it stays open at the supervisor's level, alerts.ts passUpward).
 *
 * A report about a call whose alert was already acknowledged opens a fresh alert
 * (`call:<callId>:<eventId>`), not the acknowledged one: article 93 wants every urgent
 * report passed upward at once, and the lead acknowledged the first report, not this one.
 * Joined to the acknowledged alert it told nobody, never escalated, and its summary
 * replaced the first one's, which the lead then never saw again. As a fresh alert it is
 * notified and escalates like any new report, and each summary stays on its own alert. A
 * fresh alert for the call that is still unacknowledged is joined in turn, as above.
 */
function reportSubject(ctx: Ctx, e: EventOf<'urgent.reported'>): AlertSubject {
  if (e.callId === undefined) return { kind: 'agent', id: `${e.agentId}:${e.id}` };
  const callSubject: AlertSubject = { kind: 'call', id: e.callId };
  const first = liveAlert(ctx, 'urgent-escalation', callSubject);
  if (first !== undefined && !takenUp(first)) return callSubject;
  // Urgent reports are rare: a look through the live alerts for a later one about the call nobody has taken up.
  for (const alert of ctx.state.alerts.values()) {
    if (alert.rule === 'urgent-escalation' && !takenUp(alert) && alert.callId === e.callId
      && alert.subject.kind === 'call' && alert.subject.id.startsWith(`${e.callId}:`)) return alert.subject;
  }
  return first === undefined ? callSubject : { kind: 'call', id: `${e.callId}:${e.id}` };
}

export const urgentEscalation = defineRule({
  id: 'urgent-escalation',
  onEvent(ctx, e) {
    if (e.type !== 'urgent.reported') return;
    raise(ctx, {
      rule: 'urgent-escalation',
      kind: 'incident',
      subject: reportSubject(ctx, e),
      ...alertTitle('urgent-escalation.reported', { agent: e.agentId }),
      evidence: e.id,
      agentId: e.agentId,
      callId: e.callId,
      sensitive: { text: e.summary },
    });
  },
});
