/** The newest open (and acknowledged, still unresolved) alerts, newest first. */
import { useMemo } from 'react';
import { useFloorView } from '../floor/view-store.js';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { AlertItem } from './AlertItem.js';

/** A strip, not the alert desk: past this many, the desk (`/alerts`) has the rest. */
export const ALERT_STRIP_LIMIT = 30;

export function AlertStrip({ interactive = true }: { interactive?: boolean }) {
  const t = useT();
  const alerts = useFloorStore((s) => s.floor?.alerts);
  const openAgent = useFloorView((s) => s.openAgent);
  const newestFirst = useMemo(
    () => Object.values(alerts ?? {}).sort((a, b) => b.openedAt - a.openedAt || a.id.localeCompare(b.id)),
    [alerts],
  );
  return (
    <section className="alert-panel" aria-labelledby="alerts-title">
      <h2 className="panel-title" id="alerts-title">
        {t('alerts.title')} <span className="panel-count">{newestFirst.length}</span>
      </h2>
      {newestFirst.length === 0 ? (
        <p className="panel-empty">{t('alerts.none')}</p>
      ) : (
        <ol className="alert-strip" aria-live="polite">
          {newestFirst.slice(0, ALERT_STRIP_LIMIT).map((a) => (
            <AlertItem key={a.id} alert={a} onOpenAgent={interactive ? openAgent : undefined} />
          ))}
        </ol>
      )}
    </section>
  );
}
