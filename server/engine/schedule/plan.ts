/**
 * The plan: shifts and lead duties, changed by logged `schedule` inputs (an import, an
 * edit), with the indexes the rules need (by agent, by seat) and the deadlines each shift
 * and duty sets: its start, its break boundaries and its end (adherence, attendance), the
 * absence check at start + grace, the lead's arrival and meeting checks before the start.
 */
import type { ScheduleChange, ScheduleView, ScheduledActivity, ScheduledBreak, Shift, LeadShift } from '../../../shared/schedule.js';
import { leadShiftId, shiftId } from '../../../shared/schedule.js';
import { schedule, type Ctx } from '../context.js';
import { ARM_AHEAD_MS, type LeadRecord, type PlanState, type ShiftRecord } from './plan-state.js';

const MINUTE = 60_000;
/** Shifts are kept this long after they end: enough for the monthly attendance award. */
export const KEEP_ENDED_SHIFTS_MS = 40 * 24 * 3600 * 1000;

/** What a plan change touched: the agents whose adherence must be looked at again, and what went away. */
export interface PlanChangeOutcome {
  shifts: number;
  leads: number;
  agents: Set<string>;
  /** Shifts and duties removed, or moved to another start or person (their alerts no longer stand). */
  gone: Set<string>;
}

function addIndex(index: Map<string, string[]>, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const list = index.get(key);
  if (list) {
    if (!list.includes(id)) list.push(id);
  } else {
    index.set(key, [id]);
  }
}

function dropIndex(index: Map<string, string[]>, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const list = index.get(key);
  if (!list) return;
  const rest = list.filter((x) => x !== id);
  if (rest.length === 0) index.delete(key);
  else index.set(key, rest);
}

/** Sets the shift's deadlines still ahead (a plan that arrives after a moment cannot hold anyone to it). */
function armShift(ctx: Ctx, rec: ShiftRecord): void {
  const s = rec.shift;
  const future = (at: number): boolean => at >= ctx.now;
  const id = s.id;
  if (future(s.start)) schedule(ctx, 'core', 'shift-start', id, s.start, rec.rev);
  for (const b of s.breaks) {
    if (future(b.start)) schedule(ctx, 'core', 'shift-edge', id, b.start, rec.rev);
    if (future(b.end)) schedule(ctx, 'core', 'shift-edge', id, b.end, rec.rev);
  }
  if (future(s.end)) schedule(ctx, 'core', 'shift-edge', id, s.end, rec.rev);
  const grace = s.start + ctx.state.rules.rules.absence.graceMinutes * MINUTE;
  if (future(grace)) schedule(ctx, 'absence', 'grace', id, grace, rec.rev);
}

function armLead(ctx: Ctx, rec: LeadRecord): void {
  const config = ctx.state.rules.rules['lead-early'];
  const arrive = rec.lead.start - config.arriveMinutes * MINUTE;
  const meeting = rec.lead.start - config.meetingMinutes * MINUTE;
  if (arrive >= ctx.now) schedule(ctx, 'lead-early', 'arrive', rec.lead.id, arrive, rec.rev);
  if (meeting >= ctx.now) schedule(ctx, 'lead-early', 'meeting', rec.lead.id, meeting, rec.rev);
}

function putShift(ctx: Ctx, input: Shift, out: PlanChangeOutcome, previous?: ShiftRecord): void {
  const plan = ctx.state.plan;
  // Copied: the state must not share objects with the caller's change (the log keeps its own copy too).
  const breaks = (input.breaks ?? []).map((b) => ({ ...b })).sort((a, b) => a.start - b.start);
  const shift: Shift = { ...input, id: shiftId(input), breaks };
  const old = plan.shifts.get(shift.id) ?? previous;
  if (plan.shifts.has(shift.id)) dropShift(ctx, shift.id, out, false);
  const rec: ShiftRecord = { shift, rev: plan.nextRev++ };
  // The same shift re-imported or edited (same person, same start) keeps what the engine
  // already saw of it; a moved shift is a new one, and its old alerts no longer stand.
  if (old && old.shift.start === shift.start && old.shift.agentId === shift.agentId) {
    for (const k of ['observed', 'missedStart', 'absent', 'leftEarlyAt'] as const) {
      if (old[k] !== undefined) (rec as unknown as Record<string, unknown>)[k] = old[k];
    }
    out.gone.delete(shift.id);
  } else if (old) {
    out.gone.add(shift.id);
  }
  plan.shifts.set(shift.id, rec);
  addIndex(plan.byAgent, shift.agentId, shift.id);
  addIndex(plan.byStation, shift.stationId, shift.id);
  if (shift.start < plan.armedUntil) armShift(ctx, rec);
  out.agents.add(shift.agentId);
}

