/**
 * Articles 105.11-105.12: no leaving the seat without a reason; breaks and meals only as
 * arranged. Not ready with no reason code past a limit, or a reason past its allowed
 * length, is an alert at that second; it clears when the agent is back (or logs out).
 *
 * For an agent whose shift is under way the plan's break windows are the arrangement: a
 * meal begun outside its meal windows (with `scheduleGraceMinutes` of slack before a
 * window) is an alert at once, and a break or meal begun inside a window that runs past the
 * window's end is an alert at that second (the window, not the generic length, is the
 * limit). A break outside every window (a short personal break) keeps the length limit,
 * as for agents with no schedule. Each breach also proposes the policy's deduction.
 *
 * Off-hook rest (`rest`) is no leaving the seat: article 88 allows it in low-traffic periods
 * with no time limit (resting while calls wait is rest-off-hook's breach). So rest has no
 * length limit by default; a limit a site sets in its rules file still raises the alert,
 * but proposes no deduction: 105.11 is leaving the seat *without reason*, and a rest the
 * policy permits is a reason.
 *
 * Logging out is the plainest way of leaving the seat, and this rule is about leaving the
 * seat (105.11), so it judges logouts too: a logout of the last station while the agent's
 * planned shift is under way, before the end window no-leaving-post looks at
 * (`endWindowMinutes` before the end: leaving at the shift's end is article 79's question,
 * not this one), without a lead's approval (`approvedBy` on the logout, or a `leave.approve`
 * read as no-leaving-post reads it: `leaveApproved`). It is a breach once the agent has
 * stayed out `logoutGraceSeconds` (a re-login within it, as after a softphone crash, is
 * none), or until the end of the arranged break or meal the logout fell in, if later; then
 * an alert naming agent and seat with the -2, clearing when the agent is back. No planned
 * shift, no judgement.
 */
import { alertTitle, type AlertTitle } from '../../../shared/alert-titles.js';
import type { NotReadyReason } from '../../../shared/events.js';
import type { ScheduledBreak } from '../../../shared/schedule.js';
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, liveAlert, raise } from '../alerts.js';
import { localTime } from '../calendar.js';
import { schedule, type Ctx } from '../context.js';
import type { Deadline } from '../deadlines.js';
import { recordCheck } from '../compliance.js';
import { reasonLabel } from '../agents.js';
import { leaveApproved } from '../schedule/attendance.js';
import { breakAt, shiftAt } from '../schedule/plan.js';
import { award, type Award } from '../schedule/points.js';
import type { AgentRecord } from '../state.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { defineRule } from './types.js';

type Config = RulesConfig['rules']['away-without-reason'];

function limitMs(agent: AgentRecord, config: Config): number | undefined {
  if (agent.reason === undefined) return undefined;
  if (agent.reason === 'none') return config.noReasonSeconds * 1000;
  const max = config.maxSeconds[agent.reason as NotReadyReason];
  return max === undefined ? undefined : max * 1000;
}

/**
 * The scheduled window a break or meal begun at `at` belongs to: a meal only in a meal
 * window, a break in any window (a meal window is time off the phone too).
 */
function windowOf(ctx: Ctx, agent: AgentRecord, at: number, config: Config): ScheduledBreak | undefined | null {
  const rec = shiftAt(ctx.state.plan, agent.agentId, at);
  if (!rec || (agent.reason !== 'meal' && agent.reason !== 'break')) return null; // no plan applies
  const grace = config.scheduleGraceMinutes * 60_000;
  return rec.shift.breaks.find((b) => (agent.reason === 'break' || b.kind === 'meal') && b.start - grace <= at && at < b.end);
}

const stretch = (agent: AgentRecord): string => `${agent.agentId}@${agent.presenceSince}`;

/** The `left` deadline's key: the agent and the station logged out of (the seat, when the plan names none). */
const leftKey = (agentId: string, stationId: string): string => JSON.stringify([agentId, stationId]);

/**
 * A logout of the last station (already applied): is it leaving the seat mid-shift? The
 * shift under way, if the logout is before no-leaving-post's end window and unapproved.
 */
