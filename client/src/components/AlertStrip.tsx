/** Open (and acknowledged, still unresolved) alerts, newest first. */
import { useMemo } from 'react';
import { useFloorStore } from '../store/floor-store.js';
import { AlertItem } from './AlertItem.js';

export function AlertStrip() {
  const alerts = useFloorStore((s) => s.floor?.alerts);
  const newestFirst = useMemo(
    () => Object.values(alerts ?? {}).sort((a, b) => b.openedAt - a.openedAt || a.id.localeCompare(b.id)),
    [alerts],
  );
  return (
    <section className="alert-panel" aria-label="Open alerts">
      <h2 className="panel-title">Open alerts <span className="panel-count">{newestFirst.length}</span></h2>
      {newestFirst.length === 0 ? (
        <p className="panel-empty">No open alerts.</p>
      ) : (
        <ol className="alert-strip">
          {newestFirst.map((a) => (
            <AlertItem key={a.id} alert={a} />
          ))}
        </ol>
      )}
    </section>
  );
}
