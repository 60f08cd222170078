/**
 * The teams of an address (`?teams=`) the floor knows nothing of (scope.ts), for the TV's
 * and the floor page's notices. Checked only when the floor's teams or the address's teams
 * change: `floorTeams` keeps the same array until the team list changes, so a delta that
 * only moves agents' states, queues or figures neither re-renders nor redoes the check, and
 * the address's teams count by value (a caller hands in a new array on each render).
 */
import { useMemo } from 'react';
import { useFloorStore } from '../store/floor-store.js';
import { floorTeams, unknownTeams } from './scope.js';

export function useUnknownTeams(teams: readonly string[] | undefined): string[] {
  const known = useFloorStore((s) => floorTeams(s.floor));
  const key = teams?.join('\n');
  // `key` stands for `teams` in the dependencies: by value, not by identity.
  return useMemo(() => unknownTeams(teams, known), [key, known]);
}
