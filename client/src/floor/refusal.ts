/**
 * Why the floor link was refused, as the floor page says it (pages/FloorPage.tsx), decided
 * by the refusal's code (server/wallboard/namespace.ts, `admitScreen`), never its English:
 * - `teams`: the address's `?teams=` names only teams this account may not see (`notYourTeams`);
 * - `badTeams`: the server does not accept the address's `?teams=` (`invalidField`, field `teams…`);
 * - `other`: anything else (the session, the password, the server), or no code at all.
 */
import type { LinkRefusal } from '../connection.js';

export type FloorRefusalKind = 'teams' | 'badTeams' | 'other';

export function floorRefusalKind(problem: LinkRefusal | undefined, scoped: boolean): FloorRefusalKind {
  // Only an address with `?teams=` can be refused for it.
  if (!scoped || problem === undefined) return 'other';
  if (problem.code === 'notYourTeams') return 'teams';
  const field = problem.params.field;
  if (problem.code === 'invalidField' && typeof field === 'string' && (field === 'teams' || field.startsWith('teams.'))) return 'badTeams';
  return 'other';
}
