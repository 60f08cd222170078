/**
 * What the plan side learns from events and from its own deadlines: attendance per shift
 * (in at the start? logged out early without approval?), leave approvals, pre-shift
 * meetings, and answered calls for the quarter. Runs whether or not the schedule rules are
 * enabled: the monthly attendance award and adherence depend on it, not on alerts.
 */
import type { FloorEvent } from '../../../shared/events.js';
import type { Ctx } from '../context.js';
import type { Deadline } from '../deadlines.js';
import { updateAdherence } from './adherence.js';
import { rollQuarterIfDue } from './awards.js';
import { shiftAt } from './plan.js';
import type { ShiftRecord } from './plan-state.js';

/**
 * Was the agent's leave approved during this shift (a lead's command, or `approvedBy` on the
 * logout)? Article 79's approval lets the agent leave (离岗) that once: it covers the absence
 * under way when it was given, or else the next one, and is used up when the agent is back
 * (see `cameBack`). So a doctor's visit approved at 11:00 does not excuse leaving at the
 * shift's end with the relief absent.
 */
export function leaveApproved(ctx: Ctx, rec: ShiftRecord): boolean {
  const approval = ctx.state.plan.approvals.get(rec.shift.agentId);
  return approval !== undefined && approval.at >= rec.shift.start;
}

/**
 * Did this login (already applied by the core) end an absence? Only when the agent was
 * logged out everywhere: now logged in at this one station, with presence reset just now.
 * A login at a second station while still at the first is no return.
 */
function cameBack(ctx: Ctx, agentId: string, stationId: string): boolean {
  const agent = ctx.state.agents.get(agentId);
  return agent !== undefined && agent.stations.length === 1 && agent.stations[0] === stationId && agent.presenceSince === ctx.now;
}

/** After the core applied an event, before the rules look at it. */
export function notePlanEvent(ctx: Ctx, e: FloorEvent): void {
  const plan = ctx.state.plan;
  switch (e.type) {
    case 'agent.logout': {
      const agent = ctx.state.agents.get(e.agentId);
      if (e.approvedBy !== undefined) plan.approvals.set(e.agentId, { at: ctx.now, by: e.approvedBy });
      if (!agent || agent.loggedIn) return; // still logged in at another station: not leaving
      const rec = shiftAt(plan, e.agentId, ctx.now);
      if (rec && !leaveApproved(ctx, rec)) rec.leftEarlyAt = ctx.now;
      return;
    }
    case 'agent.login': {
      // The absence a leave approval was given for is over: it excuses no later leaving.
      if (cameBack(ctx, e.agentId, e.stationId)) plan.approvals.delete(e.agentId);
      // Back before the shift's end: the earlier logout was a glitch or a short absence,
      // not leaving early (a late return still shows in adherence).
      const rec = shiftAt(plan, e.agentId, ctx.now);
      if (rec) rec.leftEarlyAt = undefined;
      return;
    }
    case 'meeting.started':
      plan.meetings.set(e.teamId, ctx.now);
      return;
    case 'call.answered': {
      const call = ctx.state.calls.get(e.callId);
      // Article 104.2 counts calls answered for customers: inbound, and not private calls.
      if (!call || call.direction !== 'inbound' || call.numberClass === 'private') return;
      rollQuarterIfDue(ctx);
      const answered = plan.awards.quarter.answered;
      answered.set(e.agentId, (answered.get(e.agentId) ?? 0) + 1);
      return;
    }
    default:
  }
}

/** A leave approval by a lead's command: also forgives an early logout already made in this shift. */
export function recordApproval(ctx: Ctx, agentId: string, by: string, note: string | undefined): void {
  const plan = ctx.state.plan;
  plan.approvals.set(agentId, { at: ctx.now, by, ...(note !== undefined && { note }) });
  // The shift under way, or one that ended just now (the lead approves after the fact).
  const windowMs = ctx.state.rules.rules['no-leaving-post'].endWindowMinutes * 60_000;
  for (const id of plan.byAgent.get(agentId) ?? []) {
    const rec = plan.shifts.get(id);
    if (rec?.leftEarlyAt !== undefined && rec.shift.start <= ctx.now && ctx.now <= rec.shift.end + windowMs) rec.leftEarlyAt = undefined;
  }
}

/** The shift begins: attendance is judged from here (in at the start, or late). */
export function shiftStarted(ctx: Ctx, d: Deadline): void {
  const rec = ctx.state.plan.shifts.get(d.key);
  if (!rec || rec.rev !== d.ref) return;
  rec.observed = true;
  if (!ctx.state.agents.get(rec.shift.agentId)?.loggedIn) rec.missedStart = true;
  updateAdherence(ctx, rec.shift.agentId);
}

/** A break boundary or the shift's end: what the agent should do changes. */
export function shiftEdge(ctx: Ctx, d: Deadline): void {
  const rec = ctx.state.plan.shifts.get(d.key);
  if (!rec || rec.rev !== d.ref) return;
  updateAdherence(ctx, rec.shift.agentId);
}
