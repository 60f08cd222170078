/**
 * The whole floor: today's call figures and how many agents are in each state. The
 * agents-by-state counts are floor-wide: the contract maps no agent to a queue.
 *
 * The server sends these figures for the whole floor to every viewer, while a team-scoped
 * viewer's grid and alerts are their teams' only: a shift lead (always scoped to their
 * teams) or anyone on an address with `?teams=`. For them the box says it is the whole
 * floor's, so its counts are not read as the grid's.
 */
import type { Me } from '../../../shared/access.js';
import { useT } from '../i18n/index.js';
import { STATE_ICONS, STATE_ORDER, stateLabel } from '../labels.js';
import { parseScopeTeams, useQueryParam } from '../routes.js';
import { useSessionStore } from '../session/session-store.js';
import { useFloorStore } from '../store/floor-store.js';
import { formatPercent, formatSeconds } from '../time/format.js';

/** Whether the grid shows fewer teams than the floor: a lead's own teams, or an address's `?teams=`. */
export function isTeamScoped(me: Pick<Me, 'role'> | undefined, teamsParam: string | null): boolean {
  return me?.role === 'lead' || parseScopeTeams(teamsParam) !== undefined;
}

export function FloorTotals() {
  const t = useT();
  const f = useFloorStore((s) => s.floor?.floor);
  const me = useSessionStore((s) => (s.state.kind === 'signed-in' ? s.state.me : undefined));
  const scoped = isTeamScoped(me, useQueryParam('teams'));
  if (f === undefined) return null;
  return (
    <article className={`floor-totals${scoped ? ' is-whole-floor' : ''}`} aria-labelledby="floor-totals-title">
      <h2 className="panel-title" id="floor-totals-title">{t(scoped ? 'totals.titleWholeFloor' : 'totals.title')}</h2>
      {scoped && <p className="floor-totals-scope">{t('totals.wholeFloorNote')}</p>}
      <dl className="floor-figures">
        <Total label={t('totals.offered')} value={String(f.offered)} />
        <Total label={t('totals.answered')} value={String(f.answered)} />
        <Total label={t('totals.abandoned')} value={String(f.abandoned)} />
        <Total label={t('totals.serviceLevel')} value={formatPercent(f.serviceLevel)} />
        <Total label={t('totals.asa')} value={formatSeconds(f.asaSeconds)} />
      </dl>
      <ul className="state-counts" aria-label={t('totals.agentsByState')}>
        {STATE_ORDER.map((state) => (
          <li key={state} className={`state-count state-${state}${f.agentsByState[state] === 0 ? ' is-zero' : ''}`}>
            <span className="state-icon" aria-hidden="true">{STATE_ICONS[state]}</span>
            <span className="state-count-value">{f.agentsByState[state] ?? 0}</span>
            <span className="state-count-label">{stateLabel(t, state)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <dt className="figure-label">{label}</dt>
      <dd className="figure-value">{value}</dd>
    </div>
  );
}
