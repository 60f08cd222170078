/**
 * The plan in a replay (`floorwatch replay --schedule`): when it goes into the engine.
 *
 * Live, a day's plan is imported before the day, so every check it sets (the lead's
 * arrival 20 min before the duty, the meeting 10 min before, each shift's start and its
 * absence check) is armed when its moment comes. The engine skips checks already past
 * when a plan arrives (a plan cannot hold anyone to a moment gone by), so replay must put
 * the plan in no later than the first of those checks, and no later than the first event.
 *
 * Only shifts and duties starting on the recording's own centre day (or later) pull that
 * moment back: a month's roster replayed with one day of events must not judge the days
 * before it, of which the file holds no logins at all. Their checks stay in the past and
 * are skipped, exactly as on a server the plan reached late.
 */
import type { LeadShift, Shift } from '../../shared/schedule.js';
import type { RulesConfig } from '../../shared/rules-config.js';
import { dayOf } from '../engine/calendar.js';

export interface ReplayPlan {
  shifts: Shift[];
  leads: LeadShift[];
}

const MINUTE = 60_000;

/** The earliest moment the plan asks something of a shift or duty (before a duty: the lead's checks). */
function firstCheck(item: Shift | LeadShift, rules: RulesConfig): number {
  if ('leadId' in item) {
    const early = rules.rules['lead-early'];
    return item.start - Math.max(early.arriveMinutes, early.meetingMinutes) * MINUTE;
  }
  return item.start;
}

/**
 * When replay applies the plan: the first event's moment, or the first check of a shift or
 * duty starting on the first event's centre day or after it, whichever is earlier. With no
 * events, the first check of the whole plan.
 */
export function planAppliedAt(plan: ReplayPlan, firstEvent: number | undefined, rules: RulesConfig): number {
  const from = firstEvent === undefined ? Number.NEGATIVE_INFINITY : dayOf(firstEvent, rules.timezone).start;
  let at = firstEvent ?? Number.POSITIVE_INFINITY;
  // A loop, not Math.min(...): a month's roster for a large centre is too many arguments.
  for (const item of [...plan.shifts, ...plan.leads]) {
    if (item.start >= from) at = Math.min(at, firstCheck(item, rules));
  }
  return Number.isFinite(at) ? at : 0;
}
