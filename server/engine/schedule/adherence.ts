/**
 * Real-time schedule adherence: is the agent doing what the plan says now, and what share of
 * today's scheduled time so far they did. Time is accounted precisely: at every change of
 * what the agent does (an event) and of what the plan says (the shift's start, break
 * boundaries and end are deadlines), the stretch since the last change is added with the
 * activities that held during it.
 *
 * What the agent does, in the plan's terms:
 * - logged out: `off`;
 * - not ready for a `break` or `meal`: that;
 * - not ready for `rest`, `meeting` or `training`: `working`. Off-hook rest is allowed at
 *   the seat in quiet periods (art. 88; its own rule flags it while calls wait), and
 *   meetings and training are work a lead arranges: none of them is a planned break;
 * - not ready with no reason or `other`: `away`, which matches nothing in the plan (leaving
 *   the seat without reason is what art. 105.11 forbids);
 * - any other state (available, on a call, after-call work): `working`.
 * Outside the agent's shifts the plan asks nothing, so the agent is in adherence whatever
 * they do (staying past the end for a late relief, art. 79, must not count against them).
 */
import type { AgentAdherence, TeamAdherence } from '../../../shared/schedule.js';
import { AGENT_FIELDS, touchAgent, type Ctx } from '../context.js';
import type { AgentRecord, EngineState } from '../state.js';
import { hasShiftBetween, scheduledAt } from './plan.js';
import type { ActualActivity, AdherenceRecord } from './plan-state.js';

export function actualOf(agent: AgentRecord | undefined): ActualActivity {
  if (!agent || agent.state === 'logged_out') return 'off';
  if (agent.state !== 'not_ready') return 'working';
  switch (agent.reason) {
    case 'break':
    case 'meal':
      return agent.reason;
    case 'rest':
    case 'meeting':
    case 'training':
      return 'working';
    default:
      return 'away';
  }
}

function account(rec: AdherenceRecord, now: number): void {
  const ms = Math.max(0, now - rec.accountedFrom);
  if (rec.scheduled !== 'off') {
    rec.scheduledMs += ms;
    if (rec.inAdherence) rec.adheringMs += ms;
  }
  rec.accountedFrom = now;
}

/**
 * Brings one agent's adherence up to now: accounts the stretch just ended, then looks at
 * the plan and the agent again. Agents without a shift today have no record.
 */
export function updateAdherence(ctx: Ctx, agentId: string): void {
  const state = ctx.state;
  const plan = state.plan;
  let rec = plan.adherence.get(agentId);
  if (!hasShiftBetween(plan, agentId, plan.today.start, plan.today.next)) {
    // No shift today (any more: the plan changed): out of the figures.
    if (rec) {
      plan.adherence.delete(agentId);
      if (state.agents.has(agentId)) touchAgent(ctx, agentId, AGENT_FIELDS.adherence);
      ctx.effects.push({ type: 'adherence' });
    }
    return;
  }
  if (!rec) {
    rec = {
      agentId, scheduled: 'off', actual: 'off', inAdherence: true, since: ctx.now, accountedFrom: ctx.now, scheduledMs: 0, adheringMs: 0,
    };
    plan.adherence.set(agentId, rec);
  }
  account(rec, ctx.now);
  const agent = state.agents.get(agentId);
  const { activity, shift } = scheduledAt(plan, agentId, ctx.now);
  const actual = actualOf(agent);
  const inAdherence = activity === 'off' || actual === activity;
  const teamId = shift?.shift.teamId ?? agent?.teamId ?? rec.teamId;
  const changed = rec.scheduled !== activity || rec.actual !== actual || rec.inAdherence !== inAdherence
    || rec.shiftId !== shift?.shift.id || rec.teamId !== teamId;
  if (!changed) return;
  if (rec.inAdherence !== inAdherence) rec.since = ctx.now;
  rec.scheduled = activity;
  rec.actual = actual;
  rec.inAdherence = inAdherence;
  if (shift) rec.shiftId = shift.shift.id;
  else rec.shiftId = undefined;
  if (teamId !== undefined) rec.teamId = teamId;
  if (agent) touchAgent(ctx, agentId, AGENT_FIELDS.adherence);
  ctx.effects.push({ type: 'adherence' });
}

/**
 * Midnight: today's totals start again. Yesterday's stretch is accounted up to the boundary
 * first; agents with no shift on the new day drop out of the figures.
 */
export function rollOverAdherence(ctx: Ctx): void {
  const plan = ctx.state.plan;
  for (const rec of plan.adherence.values()) {
    account(rec, ctx.now);
    rec.scheduledMs = 0;
    rec.adheringMs = 0;
  }
  const agents = new Set<string>(plan.adherence.keys());
  for (const rec of plan.shifts.values()) {
    if (rec.shift.start < plan.today.next && rec.shift.end > plan.today.start) agents.add(rec.shift.agentId);
  }
  for (const agentId of agents) updateAdherence(ctx, agentId);
}

/** The totals as they stand at `now` (the running stretch included). */
function totals(rec: AdherenceRecord, now: number): { scheduledMs: number; adheringMs: number } {
  const running = rec.scheduled === 'off' ? 0 : Math.max(0, now - rec.accountedFrom);
  return { scheduledMs: rec.scheduledMs + running, adheringMs: rec.adheringMs + (rec.inAdherence ? running : 0) };
}

const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null);

export function agentAdherence(state: EngineState, agentId: string, now = state.time): AgentAdherence | undefined {
  const rec = state.plan.adherence.get(agentId);
  if (!rec) return undefined;
  const t = totals(rec, now);
  return {
    scheduled: rec.scheduled,
    inAdherence: rec.inAdherence,
    since: rec.since,
    percent: percent(t.adheringMs, t.scheduledMs),
    ...(rec.shiftId !== undefined && { shiftId: rec.shiftId }),
  };
}

/** Per team with a shift today, sorted by team id. Agents with no team are in no team's figures. */
export function teamAdherence(state: EngineState, now = state.time): TeamAdherence[] {
  const teams = new Map<string, { scheduledNow: number; outOfAdherence: number; scheduledMs: number; adheringMs: number }>();
  for (const rec of state.plan.adherence.values()) {
    if (rec.teamId === undefined) continue;
    let team = teams.get(rec.teamId);
    if (!team) {
      team = { scheduledNow: 0, outOfAdherence: 0, scheduledMs: 0, adheringMs: 0 };
      teams.set(rec.teamId, team);
    }
    if (rec.scheduled !== 'off') {
      team.scheduledNow += 1;
      if (!rec.inAdherence) team.outOfAdherence += 1;
    }
    const t = totals(rec, now);
    team.scheduledMs += t.scheduledMs;
    team.adheringMs += t.adheringMs;
  }
  return [...teams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([teamId, t]) => ({
    teamId, scheduledNow: t.scheduledNow, outOfAdherence: t.outOfAdherence, percent: percent(t.adheringMs, t.scheduledMs),
  }));
}
