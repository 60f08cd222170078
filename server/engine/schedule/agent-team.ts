/**
 * An agent's team when its feed names none. Teams come with `agent.login.teamId`, and no
 * phone-system adapter sends one (AMI, queue_log, FreeSWITCH, Connect and Twilio know no
 * teams). Without it an agent's alerts had no team: the handover of team A then ignored
 * them (art. 81: no handover while an emergency is unresolved, checked per team), a lead's
 * team scope never showed them, and the TV's team filter missed the agent. The plan knows
 * each agent's team per shift, so that is the team, until a feed says otherwise.
 */
import type { Ctx } from '../context.js';
import type { PlanState } from './plan-state.js';
import { shiftAt, shiftsOf } from './plan.js';

/** The team of the agent's shift under way at `now`, else of its planned shift nearest in time. */
export function plannedTeamOf(plan: PlanState, agentId: string, now: number): string | undefined {
  const current = shiftAt(plan, agentId, now)?.shift.teamId;
  if (current !== undefined) return current;
  let team: string | undefined;
  let nearest = Number.POSITIVE_INFINITY;
  for (const { shift } of shiftsOf(plan, agentId)) {
    if (shift.teamId === undefined) continue;
    const gap = now < shift.start ? shift.start - now : Math.max(0, now - shift.end);
    if (gap < nearest) {
      nearest = gap;
      team = shift.teamId;
    }
  }
  return team;
}

/** Gives a known agent with no team the plan's; true if it got one (its view changes). */
export function teamFromPlan(ctx: Ctx, agentId: string): boolean {
  const agent = ctx.state.agents.get(agentId);
  if (agent === undefined || agent.teamId !== undefined) return false;
  const team = plannedTeamOf(ctx.state.plan, agentId, ctx.now);
  if (team === undefined) return false;
  agent.teamId = team;
  return true;
}
