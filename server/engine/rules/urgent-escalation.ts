/**
 * Articles 93-94: an important or urgent matter is reported upward at once, and the shift
 * lead passes it on to the floor supervisor or department manager. The report opens a
 * critical alert whose escalation timers walk the chain until someone acknowledges it.
 */
import { raise } from '../alerts.js';
import { defineRule } from './types.js';

export const urgentEscalation = defineRule({
  id: 'urgent-escalation',
  onEvent(ctx, e) {
    if (e.type !== 'urgent.reported') return;
    raise(ctx, {
      rule: 'urgent-escalation',
      kind: 'incident',
      subject: e.callId !== undefined ? { kind: 'call', id: e.callId } : { kind: 'agent', id: e.agentId },
      title: `Urgent matter reported by agent ${e.agentId}`,
      evidence: e.id,
      agentId: e.agentId,
      callId: e.callId,
      sensitive: { text: e.summary },
    });
  },
});
