/**
 * The simulated floor's schedule: who is planned on which seat when, with breaks and
 * meals, which lead leads which team when, and the handful of planned slips that break
 * the plan's rules (absence, a late incoming lead or a late meeting, leaving before the
 * relief is in, an unarranged meal, a break overrun). Pure, from the seed: the plan is
 * known before a single event is generated, so `floorwatch simulate` can post it to a
 * server first, and the floor model then plays it out.
 *
 * The day has one crew, or two with a shift change: the second crew relieves the first
 * on the same seats, its lead arrives `arriveMinutes` before the change and holds the
 * pre-shift meeting before `meetingMinutes`. The plan is taken as known from the
 * simulation's start: a server that gets it then does not hold the opening lead to an
 * arrival time already past (nor does the engine, see server/engine/schedule/plan.ts).
 */
import type { RulesConfig } from '../../shared/rules-config.js';
import { leadShiftId, shiftId, type LeadShift, type ScheduledBreak, type Shift } from '../../shared/schedule.js';
import type { BreachPlanner } from './breaches.js';
import type { Random } from './random.js';
import { reliefRoster, type AgentProfile } from './roster.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A stretch shorter than this is one crew's, unless a change time is given. */
export const MIN_DURATION_FOR_CHANGE_MS = 2 * HOUR;
/** The incoming crew works at least this long after the change. */
export const MIN_SECOND_SHIFT_MS = 30 * MIN;
const BREAK_MS = 15 * MIN;
/** Meals are planned a little shorter than the 45 minutes allowed, so keeping to the plan keeps to the limit. */
const MEAL_MS = 40 * MIN;
/** The engine counts a team's meeting for a duty if it began at most this long before (lead-early.ts). */
const MEETING_LOOKBACK_MS = 60 * MIN;

export interface PlannedShift {
  start: number;
  end: number;
  breaks: ScheduledBreak[];
}

/** The planned slips, decided up front so each one happens for sure (at least one of each kind). */
export interface ScheduleSlips {
  /** Agents who never log in. */
  absent: Set<string>;
  /** Incoming leads who arrive late, or whose team's meeting starts late. */
  lateLeads: Map<string, 'late' | 'meeting'>;
  /** Outgoing agents who leave at the change although their relief is not in yet (the relief is late). */
  leavesEarly: Set<string>;
  /** Agents who go for a meal outside their meal window, and when. */
  unarrangedMeal: Map<string, number>;
  /** Planned breaks run over: `${agentId}@${window start}`. */
  overrun: Set<string>;
}

export interface FloorPlan {
  /** The first crew, and the relief crew when there is a change. */
  crews: AgentProfile[][];
  changeAt?: number;
  /** Every agent's shift (agent number -> shift), leads excluded. */
  shifts: Map<string, PlannedShift>;
  /** Every lead's duty (agent number -> duty). */
  duties: Map<string, { start: number; end: number }>;
  /** Seat partner in the other crew (both ways). */
  partner: Map<string, string>;
  slips: ScheduleSlips;
  /** The plan as the schedule contract has it (what is imported into a server). */
  schedule: { shifts: Shift[]; leads: LeadShift[] };
}

export interface PlanSettings {
  roster: AgentProfile[];
  start: number;
  end: number;
  loginWindowMs: number;
  /** Epoch ms of the change; null for none; undefined for the default (the middle, if the stretch is long enough). */
  changeAt?: number | null;
  rules: RulesConfig['rules'];
  breaches: BreachPlanner;
  rng: Random;
}

const ceilMinute = (t: number): number => Math.ceil(t / MIN) * MIN;
const floorMinute = (t: number): number => Math.floor(t / MIN) * MIN;

/** The lead's Floorwatch account in the simulated plan (the demo's handover uses it). */
export const leadAccount = (leadId: string): string => `lead.${leadId}`;

