/**
 * Independent checks of a simulated stream against its plan, written from the policy
 * (articles 78-79, 105.1, 105.12) and docs/schedules.md, not from the simulator's code:
 * which of the plan's rules the stream breaks. Like the engine, the plan is taken as
 * known from `knownAt`: an arrival time before that is nobody's to keep.
 */
import type { FloorEventInput } from '../../../shared/events.js';
import type { RulesConfig } from '../../../shared/rules-config.js';
import type { LeadShift, Shift } from '../../../shared/schedule.js';

type Ev = FloorEventInput & { ts: number };
const MIN = 60_000;
/** A team's meeting counts for a duty when it started at most an hour before the shift (the engine's reading). */
const MEETING_LOOKBACK_MS = 60 * MIN;

export interface KnownPlan {
  shifts: Shift[];
  leads: LeadShift[];
  knownAt: number;
}

export type PlanBreaches = Partial<Record<'lead-early' | 'no-leaving-post' | 'absence' | 'away-without-reason', number>>;

/**
 * Counts: an absence per shift whose agent was not in `graceMinutes` after its start; a
 * lead-early per duty whose lead was not in by T-arrive, and one per duty whose teams
 * held no meeting in [T-1h, T-meeting]; a no-leaving-post per logout at a shift's end
 * while the seat's relief was not in and nobody approved; an away-without-reason per
 * meal begun outside the agent's meal windows (long stretches are detect.ts's to count).
 */
export function detectPlanBreaches(events: readonly Ev[], rules: RulesConfig['rules'], plan: KnownPlan): PlanBreaches {
  const found: PlanBreaches = {};
  const hit = (rule: keyof PlanBreaches): void => void (found[rule] = (found[rule] ?? 0) + 1);
  const firstLogin = new Map<string, number>();
  const loggedIn = new Map<string, Set<string>>();
  const meetings: Array<{ teamId: string; ts: number }> = [];
  const endWindow = rules['no-leaving-post'].endWindowMinutes * MIN;
  const grace = rules['away-without-reason'].scheduleGraceMinutes * MIN;
  const shiftsOf = (agentId: string) => plan.shifts.filter((s) => s.agentId === agentId);

  for (const e of events) {
    if (e.type === 'agent.login') {
      if (!firstLogin.has(e.agentId)) firstLogin.set(e.agentId, e.ts);
      loggedIn.set(e.agentId, (loggedIn.get(e.agentId) ?? new Set()).add(e.stationId));
    } else if (e.type === 'agent.logout') {
      const stations = loggedIn.get(e.agentId);
      stations?.delete(e.stationId);
      if (stations && stations.size > 0) continue;
      const ending = shiftsOf(e.agentId).find((s) => s.start <= e.ts && s.end - endWindow <= e.ts);
      const relief = ending && plan.shifts.find((r) => r.agentId !== e.agentId && r.stationId === ending.stationId
        && Math.abs(r.start - ending.end) <= endWindow && r.end > e.ts);
      if (relief && !((loggedIn.get(relief.agentId)?.size ?? 0) > 0) && e.approvedBy === undefined) hit('no-leaving-post');
    } else if (e.type === 'meeting.started') {
      meetings.push({ teamId: e.teamId, ts: e.ts });
    } else if (e.type === 'agent.state' && e.state === 'not_ready' && e.reason === 'meal') {
      const shift = shiftsOf(e.agentId).find((s) => s.start <= e.ts && e.ts < s.end);
      const arranged = shift?.breaks.some((b) => b.kind === 'meal' && b.start - grace <= e.ts && e.ts < b.end);
      if (shift && !arranged) hit('away-without-reason');
    }
  }

  const absenceGrace = rules.absence.graceMinutes * MIN;
  for (const s of plan.shifts) {
    const due = s.start + absenceGrace;
    if (due < plan.knownAt) continue;
    const login = firstLogin.get(s.agentId);
    if (login === undefined || login > due) hit('absence');
  }
  const { arriveMinutes, meetingMinutes } = rules['lead-early'];
  for (const duty of plan.leads) {
    const arriveBy = duty.start - arriveMinutes * MIN;
    const meetBy = duty.start - meetingMinutes * MIN;
    const login = firstLogin.get(duty.leadId);
    if (arriveBy >= plan.knownAt && (login === undefined || login > arriveBy)) hit('lead-early');
    const held = meetings.some((m) => duty.teamIds.includes(m.teamId) && m.ts >= duty.start - MEETING_LOOKBACK_MS && m.ts <= meetBy);
    if (meetBy >= plan.knownAt && !held) hit('lead-early');
  }
  return found;
}