function leftMidShift(ctx: Ctx, agentId: string, at: number, approvedBy: string | undefined) {
  const rec = shiftAt(ctx.state.plan, agentId, at);
  if (!rec) return undefined; // no plan, no judgement
  const endWindowMs = ctx.state.rules.rules['no-leaving-post'].endWindowMinutes * 60_000;
  if (at >= rec.shift.end - endWindowMs) return undefined; // leaving at the shift's end: article 79
  if (approvedBy !== undefined || leaveApproved(ctx, rec)) return undefined;
  return rec;
}

export const awayWithoutReason = defineRule({
  id: 'away-without-reason',
  onEvent(ctx, e, config) {
    if (e.type !== 'agent.state' && e.type !== 'agent.logout' && e.type !== 'agent.login') return;
    const agent = ctx.state.agents.get(e.agentId);
    if (!agent || agent.presenceSince !== ctx.now) return; // presence did not change
    // A logout repeated while logged out everywhere (the displayed state did not change): no new stretch.
    if (e.type === 'agent.logout' && agent.since !== ctx.now) return;
    const subject = { kind: 'agent' as const, id: agent.agentId };
    // The previous not-ready stretch (if any) is over: one compliance check for it.
    const open = liveAlert(ctx, 'away-without-reason', subject);
    if (agent.awayPending) {
      recordCheck(ctx, 'away-without-reason', open === undefined, { agentId: agent.agentId });
      agent.awayPending = false;
    }
    clearCondition(ctx, 'away-without-reason', subject,
      e.type === 'agent.login' ? alertReason('agentIsBack', { agent: agent.agentId }) : alertReason('agentBack'));
    if (e.type === 'agent.logout' && !agent.loggedIn) {
      const rec = leftMidShift(ctx, agent.agentId, ctx.now, e.approvedBy);
      if (!rec) return;
      // Judged when the grace is over, or at the end of the arranged break or meal it fell in.
      const window = breakAt(rec.shift, ctx.now);
      const due = Math.max(ctx.now + config.logoutGraceSeconds * 1000, window?.end ?? 0);
      agent.awayPending = true; // a return within the grace counts a passed check
      schedule(ctx, 'away-without-reason', 'left', leftKey(agent.agentId, e.stationId), due, ctx.now);
      return;
    }
    if (agent.presence !== 'not_ready' || !agent.loggedIn) return;
    agent.awayPending = true;
    const window = windowOf(ctx, agent, ctx.now, config);
    if (window) {
      schedule(ctx, 'away-without-reason', 'window', agent.agentId, window.end, ctx.now);
      return;
    }
    if (window === undefined && agent.reason === 'meal') {
      const alert = raise(ctx, {
        rule: 'away-without-reason',
        kind: 'condition',
        subject,
        ...alertTitle('away-without-reason.mealOutside', { agent: agent.agentId, time: localTime(ctx.now, ctx.state.rules.timezone) }),
        evidence: e.id,
        agentId: agent.agentId,
      });
      award(ctx, {
        item: 'unarranged-meal', agentId: agent.agentId, cause: stretch(agent), at: ctx.now,
        // The alert in the evidence: resolved as a false alarm, it gives the points back.
        reasonCode: 'mealOutsideArrangement', evidence: [e.id, alert.id],
      });
      return;
    }
    const limit = limitMs(agent, config);
    if (limit !== undefined) schedule(ctx, 'away-without-reason', 'away', agent.agentId, ctx.now + limit, ctx.now);
  },
  onDeadline(ctx, d, config) {
    if (d.kind === 'left') {
      leftSeat(ctx, d);
      return;
    }
    const agent = ctx.state.agents.get(d.key);
    if (!agent || !agent.loggedIn || agent.presence !== 'not_ready' || agent.presenceSince !== d.ref) return;
    let title: AlertTitle;
    let why: Pick<Award, 'reasonCode' | 'reasonParams'>;
    if (d.kind === 'window') {
      // The plan may have changed since the stretch began: look at the window again.
      const window = windowOf(ctx, agent, agent.presenceSince, config);
      if (!window) return;
      if (window.end > ctx.now) {
        schedule(ctx, 'away-without-reason', 'window', agent.agentId, window.end, agent.presenceSince);
        return;
      }
      // Already raised in this stretch (a window moved earlier is caught at its old end, once).
      if (liveAlert(ctx, 'away-without-reason', { kind: 'agent', id: agent.agentId })) return;
      const end = localTime(window.end, ctx.state.rules.timezone);
      title = alertTitle('away-without-reason.pastWindow', { agent: agent.agentId, notReady: agent.reason ?? 'none', end },
        { notReady: reasonLabel(agent.reason) });
      why = { reasonCode: 'awayPastWindow', reasonParams: { notReady: agent.reason ?? 'none', end } };
    } else {
      const limit = limitMs(agent, config) ?? 0;
      if (agent.reason === 'rest') {
        // Only a site's own limit gets here (art. 88 sets none): an alert, but no 105.11 deduction.
        raise(ctx, {
          rule: 'away-without-reason',
          kind: 'condition',
          subject: { kind: 'agent', id: agent.agentId },
          ...alertTitle('away-without-reason.restTooLong', { agent: agent.agentId, seconds: Math.round(limit / 1000) }),
          evidence: stretch(agent),
          agentId: agent.agentId,
        });
        return;
      }
      title = agent.reason === 'none'
        ? alertTitle('away-without-reason.noReason', { agent: agent.agentId, seconds: Math.round(limit / 1000) })
        : alertTitle('away-without-reason.tooLong', { agent: agent.agentId, notReady: agent.reason ?? 'none', seconds: Math.round(limit / 1000) },
          { notReady: reasonLabel(agent.reason) });
      // The points' reason as a code: the ledger says it in its reader's language.
      why = agent.reason === 'none'
        ? { reasonCode: 'awayNoReason', reasonParams: { seconds: Math.round(limit / 1000) } }
        : { reasonCode: 'awayTooLong', reasonParams: { notReady: agent.reason ?? 'none', seconds: Math.round(limit / 1000) } };
    }
    const alert = raise(ctx, {
      rule: 'away-without-reason',
      kind: 'condition',
      subject: { kind: 'agent', id: agent.agentId },
      ...title,
      evidence: stretch(agent),
      agentId: agent.agentId,
    });
    award(ctx, {
      item: 'leaving-seat', agentId: agent.agentId, cause: stretch(agent), at: ctx.now,
      ...why, evidence: [stretch(agent), alert.id],
    });
  },
});