/** When the relief crew takes over, or undefined for one crew; throws on an impossible explicit time. */
export function changeTime(s: Pick<PlanSettings, 'start' | 'end' | 'loginWindowMs' | 'changeAt' | 'rules'>): number | undefined {
  if (s.changeAt === null) return undefined;
  const earliest = s.start + s.loginWindowMs + (s.rules['lead-early'].arriveMinutes + 5) * MIN;
  const latest = floorMinute(s.end) - MIN_SECOND_SHIFT_MS;
  if (s.changeAt !== undefined) {
    const at = floorMinute(s.changeAt);
    if (at < earliest || at > latest) {
      throw new RangeError(`shiftChangeAt must leave the incoming lead time to arrive and the relief ${MIN_SECOND_SHIFT_MS / MIN} min of work: between ${new Date(ceilMinute(earliest)).toISOString()} and ${new Date(latest).toISOString()}`);
    }
    return at;
  }
  if (s.end - s.start < MIN_DURATION_FOR_CHANGE_MS) return undefined;
  const middle = floorMinute(s.start + (s.end - s.start) / 2);
  return middle >= earliest && middle <= latest ? middle : undefined;
}

/**
 * Breaks and a meal for a shift, staggered by seat so a team never leaves the phones all
 * at once: one break in a short shift, break-meal-break from three and a half hours on.
 */
function windowsFor(start: number, end: number, seat: number): ScheduledBreak[] {
  const length = end - start;
  const stagger = (seat % 4) - 1.5;
  const at = (offset: number, spread: number, ms: number, kind: ScheduledBreak['kind']): ScheduledBreak => {
    const from = floorMinute(start + offset - ms / 2 + stagger * spread);
    return { kind, start: from, end: from + ms };
  };
  if (length >= 3.5 * HOUR) {
    return [at(length / 4, 10 * MIN, BREAK_MS, 'break'), at(length / 2, 15 * MIN, MEAL_MS, 'meal'), at((3 * length) / 4, 10 * MIN, BREAK_MS, 'break')];
  }
  if (length >= 1.5 * HOUR) return [at(length / 2, 10 * MIN, BREAK_MS, 'break')];
  return [];
}

/** Picks each item with probability p, and one at least when p > 0 (a planned slip must happen). */
function pickSome<T>(items: readonly T[], p: number, rng: Random): T[] {
  const picked = items.filter(() => rng.chance(p));
  if (p > 0 && picked.length === 0 && items.length > 0) picked.push(rng.pick(items));
  return picked;
}

/**
 * When an agent could slip off for a meal nobody arranged: in the longest stretch between
 * the shift's edges and windows, at least 10 minutes after one and with 25 left before the
 * next (the meal is over before it); none when no stretch is that long.
 */
function unarrangedMealTime(shift: PlannedShift, rng: Random): number | undefined {
  const edges = [shift.start, ...shift.breaks.flatMap((b) => [b.start, b.end]), shift.end];
  let best: [number, number] | undefined;
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const [from, to] = [edges[i] + 10 * MIN, edges[i + 1] - 25 * MIN];
    if (to - from >= 5 * MIN && (!best || to - from > best[1] - best[0])) best = [from, to];
  }
  return best ? floorMinute(rng.uniform(best[0], best[1])) : undefined;
}

