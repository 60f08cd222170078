/**
 * A TV over one section of the floor (`?teams=A,B`): which of the teams in its address the
 * floor knows nothing of. Teams are not a list anywhere: a team exists by its agents (the
 * phone system's logins, kept all day, logged out or not) and by today's plan. A scoped
 * screen is sent every agent and the adherence of its teams, and the floor-wide figures, so
 * it can tell by itself, as the server would: a team with neither, on a floor that has
 * agents, is most likely a mistyped address. It is re-checked with every delta, so a new
 * team shows up on its own once one of its agents logs in.
 */
import type { FloorData } from '../store/apply.js';

export function unknownScopeTeams(requested: readonly string[] | undefined, floor: FloorData | null): string[] {
  if (requested === undefined || floor === null) return [];
  // An empty floor (a fresh start, before the first event) knows no team at all: nothing to judge by.
  if (Object.values(floor.floor.agentsByState).every((n) => n === 0)) return [];
  const known = new Set<string>();
  for (const agent of Object.values(floor.agents)) if (agent.teamId !== undefined) known.add(agent.teamId);
  for (const team of floor.adherence) known.add(team.teamId);
  return [...new Set(requested)].filter((team) => !known.has(team));
}

/** At most this many names in a sentence; the rest are counted. */
const NAMED = 5;

/** `team-98, team-99`, or `a, b, c, d, e … (+3)` for a long list. */
export function teamList(teams: readonly string[]): string {
  const named = teams.slice(0, NAMED).join(', ');
  return teams.length > NAMED ? `${named} … (+${teams.length - NAMED})` : named;
}
