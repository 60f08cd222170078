/**
 * What the plan side learns from events and from its own deadlines: attendance per shift
 * (in at the start? seen at all during it? logged out early?), leave approvals, pre-shift
 * meetings, and answered calls for the quarter. Runs whether or not the schedule rules are
 * enabled: the monthly attendance award and adherence depend on it, not on alerts.
 *
 * Attendance per shift, as the award (104.1) and the absence rule (105.1) read it:
 * `missedStart`, not in when the shift began (late, or missed); `absent`, not seen logged in
 * since the shift began: set at the start, cleared when the agent logs in (or the feed shows
 * the agent working) during the shift, so still set at the end means the shift was missed;
 * `leftEarlyAt`, logged out before the end and not back since, with a lead's approval or
 * without (an approval spares the agent article 79's alert, not the month's attendance).
 */
import { alertReason } from '../../../shared/alerts.js';
import type { FloorEvent } from '../../../shared/events.js';
import { liveAlert, resolveAlert } from '../alerts.js';
import type { Ctx } from '../context.js';
import type { Deadline } from '../deadlines.js';
import { updateAdherence } from './adherence.js';
import { rollQuarterIfDue } from './awards.js';
import { shiftAt, shiftsOf } from './plan.js';
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
 * Is a missed shift excused (article 105.1 deducts only absence *without reason*)? A lead's
 * approval for the agent given during the shift (by its end), or before it once the agent's
 * previous shift was over: an approval given in an earlier shift, or within no-leaving-post's
 * `endWindowMinutes` after its end (where a lead approves leaving it after the fact), or
 * carried on the logout that ended it, was to leave that shift, and the agent has not been
 * back since (a return uses an approval up), so it must not excuse the next one. So one
 * approval excuses one shift: leave for several days takes an approval in (or before)
 * each of them, or the shifts taken out of the plan.
 */
export function absenceExcused(ctx: Ctx, rec: ShiftRecord): boolean {
  const { agentId, start, end } = rec.shift;
  const approval = ctx.state.plan.approvals.get(agentId);
  if (approval === undefined || approval.at > end) return false;
  if (approval.at >= start) return true;
  const windowMs = ctx.state.rules.rules['no-leaving-post'].endWindowMinutes * 60_000;
  for (const other of shiftsOf(ctx.state.plan, agentId)) {
    if (other === rec || other.shift.start >= start) continue;
    if (approval.at < Math.min(other.shift.end + windowMs, start)) return false;
  }
  return true;
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
      // Leaving before the end spoils full attendance (104.1: 早退) whether a lead approved
      // it or not: the approval only spares the agent no-leaving-post's alert (art. 79).
      const rec = shiftAt(plan, e.agentId, ctx.now);
      if (rec) rec.leftEarlyAt = ctx.now;
      return;
    }
    case 'agent.login': {
      // The absence a leave approval was given for is over: it excuses no later leaving.
      if (cameBack(ctx, e.agentId, e.stationId)) plan.approvals.delete(e.agentId);
      // Back before the shift's end: the earlier logout was a glitch or a short absence,
      // not leaving early (a late return still shows in adherence). In at all: not absent.
      const rec = shiftAt(plan, e.agentId, ctx.now);
      if (rec) {
        rec.leftEarlyAt = undefined;
        rec.absent = undefined;
      }
      return;
    }
    case 'agent.state': {
      // Seen working (the feed missed the login): in during the shift, so not absent.
      const rec = shiftAt(plan, e.agentId, ctx.now);
      if (rec) rec.absent = undefined;
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

/**
 * A leave approval by a lead's command. It does not forgive an early logout for the month's
 * attendance (leaving early is 早退, approved or not). It excuses the agent's absence from
 * the shift under way (article 105.1: see `absenceExcused`): the absence alert raised for
 * that shift is resolved in the lead's name, as the leave command resolves article 79's.
 */
export function recordApproval(ctx: Ctx, agentId: string, by: string, note: string | undefined): void {
  const plan = ctx.state.plan;
  plan.approvals.set(agentId, { at: ctx.now, by, ...(note !== undefined && { note }) });
  const rec = shiftAt(plan, agentId, ctx.now);
  const alert = rec && liveAlert(ctx, 'absence', { kind: 'agent', id: agentId });
  if (rec && alert && alert.evidence.includes(rec.shift.id)) {
    resolveAlert(ctx, alert, by, note ? alertReason('leaveApprovedWithNote', { who: by, note }) : alertReason('leaveApproved', { who: by }));
  }
}

/** The shift begins: attendance is judged from here (in at the start, or late, or not at all). */
export function shiftStarted(ctx: Ctx, d: Deadline): void {
  const rec = ctx.state.plan.shifts.get(d.key);
  if (!rec || rec.rev !== d.ref) return;
  rec.observed = true;
  if (!ctx.state.agents.get(rec.shift.agentId)?.loggedIn) {
    rec.missedStart = true;
    rec.absent = true; // until the agent is seen logged in during the shift
  }
  updateAdherence(ctx, rec.shift.agentId);
}

/** A break boundary or the shift's end: what the agent should do changes. */
export function shiftEdge(ctx: Ctx, d: Deadline): void {
  const rec = ctx.state.plan.shifts.get(d.key);
  if (!rec || rec.rev !== d.ref) return;
  updateAdherence(ctx, rec.shift.agentId);
}
