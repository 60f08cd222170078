/**
 * A queue at a glance: calls waiting and the longest wait (ticking locally from
 * `oldestWaitingSince`, red past the service-level threshold), then today's figures.
 */
import { memo } from 'react';
import type { QueueFigures } from '../../../shared/figures.js';
import { formatPercent, formatSeconds } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';
import { Elapsed } from './Elapsed.js';

export const QueueTile = memo(function QueueTile({ queue: q, thresholdSeconds }: { queue: QueueFigures; thresholdSeconds: number }) {
  return (
    <article className={`queue-tile${q.waiting > 0 ? ' has-waiting' : ''}`} data-queue={q.queue}>
      <h2 className="queue-name">{q.queue}</h2>
      <div className="queue-headline">
        <div className="figure figure-big">
          <span className="figure-value">{q.waiting}</span>
          <span className="figure-label">waiting</span>
        </div>
        <div className="figure figure-big">
          {q.oldestWaitingSince === null ? (
            <span className="figure-value figure-quiet">—</span>
          ) : (
            <LongestWait since={q.oldestWaitingSince} thresholdSeconds={thresholdSeconds} />
          )}
          <span className="figure-label">longest wait</span>
        </div>
      </div>
      <dl className="queue-figures">
        <Figure label={`SL (${thresholdSeconds} s)`} value={formatPercent(q.serviceLevel)} />
        <Figure label="ASA" value={formatSeconds(q.asaSeconds)} />
        <Figure label="Abandoned" value={formatPercent(q.abandonRate)} />
        <Figure label="Offered / answered" value={`${q.offered} / ${q.answered}`} />
      </dl>
    </article>
  );
});

/** Its own component so only it re-renders each second, with its colour. */
function LongestWait({ since, thresholdSeconds }: { since: number; thresholdSeconds: number }) {
  const over = useServerNow() - since > thresholdSeconds * 1000;
  return <Elapsed since={since} className={`figure-value${over ? ' is-over' : ''}`} />;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="figure">
      <dt className="figure-label">{label}</dt>
      <dd className="figure-value">{value}</dd>
    </div>
  );
}
