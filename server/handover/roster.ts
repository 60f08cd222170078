/**
 * The lead roster around a shift change (articles 78-82): the outgoing lead's duty ends at
 * the shift change and the incoming lead's starts there, for overlapping teams. Duties are
 * matched to the minute of the change: a plan that hands over lists the duties back to back
 * (the incoming lead's earlier arrival, article 78, is the lead-early rule's business), and
 * a shift change is picked as a whole minute while a plan may carry seconds or milliseconds
 * (one posted with epoch times).
 * Pure: it reads a ScheduleView the floor already has.
 */
import type { LeadShift } from '../../shared/schedule.js';

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
/** The longest lead duty looked for: the roster is read this far back from a shift change. */
export const MAX_DUTY_MS = 24 * HOUR_MS;
/** A lead still owes the handover of a duty that ended up to this long ago. */
export const OWED_GRACE_MS = 12 * HOUR_MS;

export interface LeadRef {
  leadId?: string;
  account?: string;
  name?: string;
}

export interface LeadsAtChange {
  outgoing?: LeadShift;
  incoming?: LeadShift;
}

/** Usernames are stored lower-case; the roster's `account` may not be. */
export function sameAccount(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** The minute `at` falls in, as its first millisecond. */
const minuteOf = (at: number): number => Math.floor(at / MINUTE_MS) * MINUTE_MS;

/** The roster window that holds every duty ending or starting in the minute of `shiftChangeAt`. */
export function rosterWindow(shiftChangeAt: number): { from: number; to: number } {
  const minute = minuteOf(shiftChangeAt);
  return { from: minute - MAX_DUTY_MS, to: minute + MINUTE_MS };
}

export function leadsAtChange(leads: LeadShift[], shiftChangeAt: number, teamIds: readonly string[]): LeadsAtChange {
  const minute = minuteOf(shiftChangeAt);
  const outgoing = mostOverlapping(leads.filter((l) => minuteOf(l.end) === minute), teamIds);
  const incoming = mostOverlapping(leads.filter((l) => minuteOf(l.start) === minute), teamIds);
  return { ...(outgoing && { outgoing }), ...(incoming && { incoming }) };
}

/** The duty covering most of the teams (ties: the first by id); none when none overlaps. */
function mostOverlapping(duties: LeadShift[], teamIds: readonly string[]): LeadShift | undefined {
  let best: { duty: LeadShift; overlap: number } | undefined;
  for (const duty of [...duties].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const overlap = duty.teamIds.filter((t) => teamIds.includes(t)).length;
    if (overlap > 0 && (best === undefined || overlap > best.overlap)) best = { duty, overlap };
  }
  return best?.duty;
}

/**
 * The duty whose handover this account owes now: the latest one it has begun, unless that
 * ended more than OWED_GRACE_MS ago.
 */
export function dutyOwed(leads: LeadShift[], account: string, now: number): LeadShift | undefined {
  const begun = leads.filter((l) => sameAccount(l.account, account) && l.start <= now).sort((a, b) => b.start - a.start);
  const latest = begun[0];
  return latest !== undefined && latest.end >= now - OWED_GRACE_MS ? latest : undefined;
}

export function leadRef(duty: LeadShift | undefined): LeadRef {
  if (duty === undefined) return {};
  return {
    leadId: duty.leadId,
    ...(duty.account !== undefined && { account: duty.account }),
    ...(duty.name !== undefined && { name: duty.name }),
  };
}
