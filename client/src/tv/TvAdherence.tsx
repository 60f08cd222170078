/**
 * The TV's adherence page: each team's share of today's scheduled time in adherence, and
 * how many of its agents on shift now are off schedule, in large type. Teams with anyone
 * off schedule come first (then by team), marked with a sign and the count, never the
 * colour alone. Only teams with a shift today are listed, as on the supervisors' floor.
 */
import type { TeamAdherence } from '../../../shared/schedule.js';
import { TeamFigure } from '../floor/AdherenceStrip.js';

export const TEAMS_PER_PAGE = 12;

const byNumber = new Intl.Collator('en', { numeric: true });

/** Off-schedule teams first, most off first; then by team number. */
export function adherenceOrder(teams: readonly TeamAdherence[]): TeamAdherence[] {
  return [...teams].sort((a, b) => b.outOfAdherence - a.outOfAdherence || byNumber.compare(a.teamId, b.teamId));
}

export function TvAdherence({ teams }: { teams: readonly TeamAdherence[] }) {
  return (
    <ul className="tv-adherence">
      {teams.map((team) => (
        <li key={team.teamId} className={`tv-adherence-team${team.outOfAdherence > 0 ? ' has-off' : ''}`} data-team={team.teamId}>
          <TeamFigure team={team} />
        </li>
      ))}
    </ul>
  );
}