/**
 * The `left` deadline: the agent logged out mid-shift at `d.ref` and is still out (no login
 * or state since), and no lead has approved it meanwhile. One check, the alert and the -2.
 */
function leftSeat(ctx: Ctx, d: Deadline): void {
  const [agentId, stationId] = JSON.parse(d.key) as [string, string];
  const agent = ctx.state.agents.get(agentId);
  if (!agent || agent.loggedIn || agent.presenceSince !== d.ref) return; // back since (or out again: its own deadline)
  agent.awayPending = false;
  // The plan or an approval may have changed since the logout: judge it again.
  const rec = leftMidShift(ctx, agentId, d.ref, undefined);
  recordCheck(ctx, 'away-without-reason', rec === undefined, { agentId });
  if (!rec) return;
  const seat = rec.shift.stationId ?? stationId;
  const tz = ctx.state.rules.timezone;
  const stretchId = `${agentId}@${d.ref}`;
  const alert = raise(ctx, {
    rule: 'away-without-reason',
    kind: 'condition',
    subject: { kind: 'agent', id: agentId },
    ...alertTitle('away-without-reason.leftSeat', { agent: agentId, seat, time: localTime(d.ref, tz) }),
    evidence: stretchId,
    agentId,
    ...(rec.shift.teamId !== undefined && { teamId: rec.shift.teamId }),
  });
  award(ctx, {
    item: 'leaving-seat', agentId, cause: stretchId, at: ctx.now,
    reasonCode: 'loggedOutMidShift', reasonParams: { time: localTime(d.ref, tz) }, evidence: [stretchId, alert.id],
  });
}
