/** One tile per queue, busiest first: where calls wait is what the floor acts on. */
import { useMemo } from 'react';
import { useFloorStore } from '../store/floor-store.js';
import { QueueTile } from './QueueTile.js';

export function QueueTiles() {
  const queues = useFloorStore((s) => s.floor?.queues);
  const thresholdSeconds = useFloorStore((s) => s.floor?.serviceLevel.thresholdSeconds ?? 10);
  const sorted = useMemo(
    () => Object.values(queues ?? {}).sort((a, b) => b.waiting - a.waiting || a.queue.localeCompare(b.queue)),
    [queues],
  );
  if (sorted.length === 0) return <p className="panel-empty">No queues have had calls yet.</p>;
  return (
    <div className="queue-tiles">
      {sorted.map((q) => (
        <QueueTile key={q.queue} queue={q} thresholdSeconds={thresholdSeconds} />
      ))}
    </div>
  );
}
