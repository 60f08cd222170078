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
 */
import type { NotReadyReason } from '../../../shared/events.js';
import type { ScheduledBreak } from '../../../shared/schedule.js';
import { alertReason } from '../../../shared/alerts.js';
import { clearCondition, liveAlert, raise } from '../alerts.js';
import { localTime } from '../calendar.js';
import { schedule, type Ctx } from '../context.js';
import { recordCheck } from '../compliance.js';
import { reasonLabel } from '../agents.js';
import { shiftAt } from '../schedule/plan.js';
import { award, type Award } from '../schedule/points.js';
import type { AgentRecord } from '../state.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import { defineRule, seconds } from './types.js';

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

export const awayWithoutReason = defineRule({
  id: 'away-without-reason',
  onEvent(ctx, e, config) {
    if (e.type !== 'agent.state' && e.type !== 'agent.logout' && e.type !== 'agent.login') return;
    const agent = ctx.state.agents.get(e.agentId);
    if (!agent || agent.presenceSince !== ctx.now) return; // presence did not change
    const subject = { kind: 'agent' as const, id: agent.agentId };
    // The previous not-ready stretch (if any) is over: one compliance check for it.
    const open = liveAlert(ctx, 'away-without-reason', subject);
    if (agent.awayPending) {
      recordCheck(ctx, 'away-without-reason', open === undefined, { agentId: agent.agentId });
      agent.awayPending = false;
    }
    clearCondition(ctx, 'away-without-reason', subject, alertReason('agentBack'));
    if (agent.presence !== 'not_ready' || !agent.loggedIn) return;
    agent.awayPending = true;
    const window = windowOf(ctx, agent, ctx.now, config);
    if (window) {
      schedule(ctx, 'away-without-reason', 'window', agent.agentId, window.end, ctx.now);
      return;
    }
    if (window === undefined && agent.reason === 'meal') {
      raise(ctx, {
        rule: 'away-without-reason',
        kind: 'condition',
        subject,
        title: `Agent ${agent.agentId} on a meal at ${localTime(ctx.now, ctx.state.rules.timezone)}, outside the arranged meal times (art. 105.12)`,
        evidence: e.id,
        agentId: agent.agentId,
      });
      award(ctx, {
        item: 'unarranged-meal', agentId: agent.agentId, cause: stretch(agent), at: ctx.now,
        reasonCode: 'mealOutsideArrangement', evidence: [e.id],
      });
      return;
    }
    const limit = limitMs(agent, config);
    if (limit !== undefined) schedule(ctx, 'away-without-reason', 'away', agent.agentId, ctx.now + limit, ctx.now);
  },
  onDeadline(ctx, d, config) {
    const agent = ctx.state.agents.get(d.key);
    if (!agent || !agent.loggedIn || agent.presence !== 'not_ready' || agent.presenceSince !== d.ref) return;
    let title: string;
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
      title = `Agent ${agent.agentId} on ${reasonLabel(agent.reason)} past its arranged end ${end}`;
      why = { reasonCode: 'awayPastWindow', reasonParams: { notReady: agent.reason ?? 'none', end } };
    } else {
      const limit = limitMs(agent, config) ?? 0;
      title = agent.reason === 'none'
        ? `Agent ${agent.agentId} not ready with no reason for ${seconds(limit)}`
        : `Agent ${agent.agentId} on ${reasonLabel(agent.reason)} longer than ${seconds(limit)}`;
      // The points' reason as a code: the ledger says it in its reader's language.
      why = agent.reason === 'none'
        ? { reasonCode: 'awayNoReason', reasonParams: { seconds: Math.round(limit / 1000) } }
        : { reasonCode: 'awayTooLong', reasonParams: { notReady: agent.reason ?? 'none', seconds: Math.round(limit / 1000) } };
    }
    raise(ctx, {
      rule: 'away-without-reason',
      kind: 'condition',
      subject: { kind: 'agent', id: agent.agentId },
      title,
      evidence: stretch(agent),
      agentId: agent.agentId,
    });
    award(ctx, {
      item: 'leaving-seat', agentId: agent.agentId, cause: stretch(agent), at: ctx.now,
      ...why, evidence: [stretch(agent)],
    });
  },
});