function dropShift(ctx: Ctx, id: string, out: PlanChangeOutcome, gone = true): ShiftRecord | undefined {
  const plan = ctx.state.plan;
  const rec = plan.shifts.get(id);
  if (!rec) return undefined;
  plan.shifts.delete(id);
  dropIndex(plan.byAgent, rec.shift.agentId, id);
  dropIndex(plan.byStation, rec.shift.stationId, id);
  out.agents.add(rec.shift.agentId);
  if (gone) out.gone.add(id);
  return rec;
}

function putLead(ctx: Ctx, input: LeadShift, out: PlanChangeOutcome, previous?: LeadRecord): void {
  const plan = ctx.state.plan;
  const lead: LeadShift = { ...input, id: leadShiftId(input), teamIds: [...input.teamIds] };
  const old = plan.leads.get(lead.id) ?? previous;
  if (old && (old.lead.start !== lead.start || old.lead.leadId !== lead.leadId)) out.gone.add(lead.id);
  else out.gone.delete(lead.id);
  const rec: LeadRecord = { lead, rev: plan.nextRev++ };
  plan.leads.set(lead.id, rec);
  if (lead.start < plan.armedUntil) armLead(ctx, rec);
}

/** Applies a change to the plan. Ids are filled in as the contract defines them. */
export function changePlan(ctx: Ctx, change: ScheduleChange): PlanChangeOutcome {
  const plan = ctx.state.plan;
  const out: PlanChangeOutcome = { shifts: 0, leads: 0, agents: new Set(), gone: new Set() };
  if (change.op === 'remove') {
    for (const id of change.shiftIds) if (dropShift(ctx, id, out)) out.shifts += 1;
    for (const id of change.leadShiftIds) {
      if (plan.leads.delete(id)) {
        out.leads += 1;
        out.gone.add(id);
      }
    }
    return out;
  }
  const previousShifts = new Map<string, ShiftRecord>();
  const previousLeads = new Map<string, LeadRecord>();
  if (change.op === 'replace') {
    for (const rec of [...plan.shifts.values()]) {
      if (rec.shift.start >= change.from && rec.shift.start < change.to) {
        previousShifts.set(rec.shift.id, rec);
        dropShift(ctx, rec.shift.id, out);
      }
    }
    for (const rec of [...plan.leads.values()]) {
      if (rec.lead.start >= change.from && rec.lead.start < change.to) {
        previousLeads.set(rec.lead.id, rec);
        plan.leads.delete(rec.lead.id);
        out.gone.add(rec.lead.id);
      }
    }
  }
  for (const s of change.shifts) putShift(ctx, s, out, previousShifts.get(shiftId(s)));
  for (const l of change.leads) putLead(ctx, l, out, previousLeads.get(leadShiftId(l)));
  out.shifts = change.shifts.length;
  out.leads = change.leads.length;
  return out;
}

/**
 * The rules changed (a grace period, an arrival time): every armed shift and duty not yet
 * over gets a new revision and its deadlines again, so the old timers go stale.
 */
export function rearmPlan(ctx: Ctx): void {
  const plan = ctx.state.plan;
  for (const rec of plan.shifts.values()) {
    if (rec.shift.end < ctx.now || rec.shift.start >= plan.armedUntil) continue;
    rec.rev = plan.nextRev++;
    armShift(ctx, rec);
  }
  for (const rec of plan.leads.values()) {
    if (rec.lead.start < ctx.now || rec.lead.start >= plan.armedUntil) continue;
    rec.rev = plan.nextRev++;
    armLead(ctx, rec);
  }
}

