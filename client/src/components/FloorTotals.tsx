/** The whole floor: today's call figures and how many agents are in each state. */
import { useFloorStore } from '../store/floor-store.js';
import { STATE_LABELS, STATE_ORDER } from '../labels.js';
import { formatPercent, formatSeconds } from '../time/format.js';

export function FloorTotals() {
  const f = useFloorStore((s) => s.floor?.floor);
  if (f === undefined) return null;
  return (
    <article className="floor-totals" aria-label="Floor totals">
      <h2 className="panel-title">Floor today</h2>
      <dl className="floor-figures">
        <Total label="Offered" value={String(f.offered)} />
        <Total label="Answered" value={String(f.answered)} />
        <Total label="Abandoned" value={String(f.abandoned)} />
        <Total label="Service level" value={formatPercent(f.serviceLevel)} />
        <Total label="ASA" value={formatSeconds(f.asaSeconds)} />
      </dl>
      <ul className="state-counts" aria-label="Agents by state">
        {STATE_ORDER.map((state) => (
          <li key={state} className={`state-count state-${state}${f.agentsByState[state] === 0 ? ' is-zero' : ''}`}>
            <span className="state-count-value">{f.agentsByState[state] ?? 0}</span>
            <span className="state-count-label">{STATE_LABELS[state]}</span>
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
