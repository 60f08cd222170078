/**
 * Article 105.1: unexcused absence. A scheduled agent not logged in `graceMinutes` after the
 * shift starts is an alert at that second, with the policy's deduction (-2 points). The
 * alert clears when the agent logs in; the absence itself stays counted (compliance,
 * points, the month's attendance).
 */
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, raise } from '../alerts.js';
import { localTime } from '../calendar.js';
import { recordCheck } from '../compliance.js';
import { award } from '../schedule/points.js';
import { defineRule } from './types.js';

export const absence = defineRule({
  id: 'absence',
  onEvent(ctx, e) {
    if (e.type !== 'agent.login') return;
    clearCondition(ctx, 'absence', { kind: 'agent', id: e.agentId }, alertReason('agentIn', { agent: e.agentId }));
  },
  onDeadline(ctx, d, config) {
    const rec = ctx.state.plan.shifts.get(d.key);
    if (!rec || rec.rev !== d.ref) return; // removed or changed since: its own deadline follows
    const s = rec.shift;
    const loggedIn = ctx.state.agents.get(s.agentId)?.loggedIn === true;
    recordCheck(ctx, 'absence', loggedIn, { agentId: s.agentId });
    if (loggedIn) return;
    rec.absent = true;
    const tz = ctx.state.rules.timezone;
    const alert = raise(ctx, {
      rule: 'absence',
      kind: 'condition',
      subject: { kind: 'agent', id: s.agentId },
      title: `Agent ${s.agentId} not logged in ${config.graceMinutes} min after the shift start ${localTime(s.start, tz)}${s.stationId === undefined ? '' : ` (seat ${s.stationId})`}`,
      evidence: s.id,
      agentId: s.agentId,
      ...(s.teamId !== undefined && { teamId: s.teamId }),
    });
    award(ctx, {
      item: 'absence',
      agentId: s.agentId,
      cause: s.id,
      at: ctx.now,
      reasonCode: 'absence',
      reasonParams: { graceMinutes: config.graceMinutes, start: localTime(s.start, tz) },
      evidence: [s.id, alert.id],
    });
  },
});
