/**
 * A TV over one section of the floor (`?teams=A,B`): which of the teams in its address the
 * floor knows nothing of. Teams are not a list anywhere: a team exists by its agents (the
 * phone system's logins, kept all day, logged out or not) and by today's plan. A scoped
 * screen is sent every agent and the adherence of its teams, and the floor-wide figures, so
 * it can tell by itself, as the server would: a team with neither, on a floor that has
 * agents, is most likely a mistyped address. The floor's teams are kept up with every delta,
 * so a new team shows up on its own once one of its agents logs in; the check itself runs
 * only when they or the address's teams change (TvBoard.tsx), not per status change.
 */
import type { FloorData } from '../store/apply.js';

/** What `floorTeams` last looked at, and its answer. */
let last: { agents: FloorData['agents'] | null; adherence: FloorData['adherence'] | null; teams: readonly string[] } = {
  agents: null, adherence: null, teams: [],
};

/**
 * The teams the floor knows, sorted: the teams of its agents (logged out or not) and of
 * today's plan. Null when there is nothing to judge by: no snapshot yet, or an empty floor
 * (a fresh start, before the first event) that knows no team at all.
 *
 * A store selector: it answers the same array as long as the teams stay the same, so a
 * delta that changes an agent's state, a queue or the figures changes nothing for whoever
 * reads it; and it looks through the agents again only when the agents have changed.
 */
export function floorTeams(floor: FloorData | null): readonly string[] | null {
  if (floor === null) return null;
  if (Object.values(floor.floor.agentsByState).every((n) => n === 0)) return null;
  if (floor.agents === last.agents && floor.adherence === last.adherence) return last.teams;
  const known = new Set<string>();
  for (const agent of Object.values(floor.agents)) if (agent.teamId !== undefined) known.add(agent.teamId);
  for (const team of floor.adherence) known.add(team.teamId);
  const teams = [...known].sort();
  const same = teams.length === last.teams.length && teams.every((team, i) => team === last.teams[i]);
  last = { agents: floor.agents, adherence: floor.adherence, teams: same ? last.teams : teams };
  return last.teams;
}

/** The teams of `requested` not among `known` (the floor's teams, `floorTeams`), once each. */
export function unknownTeams(requested: readonly string[] | undefined, known: readonly string[] | null): string[] {
  if (requested === undefined || known === null) return [];
  const knownSet = new Set(known);
  return [...new Set(requested)].filter((team) => !knownSet.has(team));
}

export function unknownScopeTeams(requested: readonly string[] | undefined, floor: FloorData | null): string[] {
  return unknownTeams(requested, floorTeams(floor));
}

/** At most this many names in a sentence; the rest are counted. */
const NAMED = 5;

/** `team-98, team-99`, or `a, b, c, d, e … (+3)` for a long list. */
export function teamList(teams: readonly string[]): string {
  const named = teams.slice(0, NAMED).join(', ');
  return teams.length > NAMED ? `${named} … (+${teams.length - NAMED})` : named;
}
