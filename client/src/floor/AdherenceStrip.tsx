/**
 * Schedule adherence per team, live: today's share of scheduled time in adherence, and
 * how many of the agents the plan has on shift now are not doing what it says. A team
 * with anyone off schedule is marked with a sign and a count, not the colour alone.
 * On the supervisors' floor a team filters the agent grid.
 */
import { memo } from 'react';
import type { TeamAdherence } from '../../../shared/schedule.js';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { wholePercent } from './percent.js';
import { useFloorView } from './view-store.js';

const byNumber = new Intl.Collator('en', { numeric: true });

export const AdherenceStrip = memo(function AdherenceStrip({ interactive = false }: { interactive?: boolean }) {
  const t = useT();
  const teams = useFloorStore((s) => s.floor?.adherence);
  const selected = useFloorView((s) => s.team);
  const setFilters = useFloorView((s) => s.set);
  if (teams === undefined || teams.length === 0) return null;
  const sorted = [...teams].sort((a, b) => byNumber.compare(a.teamId, b.teamId));
  return (
    <article className="adherence-strip" aria-labelledby="adherence-title">
      <h2 className="panel-title" id="adherence-title">{t('adherence.title')}</h2>
      <ul className="adherence-teams">
        {sorted.map((team) => {
          const body = <TeamFigure team={team} />;
          return (
            <li key={team.teamId} className={`adherence-team${team.outOfAdherence > 0 ? ' has-off' : ''}`} data-team={team.teamId}>
              {interactive ? (
                <button type="button" className="adherence-team-box adherence-team-button" aria-pressed={selected === team.teamId}
                  title={t('adherence.filter', { team: team.teamId })}
                  onClick={() => setFilters({ team: selected === team.teamId ? '' : team.teamId })}>
                  {body}
                </button>
              ) : <div className="adherence-team-box">{body}</div>}
            </li>
          );
        })}
      </ul>
    </article>
  );
});

/**
 * One team's figure: its id, today's share in adherence (rounded down: never 100% until it
 * is), and who is off schedule now (the TV uses it too).
 */
export function TeamFigure({ team }: { team: TeamAdherence }) {
  const t = useT();
  // Someone off schedule now: today's share is under 100, even when the server's figure
  // (to one decimal, rounded) says 100.0.
  const percent = team.percent === null ? null : team.outOfAdherence > 0 ? Math.min(team.percent, 99) : team.percent;
  return (
    <>
      <span className="adherence-team-name">{team.teamId}</span>
      <span className="adherence-percent">{percent === null ? '—' : wholePercent(percent)}</span>
      <span className="adherence-detail">
        {team.outOfAdherence > 0 && <span aria-hidden="true">◷ </span>}
        {t('adherence.teamOff', { off: team.outOfAdherence, on: team.scheduledNow })}
      </span>
    </>
  );
}
