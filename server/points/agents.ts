/**
 * Who an agent is (name) and which team they are in, for the leaderboard's rows and for a
 * shift lead's scope (a lead reads only their teams' agents). Today's floor knows the
 * agents logged in; the plan knows the rest (the latest shift in the last five weeks).
 */
import type { FloorService } from '../floor/types.js';
import type { Shift } from '../../shared/schedule.js';
import type { AgentInfo } from './standings.js';

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
