/**
 * Schedules (policy chapter 4 and 6): who works which seat when, with breaks and meals,
 * and which shift lead leads which teams when. The server parses CSV/YAML imports and UI
 * edits into these shapes (times as epoch ms, already in the centre's time zone), and the
 * engine receives them as logged inputs, so a rebuild after a crash sees the same plan.
 */
import { z } from 'zod';
import { timestamp } from './events.js';
import { SCHEDULE_PROBLEMS } from './schedule-problems.js';

const id = z.string().min(1, SCHEDULE_PROBLEMS.empty).max(200, SCHEDULE_PROBLEMS.tooLong);

export const BREAK_KINDS = ['break', 'meal'] as const;
export type BreakKind = (typeof BREAK_KINDS)[number];

export const scheduledBreakSchema = z.strictObject({
  kind: z.enum(BREAK_KINDS),
  start: timestamp,
  end: timestamp,
}).refine((b) => b.end > b.start, { message: SCHEDULE_PROBLEMS.breakEndNotAfterStart, path: ['end'] });

/** One agent's shift at one seat. `id` defaults to `${agentId}@${start}`. */
export const shiftSchema = z.strictObject({
  id: id.optional(),
  agentId: id,
  name: z.string().max(200, SCHEDULE_PROBLEMS.tooLong).optional(),
  start: timestamp,
  end: timestamp,
  stationId: id.optional(),
  teamId: id.optional(),
  breaks: z.array(scheduledBreakSchema).max(20, SCHEDULE_PROBLEMS.tooManyBreaks).default([]),
}).refine((s) => s.end > s.start, { message: SCHEDULE_PROBLEMS.endNotAfterStart, path: ['end'] })
  .refine((s) => s.breaks.every((b) => b.start >= s.start && b.end <= s.end), {
    message: SCHEDULE_PROBLEMS.breaksOutsideShift, path: ['breaks'],
  });

/**
 * One shift lead's duty. `leadId` is the agent number the lead logs in with at a phone
 * (article 78: on site 20 minutes early); `account` the Floorwatch username that submits
 * and confirms the handover. `id` defaults to `lead:${leadId}@${start}`.
 */
export const leadShiftSchema = z.strictObject({
  id: id.optional(),
  leadId: id,
  account: z.string().min(1, SCHEDULE_PROBLEMS.empty).max(64, SCHEDULE_PROBLEMS.accountTooLong).optional(),
  name: z.string().max(200, SCHEDULE_PROBLEMS.tooLong).optional(),
  teamIds: z.array(id).min(1, SCHEDULE_PROBLEMS.noTeams).max(100, SCHEDULE_PROBLEMS.tooManyTeams),
  start: timestamp,
  end: timestamp,
}).refine((s) => s.end > s.start, { message: SCHEDULE_PROBLEMS.endNotAfterStart, path: ['end'] });

export type ScheduledBreak = z.output<typeof scheduledBreakSchema>;
export type ShiftInput = z.input<typeof shiftSchema>;
/** A shift as stored: id filled in. */
export type Shift = z.output<typeof shiftSchema> & { id: string };
export type LeadShiftInput = z.input<typeof leadShiftSchema>;
export type LeadShift = z.output<typeof leadShiftSchema> & { id: string };

/**
 * A change to the plan. `replace` (an import) removes every shift and lead duty starting
 * in [from, to) and puts the given ones in; `upsert` adds or replaces by id; `remove`
 * deletes by id.
 */
export type ScheduleChange =
  | { op: 'upsert'; shifts: Shift[]; leads: LeadShift[] }
  | { op: 'remove'; shiftIds: string[]; leadShiftIds: string[] }
  | { op: 'replace'; from: number; to: number; shifts: Shift[]; leads: LeadShift[] };

export const shiftId = (s: { id?: string; agentId: string; start: number }): string => s.id ?? `${s.agentId}@${s.start}`;
export const leadShiftId = (s: { id?: string; leadId: string; start: number }): string => s.id ?? `lead:${s.leadId}@${s.start}`;

/** The plan for a window, as the schedule page shows it. */
export interface ScheduleView {
  from: number;
  to: number;
  timezone: string;
  shifts: Shift[];
  leads: LeadShift[];
}

/** What the plan says an agent should be doing at a moment. */
export type ScheduledActivity = 'working' | 'break' | 'meal' | 'off';

/**
 * Real-time schedule adherence: is the agent doing what the plan says now, and what
 * share of today's scheduled time so far they did (null before any scheduled time).
 */
export interface AgentAdherence {
  scheduled: ScheduledActivity;
  inAdherence: boolean;
  /** When the current in/out-of-adherence stretch began. */
  since: number;
  /** Today's share of scheduled minutes in adherence, 0-100. */
  percent: number | null;
  shiftId?: string;
}

export interface TeamAdherence {
  teamId: string;
  /** Agents the plan has on shift now (working, break or meal). */
  scheduledNow: number;
  outOfAdherence: number;
  /** Today's share of the team's scheduled minutes in adherence, 0-100. */
  percent: number | null;
}
