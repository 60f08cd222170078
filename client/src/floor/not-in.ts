/**
 * Who is scheduled now and not logged in, from the teams' adherence the floor sends
 * (shared/wallboard.ts, TeamAdherenceView). The store keeps adherence as it came: a server
 * from before the list, and a TV's cut, send none, which is read as nobody missing.
 */
import type { TeamAdherence } from '../../../shared/schedule.js';
import type { NotInAgent, TeamAdherenceView } from '../../../shared/wallboard.js';
import type { FloorData } from '../store/apply.js';

/** One missing agent, with the team whose figures count them. */
export interface NotInEntry extends NotInAgent {
  teamId: string;
}

export interface NotInList {
  /** By team, then by agent number within the team. */
  ordered: readonly NotInEntry[];
  byId: ReadonlyMap<string, NotInEntry>;
}

const byNumber = new Intl.Collator('en', { numeric: true });
const EMPTY: NotInList = { ordered: [], byId: new Map() };

/**
 * Worked out once per adherence list: the store keeps that list until a delta carries a new
 * one, so every tile and filter that asks reads the same objects (and a shallow compare of
 * them holds between deltas).
 */
const cache = new WeakMap<readonly TeamAdherence[], NotInList>();

export function notInOf(floor: Pick<FloorData, 'adherence'> | null): NotInList {
  if (floor === null) return EMPTY;
  let list = cache.get(floor.adherence);
  if (list === undefined) {
    const ordered: NotInEntry[] = [];
    const teams = [...floor.adherence].sort((a, b) => byNumber.compare(a.teamId, b.teamId));
    for (const team of teams as readonly TeamAdherenceView[]) {
      const agents = [...(team.notIn ?? [])].sort((a, b) => byNumber.compare(a.agentId, b.agentId));
      for (const agent of agents) ordered.push({ ...agent, teamId: team.teamId });
    }
    list = { ordered, byId: new Map(ordered.map((entry) => [entry.agentId, entry])) };
    cache.set(floor.adherence, list);
  }
  return list;
}
