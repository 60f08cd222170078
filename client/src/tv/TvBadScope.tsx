/**
 * A TV whose address's `?teams=` the server refused (pages/TvPage.tsx keeps the pairing and
 * shows this instead of the floor): what is wrong and what to do, in the display's language
 * only, decided by the refusal's code (floor/refusal.ts), never the server's English, and
 * in type read across the room like the TV's other whole-screen messages (tv.css, .tv-scope).
 */
import type { LinkRefusal } from '../connection.js';
import { floorRefusalKind } from '../floor/refusal.js';
import { useT } from '../i18n/index.js';
import { teamList } from './scope.js';

export function TvBadScope({ problem, teams }: { problem?: LinkRefusal; teams?: readonly string[] }) {
  const t = useT();
  // Teams this display may not show, or a list the server does not accept (empty, too long).
  const notYours = teams !== undefined && teams.length > 0 && floorRefusalKind(problem, true) === 'teams';
  return (
    <div className="tv">
      <div className="tv-stale tv-scope tv-bad-scope" role="alert" data-refusal={notYours ? 'teams' : 'badTeams'}>
        <p className="tv-stale-title">{t('tv.badScope.title')}</p>
        <p className="tv-stale-detail">
          {notYours ? t('tv.badScope.notYours', { teams: teamList(teams) }) : t('tv.badScope.detail')}
        </p>
      </div>
    </div>
  );
}
