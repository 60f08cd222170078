/** The open alerts, most severe and oldest first, each a card with its actions. */
import { useT } from '../i18n/index.js';
import { AlertCard, type DoneMessage } from './AlertCard.js';
import type { BoardAlert } from './floor-read.js';
import { openInDeskOrder } from './order.js';

export function AlertList({ alerts, onDone, connecting = false }: {
  /** Any alerts: only the open ones are listed, in desk order. */
  alerts: readonly BoardAlert[];
  onDone(done: DoneMessage): void;
  /** No floor yet: say so rather than "no open alerts". */
  connecting?: boolean;
}) {
  const t = useT();
  const open = openInDeskOrder(alerts);
  const count = { critical: 0, warning: 0, info: 0 };
  for (const a of open) count[a.severity] += 1;
  return (
    <section className="desk-panel desk-open" aria-labelledby="desk-open-title">
      <div className="desk-panel-head">
        <h2 id="desk-open-title" className="desk-panel-title">
          {t('alerts.open.title')} <span className="desk-count">{open.length}</span>
        </h2>
        <p className="desk-panel-note">
          {t('alerts.severityCount', count)} — {t('alerts.open.order')}
        </p>
      </div>
      {open.length === 0 ? (
        <p className="desk-empty">{connecting ? t('alerts.open.waiting') : t('alerts.open.empty')}</p>
      ) : (
        <ol className="desk-list">
          {open.map((a) => (
            <li key={a.id}>
              <AlertCard alert={a} onDone={onDone} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
