/**
 * One tile per queue (or the one queue chosen in the filter), by queue name: a wallboard's
 * tiles keep their places, and a queue with callers waiting shows it on its tile (its
 * figures' levels, its edge), not by moving.
 */
import { useMemo } from 'react';
import { useFloorView } from '../floor/view-store.js';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { QueueTile } from './QueueTile.js';

export function QueueTiles() {
  const t = useT();
  const queues = useFloorStore((s) => s.floor?.queues);
  const thresholdSeconds = useFloorStore((s) => s.floor?.serviceLevel.thresholdSeconds ?? 10);
  const only = useFloorView((s) => s.queue);
  const sorted = useMemo(
    () => Object.values(queues ?? {})
      .filter((q) => only === '' || q.queue === only)
      .sort((a, b) => a.queue.localeCompare(b.queue)),
    [queues, only],
  );
  if (sorted.length === 0) return <p className="panel-empty">{t(only === '' ? 'queue.none' : 'queue.filtered')}</p>;
  return (
    <div className="queue-tiles">
      {sorted.map((q) => (
        <QueueTile key={q.queue} queue={q} thresholdSeconds={thresholdSeconds} />
      ))}
    </div>
  );
}