/** Midnight: arm the next day's shifts and duties, forget what is too old to matter. */
export function advancePlanDay(ctx: Ctx, day: { start: number; next: number }): void {
  const plan = ctx.state.plan;
  const until = day.next + ARM_AHEAD_MS;
  for (const rec of plan.shifts.values()) {
    if (rec.shift.start >= plan.armedUntil && rec.shift.start < until) armShift(ctx, rec);
  }
  for (const rec of plan.leads.values()) {
    if (rec.lead.start >= plan.armedUntil && rec.lead.start < until) armLead(ctx, rec);
  }
  plan.armedUntil = Math.max(plan.armedUntil, until);
  plan.today = { start: day.start, next: day.next };
  const keepAfter = ctx.now - KEEP_ENDED_SHIFTS_MS;
  const out: PlanChangeOutcome = { shifts: 0, leads: 0, agents: new Set(), gone: new Set() };
  for (const rec of [...plan.shifts.values()]) if (rec.shift.end < keepAfter) dropShift(ctx, rec.shift.id, out, false);
  for (const rec of [...plan.leads.values()]) if (rec.lead.end < keepAfter) plan.leads.delete(rec.lead.id);
  // Approvals and meetings only matter for the shift they were given in.
  const recent = ctx.now - 2 * 24 * 3600 * 1000;
  for (const [agentId, a] of plan.approvals) if (a.at < recent) plan.approvals.delete(agentId);
  for (const [teamId, at] of plan.meetings) if (at < recent) plan.meetings.delete(teamId);
}

export function shiftsOf(plan: PlanState, agentId: string): ShiftRecord[] {
  return (plan.byAgent.get(agentId) ?? []).flatMap((id) => plan.shifts.get(id) ?? []);
}

/** The agent's shift under way at `t` (the later-starting one if two overlap). */
export function shiftAt(plan: PlanState, agentId: string, t: number): ShiftRecord | undefined {
  let found: ShiftRecord | undefined;
  for (const rec of shiftsOf(plan, agentId)) {
    if (rec.shift.start <= t && t < rec.shift.end && (!found || rec.shift.start > found.shift.start)) found = rec;
  }
  return found;
}

/** Does the agent have a shift overlapping [from, to)? */
export function hasShiftBetween(plan: PlanState, agentId: string, from: number, to: number): boolean {
  return shiftsOf(plan, agentId).some((rec) => rec.shift.start < to && rec.shift.end > from);
}

/** The break or meal window under way at `t` in a shift. */
export function breakAt(shift: Shift, t: number): ScheduledBreak | undefined {
  return shift.breaks.find((b) => b.start <= t && t < b.end);
}

/** What the plan says the agent should be doing at `t`. */
export function scheduledAt(plan: PlanState, agentId: string, t: number): { activity: ScheduledActivity; shift?: ShiftRecord } {
  const rec = shiftAt(plan, agentId, t);
  if (!rec) return { activity: 'off' };
  return { activity: breakAt(rec.shift, t)?.kind ?? 'working', shift: rec };
}

/**
 * The relief for a seat (article 79): the shift of another agent at the same station
 * starting closest to this shift's end, within the window either side. None without a seat.
 */
export function reliefOf(plan: PlanState, rec: ShiftRecord, windowMs: number): ShiftRecord | undefined {
  const station = rec.shift.stationId;
  if (station === undefined) return undefined;
  let best: ShiftRecord | undefined;
  for (const id of plan.byStation.get(station) ?? []) {
    const other = plan.shifts.get(id);
    if (!other || other.shift.agentId === rec.shift.agentId) continue;
    const gap = Math.abs(other.shift.start - rec.shift.end);
    if (gap > windowMs) continue;
    if (!best || gap < Math.abs(best.shift.start - rec.shift.end)) best = other;
  }
  return best;
}

export function scheduleView(plan: PlanState, from: number, to: number, timezone: string): ScheduleView {
  const byStart = <T extends { start: number; id: string }>(a: T, b: T): number => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const shifts = [...plan.shifts.values()]
    .filter((r) => r.shift.start >= from && r.shift.start < to)
    .map((r) => ({ ...r.shift, breaks: r.shift.breaks.map((b) => ({ ...b })) }))
    .sort(byStart);
  const leads = [...plan.leads.values()]
    .filter((r) => r.lead.start >= from && r.lead.start < to)
    .map((r) => ({ ...r.lead, teamIds: [...r.lead.teamIds] }))
    .sort(byStart);
  return { from, to, timezone, shifts, leads };
}
