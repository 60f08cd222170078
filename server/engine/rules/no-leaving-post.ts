/**
 * Article 79: if the relieving agent is absent, the outgoing agent may not leave without
 * the shift lead's approval. A logout at the end of a shift (within `endWindowMinutes`
 * before its end, or after it) while the relief for that seat (another agent's shift at the
 * same station starting about when this one ends) is not logged in, and no lead approved
 * it (`approvedBy` on the logout, or a `leave.approve` command during the shift that an
 * earlier return has not used up: see `leaveApproved`), is an alert naming agent, seat and
 * relief. It clears when the relief logs in or the agent is back; a lead's later approval
 * resolves it in the lead's name. No relief planned, no breach.
 */
import { alertTitle } from '../../../shared/alert-titles.js';
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, raise } from '../alerts.js';
import { recordCheck } from '../compliance.js';
import type { Ctx } from '../context.js';
import { leaveApproved } from '../schedule/attendance.js';
import { reliefOf, shiftsOf } from '../schedule/plan.js';
import type { ShiftRecord } from '../schedule/plan-state.js';
import { defineRule } from './types.js';

const DAY_MS = 24 * 3600 * 1000;

/** The shift this logout ends: begun, in its last `windowMs` or over (within a day), the latest such. */
function endingShift(ctx: Ctx, agentId: string, windowMs: number): ShiftRecord | undefined {
  let found: ShiftRecord | undefined;
  for (const rec of shiftsOf(ctx.state.plan, agentId)) {
    const s = rec.shift;
    if (s.start > ctx.now || s.end - windowMs > ctx.now || s.end + DAY_MS < ctx.now) continue;
    if (!found || s.end > found.shift.end) found = rec;
  }
  return found;
}

export const noLeavingPost = defineRule({
  id: 'no-leaving-post',
  onEvent(ctx, e, config) {
    const plan = ctx.state.plan;
    if (e.type === 'agent.login') {
      for (const [agentId, left] of [...plan.leftPosts]) {
        if (agentId !== e.agentId && left.reliefAgentId !== e.agentId) continue;
        plan.leftPosts.delete(agentId);
        clearCondition(ctx, 'no-leaving-post', { kind: 'agent', id: agentId },
          agentId === e.agentId ? alertReason('agentIsBack', { agent: agentId }) : alertReason('reliefIn', { agent: e.agentId }));
      }
      return;
    }
    if (e.type !== 'agent.logout') return;
    const agent = ctx.state.agents.get(e.agentId);
    if (!agent || agent.loggedIn) return; // still at another station
    const windowMs = config.endWindowMinutes * 60_000;
    const rec = endingShift(ctx, e.agentId, windowMs);
    if (!rec) return;
    const relief = reliefOf(plan, rec, windowMs);
    if (!relief || relief.shift.end <= ctx.now) return;
    const reliefIn = ctx.state.agents.get(relief.shift.agentId)?.loggedIn === true;
    const approved = e.approvedBy !== undefined || leaveApproved(ctx, rec);
    recordCheck(ctx, 'no-leaving-post', reliefIn || approved, { agentId: e.agentId });
    if (reliefIn || approved) return;
    const seat = rec.shift.stationId ?? e.stationId;
    plan.leftPosts.set(e.agentId, { shiftId: rec.shift.id, stationId: seat, reliefAgentId: relief.shift.agentId, at: ctx.now });
    raise(ctx, {
      rule: 'no-leaving-post',
      kind: 'condition',
      subject: { kind: 'agent', id: e.agentId },
      ...alertTitle('no-leaving-post.noRelief', { agent: e.agentId, seat, relief: relief.shift.agentId }),
      evidence: e.id,
      agentId: e.agentId,
      ...(rec.shift.teamId !== undefined && { teamId: rec.shift.teamId }),
    });
  },
});
