/**
 * The period awards of article 104, at the boundaries of the centre's calendar (the rules'
 * time zone): full attendance per month (104.1), the "little bee" for most calls answered
 * per quarter (104.2). Each entry is dated the last millisecond of its period, so it counts
 * in the period it rewards, and its id names agent and period, so it is written once.
 */
import { monthOf, quarterOf, type Period } from '../calendar.js';
import { schedule, type Ctx } from '../context.js';
import type { Deadline } from '../deadlines.js';
import { award } from './points.js';
import type { ShiftRecord } from './plan-state.js';

const MAX_EVIDENCE = 50;

/**
 * Why a shift spoils full attendance, or undefined when it does not. Article 104.1 wants a
 * month without 迟到 (late), 早退 (left early), 病假/事假 (sick or personal leave) or 调班
 * (a swap). A shift missed, excused by a lead (leave) or not (105.1), is 'absent'; leaving
 * early counts whether a lead approved it or not (the approval spares article 79's alert
 * only). Leave and swaps recorded by taking the shift out of the plan leave nothing here
 * to see: the plan has no record of them.
 */
function flaw(rec: ShiftRecord): string | undefined {
  if (rec.absent) return 'absent';
  if (rec.missedStart) return 'late';
  if (rec.leftEarlyAt !== undefined) return 'left early';
  return undefined;
}

/**
 * Full attendance for the month `key` (starting at `start`): every agent with at least one
 * shift in it that the engine watched begin (a shift added after its start cannot be
 * judged), none of them missed (excused or not), late (not in at the start) or left early
 * (approved or not). Shifts that began in the month but are still running are waited for.
 */
function awardAttendance(ctx: Ctx, key: string, start: number): void {
  const tz = ctx.state.rules.timezone;
  const month = monthOf(start, tz);
  const byAgent = new Map<string, ShiftRecord[]>();
  let lastEnd = 0;
  for (const rec of ctx.state.plan.shifts.values()) {
    if (!rec.observed || rec.shift.start < month.start || rec.shift.start >= month.next) continue;
    lastEnd = Math.max(lastEnd, rec.shift.end);
    const list = byAgent.get(rec.shift.agentId);
    if (list) list.push(rec);
    else byAgent.set(rec.shift.agentId, [rec]);
  }
  if (lastEnd > ctx.now) {
    // A night shift crossing the boundary could still end early: decide when it is over.
    schedule(ctx, 'core', 'attendance', key, lastEnd, start);
    return;
  }
  for (const [agentId, shifts] of [...byAgent].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (shifts.some((r) => flaw(r) !== undefined)) continue;
    award(ctx, {
      item: 'full-attendance',
      agentId,
      cause: `${agentId}:${key}`,
      at: month.next - 1,
      reasonCode: 'fullAttendance',
      reasonParams: { month: key, shifts: shifts.length },
      evidence: shifts.slice(0, MAX_EVIDENCE).map((r) => r.shift.id),
    });
  }
}

/** The month boundary: the next month begins; the one that ended is awarded. */
export function monthBoundary(ctx: Ctx, d: Deadline): void {
  const awards = ctx.state.plan.awards;
  if (d.ref !== awards.month.next) return;
  const ended = awards.month;
  awards.month = monthOf(ctx.now, ctx.state.rules.timezone);
  schedule(ctx, 'core', 'month', awards.month.key, awards.month.next, awards.month.next);
  awardAttendance(ctx, ended.key, ended.start);
}

/** A deferred attendance decision (shifts of the month were still running at its end). */
export function attendanceDue(ctx: Ctx, d: Deadline): void {
  awardAttendance(ctx, d.key, d.ref);
}

/** The quarter's top answerers (ties all win), then a new quarter. */
function rollQuarter(ctx: Ctx): void {
  const awards = ctx.state.plan.awards;
  const q: Period = awards.quarter;
  let top = 0;
  for (const n of awards.quarter.answered.values()) top = Math.max(top, n);
  const winners = [...awards.quarter.answered].filter(([, n]) => top > 0 && n === top).map(([id]) => id).sort();
  for (const agentId of winners) {
    award(ctx, {
      item: 'little-bee',
      agentId,
      cause: `${agentId}:${q.key}`,
      at: q.next - 1,
      ...(winners.length > 1
        ? { reasonCode: 'littleBeeShared' as const, reasonParams: { quarter: q.key, answered: top, winners: winners.length } }
        : { reasonCode: 'littleBee' as const, reasonParams: { quarter: q.key, answered: top } }),
      evidence: [q.key],
    });
  }
  awards.quarter = { ...quarterOf(ctx.now, ctx.state.rules.timezone), answered: new Map() };
  schedule(ctx, 'core', 'quarter', awards.quarter.key, awards.quarter.next, awards.quarter.next);
}

/**
 * An answer at the very moment of the boundary is applied before the boundary's deadline
 * fires (events first at equal times): it belongs to the new quarter, so the old one is
 * closed first. The deadline then finds nothing left to do.
 */
export function rollQuarterIfDue(ctx: Ctx): void {
  if (ctx.now >= ctx.state.plan.awards.quarter.next) rollQuarter(ctx);
}

export function quarterBoundary(ctx: Ctx, d: Deadline): void {
  if (d.ref !== ctx.state.plan.awards.quarter.next) return;
  rollQuarterIfDue(ctx);
}
