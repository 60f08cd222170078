/**
 * The whole floor: today's call figures and how many agents are in each state. The
 * agents-by-state counts are floor-wide: the contract maps no agent to a queue.
 */
import { useT } from '../i18n/index.js';
import { STATE_ICONS, STATE_ORDER, stateLabel } from '../labels.js';
import { useFloorStore } from '../store/floor-store.js';
import { formatPercent, formatSeconds } from '../time/format.js';

export function FloorTotals() {
  const t = useT();
  const f = useFloorStore((s) => s.floor?.floor);
  if (f === undefined) return null;
  return (
    <article className="floor-totals" aria-labelledby="floor-totals-title">
      <h2 className="panel-title" id="floor-totals-title">{t('totals.title')}</h2>
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