export function planSchedule(s: PlanSettings): FloorPlan {
  const { rng, breaches, rules } = s;
  const changeAt = changeTime(s);
  const firstStart = ceilMinute(s.start + s.loginWindowMs);
  const lastEnd = floorMinute(s.end);
  const crews = changeAt === undefined ? [s.roster] : [s.roster, reliefRoster(s.roster, rng)];
  const bounds = changeAt === undefined ? [[firstStart, lastEnd]] : [[firstStart, changeAt], [changeAt, lastEnd]];

  const plan: FloorPlan = {
    crews, ...(changeAt !== undefined && { changeAt }), shifts: new Map(), duties: new Map(), partner: new Map(),
    slips: { absent: new Set(), lateLeads: new Map(), leavesEarly: new Set(), unarrangedMeal: new Map(), overrun: new Set() },
    schedule: { shifts: [], leads: [] },
  };
  if (!(lastEnd > firstStart)) return plan; // too short a stretch to plan anything

  crews.forEach((crew, c) => {
    const [start, end] = bounds[c];
    const seatInTeam = new Map<string, number>();
    for (const p of crew) {
      if (p.role === 'lead') {
        plan.duties.set(p.agentId, { start, end });
        plan.schedule.leads.push({
          id: leadShiftId({ leadId: p.agentId, start }), leadId: p.agentId, account: leadAccount(p.agentId), name: p.name,
          teamIds: [p.teamId], start, end,
        });
        continue;
      }
      const seat = seatInTeam.get(p.teamId) ?? 0;
      seatInTeam.set(p.teamId, seat + 1);
      const shift: PlannedShift = { start, end, breaks: windowsFor(start, end, seat) };
      plan.shifts.set(p.agentId, shift);
      plan.schedule.shifts.push({
        id: shiftId({ agentId: p.agentId, start }), agentId: p.agentId, name: p.name, stationId: p.stationId, teamId: p.teamId,
        start, end, breaks: shift.breaks.map((b) => ({ ...b })),
      });
    }
  });
  if (crews.length === 2) crews[0].forEach((p, i) => {
    plan.partner.set(p.agentId, crews[1][i].agentId);
    plan.partner.set(crews[1][i].agentId, p.agentId);
  });
  pickSlips(plan, s.start, rules, breaches, rng);
  return plan;
}

/** Decides the planned slips; each rule that is off (or not breached) gets none. Draw order is fixed. */
function pickSlips(plan: FloorPlan, start: number, rules: PlanSettings['rules'], breaches: BreachPlanner, rng: Random): void {
  const { slips, crews, changeAt } = plan;
  const agents = crews.flat().filter((p) => p.role === 'agent').map((p) => p.agentId);

  for (const id of pickSome(agents, breaches.rate('absence'), rng)) slips.absent.add(id);

  if (changeAt !== undefined) {
    const incoming = crews[1].filter((p) => p.role === 'lead').map((p) => p.agentId);
    const picked = pickSome(incoming, breaches.rate('lead-early'), rng);
    // Both ways of breaking article 78 when two teams can show them; a late meeting only
    // counts when the first crew's opening meeting is too long ago to stand in for it.
    const meetingCanBeLate = changeAt - rules['lead-early'].meetingMinutes * MIN - MEETING_LOOKBACK_MS > start + 5 * MIN;
    if (picked.length === 1 && incoming.length > 1 && meetingCanBeLate) picked.push(rng.pick(incoming.filter((id) => id !== picked[0])));
    picked.forEach((id, i) => slips.lateLeads.set(id, i % 2 === 1 && meetingCanBeLate ? 'meeting' : 'late'));

    const outgoing = crews[0].filter((p) => p.role === 'agent' && !slips.absent.has(p.agentId) && !slips.absent.has(plan.partner.get(p.agentId)!));
    for (const p of pickSome(outgoing, breaches.rate('no-leaving-post'), rng)) slips.leavesEarly.add(p.agentId);
  }

  const away = breaches.rate('away-without-reason');
  const present = agents.filter((id) => !slips.absent.has(id));
  const mealTimes = present.flatMap((id) => {
    const at = unarrangedMealTime(plan.shifts.get(id)!, rng);
    return at === undefined ? [] : [[id, at] as const];
  });
  for (const [id, at] of pickSome(mealTimes, away, rng)) slips.unarrangedMeal.set(id, at);
  const breakWindows = present.flatMap((id) => plan.shifts.get(id)!.breaks.filter((b) => b.kind === 'break').map((b) => `${id}@${b.start}`));
  for (const key of pickSome(breakWindows, away, rng)) slips.overrun.add(key);
}
