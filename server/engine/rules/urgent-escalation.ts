/**
 * Articles 93-94: an important or urgent matter is reported upward at once, and the shift
 * lead passes it on to the floor supervisor or department manager. The report opens a
 * critical alert whose escalation timers walk the chain until someone acknowledges it.
 */
import type { AlertSubject } from '../../../shared/alerts.js';
import type { EventOf } from '../../../shared/events.js';
import { raise } from '../alerts.js';
import { defineRule } from './types.js';

/**
 * Reports about one call are one matter: they join that call's alert. A report with no
 * call is a matter of its own, keyed by its event id: keyed by the agent, a second report
 * joined the first one's alert and, were that acknowledged, told nobody and never
 * escalated (and notifications are deduplicated per subject, so it must differ too).
 */
function reportSubject(e: EventOf<'urgent.reported'>): AlertSubject {
  return e.callId !== undefined ? { kind: 'call', id: e.callId } : { kind: 'agent', id: `${e.agentId}:${e.id}` };
}

export const urgentEscalation = defineRule({
  id: 'urgent-escalation',
  onEvent(ctx, e) {
    if (e.type !== 'urgent.reported') return;
    raise(ctx, {
      rule: 'urgent-escalation',
      kind: 'incident',
      subject: reportSubject(e),
      title: `Urgent matter reported by agent ${e.agentId}`,
      evidence: e.id,
      agentId: e.agentId,
      callId: e.callId,
      sensitive: { text: e.summary },
    });
  },
});
