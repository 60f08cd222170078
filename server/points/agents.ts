/**
 * Who an agent is (name) and which team they are in, for the leaderboard's rows and for a
 * shift lead's scope (a lead reads only their teams' agents). Today's floor knows the
 * agents logged in; the plan knows the rest (the latest shift in the last five weeks).
 *
 * And whether the centre knows an agent at all. Floorwatch has no staff register, so an
 * agent is known by the records of their work (docs/points.md): seen on the floor, in the
 * plan, or with a standing entry in the points ledger.
 */
import type { FloorService } from '../floor/types.js';
import type { Shift } from '../../shared/schedule.js';
import type { PointsLedger } from '../storage/types.js';
import { standingEntries, type AgentInfo } from './standings.js';

const DAY_MS = 24 * 3600 * 1000;
/** How far back the plan is read for an agent not on today's floor. */
export const PLAN_LOOKBACK_MS = 35 * DAY_MS;

export interface AgentDirectory {
  info(agentId: string): AgentInfo;
}

/** Built per request: the plan is read once, on the first agent today's floor does not know. */
export function agentDirectory(floor: Pick<FloorService, 'agent' | 'schedule'>, now: number): AgentDirectory {
  let latestShift: Map<string, Shift> | undefined;
  const fromPlan = (agentId: string): Shift | undefined => {
    if (latestShift === undefined) {
      latestShift = new Map();
      for (const shift of floor.schedule(now - PLAN_LOOKBACK_MS, now + DAY_MS).shifts) {
        const held = latestShift.get(shift.agentId);
        if (held === undefined || held.start < shift.start) latestShift.set(shift.agentId, shift);
      }
    }
    return latestShift.get(agentId);
  };
  const known = new Map<string, AgentInfo>();
  return {
    info(agentId) {
      const cached = known.get(agentId);
      if (cached) return cached;
      const live = floor.agent(agentId);
      const planned = live?.name !== undefined && live.teamId !== undefined ? undefined : fromPlan(agentId);
      const name = live?.name ?? planned?.name;
      const teamId = live?.teamId ?? planned?.teamId;
      const info: AgentInfo = { ...(name !== undefined && { name }), ...(teamId !== undefined && { teamId }) };
      known.set(agentId, info);
      return info;
    },
  };
}

/**
 * Does the centre know this agent? A manual entry for anyone else is a typo (a "9999" that
 * would otherwise rank first on the leaderboard with no team) and is refused.
 * - the floor: every agent it has seen log in or change state (kept across days);
 * - the plan: any shift it holds, past (about 40 days) or to come (a new starter);
 * - the ledger: an entry still standing, for someone whose shifts have aged out of the
 *   plan. A reversed entry does not count: a mistaken entry for a typo, once reversed,
 *   must not make the typo an agent.
 */
export async function knowsAgent(
  floor: Pick<FloorService, 'agent' | 'schedule'>, ledger: PointsLedger, agentId: string,
): Promise<boolean> {
  if (floor.agent(agentId) !== undefined) return true;
  if (floor.schedule(0, Number.MAX_SAFE_INTEGER).shifts.some((s) => s.agentId === agentId)) return true;
  return standingEntries(await ledger.list({ agentId })).length > 0;
}

/**
 * The agents the centre knows in [from, to): a shift of the plan starting in it, or seen
 * on the floor in it (their state last changed in it, or logged in now when now is in it).
 * The leaderboard lists them all, at 0 when they have no entries: a quarter's ranking is
 * of the people who worked it, not only of those with points. A shift lead logged in at a
 * seat (role `lead`) is not ranked among the agents for that alone.
 */
export function agentsIn(floor: Pick<FloorService, 'schedule' | 'snapshot'>, from: number, to: number, now: number): Set<string> {
  const agents = new Set(floor.schedule(from, to).shifts.map((s) => s.agentId));
  const current = from <= now && now < to;
  for (const a of floor.snapshot().agents) {
    if (a.role === 'lead') continue;
    if ((a.since >= from && a.since < to) || (current && a.state !== 'logged_out')) agents.add(a.agentId);
  }
  return agents;
}
