/**
 * The plan's part of the engine state: shifts and lead duties, what the engine learnt about
 * each shift as it happened (attendance), leave approvals, pre-shift meetings, schedule
 * adherence per agent and the counters behind the monthly and quarterly awards. Plain data,
 * like the rest of EngineState, so it serialises with snapshots.
 */
import type { LeadShift, ScheduledActivity, Shift } from '../../../shared/schedule.js';
import { dayOf, monthOf, quarterOf, type Period } from '../calendar.js';

export interface ShiftRecord {
  shift: Shift;
  /**
   * Revision, new on every change of the shift (or of the rules): its deadlines carry it as
   * `ref`, so the deadlines of an edited or removed shift are recognised as stale and ignored.
   */
  rev: number;
  /** The shift-start check ran: the plan knew the shift before it began (attendance counts it). */
  observed?: boolean;
  /** Not logged in when the shift began (a late login, or an absence). */
  missedStart?: boolean;
  /**
   * Not logged in at the shift's start and not seen working since; still set when the
   * shift ends, the shift was missed (article 105.1's absence unless a lead excused it).
   */
  absent?: boolean;
  /** Logged out before the shift's end, approved or not (and not back since): spoils full attendance (104.1). */
  leftEarlyAt?: number;
}

export interface LeadRecord {
  lead: LeadShift;
  rev: number;
}

/** What the agent is doing, in the plan's terms; `away` (not ready, no or another reason) matches no plan activity. */
export type ActualActivity = ScheduledActivity | 'away';

export interface AdherenceRecord {
  agentId: string;
  teamId?: string;
  shiftId?: string;
  scheduled: ScheduledActivity;
  actual: ActualActivity;
  inAdherence: boolean;
  /** Start of the current in/out-of-adherence stretch. */
  since: number;
  /** Start of the stretch not yet added to today's totals. */
  accountedFrom: number;
  /** Today's scheduled time (shift time, breaks included) accounted so far. */
  scheduledMs: number;
  /** The part of it the agent was in adherence. */
  adheringMs: number;
}

export interface LeaveApproval {
  at: number;
  by: string;
  note?: string;
}

/** An agent who left the post unapproved while the relief was not in (no-leaving-post alert live). */
export interface LeftPost {
  shiftId: string;
  stationId: string;
  reliefAgentId: string;
  at: number;
}

export interface Awards {
  /** The month being counted; its boundary deadline awards full attendance (art. 104.1). */
  month: Period;
  /** The quarter being counted, with answered calls per agent for the "little bee" (art. 104.2). */
  quarter: Period & { answered: Map<string, number> };
}

export interface PlanState {
  shifts: Map<string, ShiftRecord>;
  leads: Map<string, LeadRecord>;
  /** agentId -> ids of that agent's shifts. */
  byAgent: Map<string, string[]>;
  /** stationId -> ids of the shifts at that seat (to find the relief, art. 79). */
  byStation: Map<string, string[]>;
  nextRev: number;
  /**
   * Deadlines are set ("armed") only for shifts and duties starting before this moment, a
   * day or two ahead: a month's import would otherwise fill the deadline heap (and every
   * snapshot) with tens of thousands of timers. Each midnight arms the next day.
   */
  armedUntil: number;
  /** The centre-local day adherence is counted for. */
  today: { start: number; next: number };
  /** agentId -> the latest leave approval (a lead's command, or `approvedBy` on a logout). */
  approvals: Map<string, LeaveApproval>;
  /** teamId -> when its latest pre-shift meeting started. */
  meetings: Map<string, number>;
  leftPosts: Map<string, LeftPost>;
  adherence: Map<string, AdherenceRecord>;
  awards: Awards;
}

/** How far ahead of the current day deadlines are armed. */
export const ARM_AHEAD_MS = 24 * 3600 * 1000;

export function emptyPlan(now: number, tz: string): PlanState {
  const day = dayOf(now, tz);
  return {
    shifts: new Map(),
    leads: new Map(),
    byAgent: new Map(),
    byStation: new Map(),
    nextRev: 1,
    armedUntil: day.next + ARM_AHEAD_MS,
    today: { start: day.start, next: day.next },
    approvals: new Map(),
    meetings: new Map(),
    leftPosts: new Map(),
    adherence: new Map(),
    awards: { month: monthOf(now, tz), quarter: { ...quarterOf(now, tz), answered: new Map() } },
  };
}
