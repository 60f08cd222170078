/**
 * The floor page over some teams (`/?teams=A,B`) whose address names a team the floor does
 * not know (no agent, no shift today): a line above the board that says which, and the way
 * to the floor the person may see. The TV's check (tv/scope.ts, TvBoard's scope guard), for
 * a signed-in person: without it `/?teams=nope` is an empty grid that reads as "nobody is
 * logged in" on a busy floor. The floor's teams come from the memoised `floorTeams`
 * selector, so deltas that only move agents' states or the figures do not redo the check.
 */
import { Link } from '../components/Link.js';
import { useT } from '../i18n/index.js';
import { PATHS } from '../routes.js';
import { teamList } from '../tv/scope.js';
import { useUnknownTeams } from '../tv/use-unknown-teams.js';

export function FloorScopeNotice({ teams, ownTeams }: {
  /** The address's teams (`scopeTeams()`); undefined for the whole view. */
  teams?: readonly string[];
  /** The person is a shift lead with teams of their own: `/` shows those, not the whole floor. */
  ownTeams: boolean;
}) {
  const t = useT();
  const names = useUnknownTeams(teams);
  if (teams === undefined || names.length === 0) return null;
  const none = names.length >= new Set(teams).size;
  const message = !none
    ? t('floor.scope.some', { teams: teamList(names) })
    : names.length === 1 ? t('floor.scope.none', { team: names[0]! }) : t('floor.scope.noneOfThese', { teams: teamList(names) });
  return (
    <p className={`floor-scope-notice${none ? ' is-none' : ''}`} role="alert">
      <span className="floor-scope-message">{message}</span>{' '}
      <Link className="floor-scope-link" href={PATHS.floor}>{ownTeams ? t('floor.scope.showMine') : t('floor.scope.showAll')}</Link>
    </p>
  );
}
