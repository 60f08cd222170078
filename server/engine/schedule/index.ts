/**
 * The schedule side of a step, as the engine calls it: a plan change, what an event
 * teaches the plan side, the plan's own deadlines, the day boundary.
 */
import type { CommandResult } from '../../../shared/commands.js';
import type { FloorEvent } from '../../../shared/events.js';
import type { ScheduleChange } from '../../../shared/schedule.js';
import { alertReason } from '../../../shared/alerts.js';
import { resolveAlert } from '../alerts.js';
import { AGENT_FIELDS, type Ctx, type Effect } from '../context.js';
import { refreshAgent } from '../agents.js';
import { teamFromPlan } from './agent-team.js';
import type { Deadline } from '../deadlines.js';
import { rollOverAdherence, updateAdherence } from './adherence.js';
import { notePlanEvent, shiftEdge, shiftStarted } from './attendance.js';
import { attendanceDue, monthBoundary, quarterBoundary } from './awards.js';
import { advancePlanDay, changePlan } from './plan.js';

/** Applies a logged plan change; answers how many shifts and duties it put in or took out. */
export function applySchedule(ctx: Ctx, change: ScheduleChange): CommandResult<{ shifts: number; leads: number }> {
  const out = changePlan(ctx, change);
  // Alerts about a shift or duty the plan no longer has (or has moved) no longer stand.
  // Points already given for them stay in the ledger: a supervisor reverses them if wrong.
  if (out.gone.size > 0) {
    for (const alert of [...ctx.state.alerts.values()]) {
      if ((alert.rule === 'absence' || alert.rule === 'lead-early') && alert.evidence.some((e) => out.gone.has(e))) {
        resolveAlert(ctx, alert, 'auto', alertReason('shiftChanged'));
      }
    }
  }
  for (const agentId of out.agents) {
    // Agents already on the floor whose feed names no team take the plan's (agent-team.ts).
    if (teamFromPlan(ctx, agentId)) refreshAgent(ctx, ctx.state.agents.get(agentId)!, false, AGENT_FIELDS.identity);
    updateAdherence(ctx, agentId);
  }
  return { ok: true, value: { shifts: out.shifts, leads: out.leads } };
}

/** After the core applied an event (before the rules see it). */
export function planBeforeRules(ctx: Ctx, event: FloorEvent): void {
  notePlanEvent(ctx, event);
}

/** After the rules: the agents the event touched may have moved in or out of adherence. */
export function planAfterRules(ctx: Ctx, effectsBefore: number): void {
  const plan = ctx.state.plan;
  if (plan.adherence.size === 0 && plan.byAgent.size === 0) return;
  const touched = new Set<string>();
  const effects: Effect[] = ctx.effects;
  for (let i = effectsBefore; i < effects.length; i++) {
    const e = effects[i];
    if (e.type === 'agent' && plan.byAgent.has(e.agentId)) touched.add(e.agentId);
  }
  for (const agentId of touched) updateAdherence(ctx, agentId);
}

/** The plan's core deadlines (rule deadlines go to their rules). Returns false for kinds it does not own. */
export function firePlanDeadline(ctx: Ctx, d: Deadline): boolean {
  switch (d.kind) {
    case 'shift-start':
      shiftStarted(ctx, d);
      return true;
    case 'shift-edge':
      shiftEdge(ctx, d);
      return true;
    case 'month':
      monthBoundary(ctx, d);
      return true;
    case 'attendance':
      attendanceDue(ctx, d);
      return true;
    case 'quarter':
      quarterBoundary(ctx, d);
      return true;
    default:
      return false;
  }
}

/** Midnight (after the day's counters were reset): the next day is armed, adherence starts again. */
export function rollOverPlan(ctx: Ctx, day: { start: number; next: number }): void {
  advancePlanDay(ctx, day);
  rollOverAdherence(ctx);
}
