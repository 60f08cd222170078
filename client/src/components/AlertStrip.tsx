/**
 * The live alerts, counted and worded as the alert desk does: the open ones (nobody has
 * acknowledged them) under the desk's "open alerts" title and count, then those someone
 * has acknowledged and is dealing with, under the desk's "in hand". Counting both as open
 * made the floor say 2 where the desk said 1. Within each, the most severe first (critical,
 * warning, info), the newest first within a severity, so a critical alert is never below an
 * info one. The section is the floor page's skip link target (pages/FloorPage.tsx).
 */
import { useMemo } from 'react';
import type { Severity } from '../../../shared/rules.js';
import { useFloorView } from '../floor/view-store.js';
import { useT } from '../i18n/index.js';
import type { BoardAlert } from '../store/apply.js';
import { useFloorStore } from '../store/floor-store.js';
import { AlertItem } from './AlertItem.js';

/** A strip, not the alert desk: past this many, the desk (`/alerts`) has the rest. */
export const ALERT_STRIP_LIMIT = 30;

/** The strip's element id: the floor page's "skip to alerts" link moves focus here. */
export const ALERT_STRIP_ID = 'floor-alerts';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
/** A severity this page does not know (a newer server's) goes last, rather than breaking the order. */
const rank = (severity: Severity): number => SEVERITY_RANK[severity] ?? 3;

/** Most severe first; within a severity the newest first; the id keeps the order stable. */
export function compareStripAlerts(a: BoardAlert, b: BoardAlert): number {
  return rank(a.severity) - rank(b.severity) || b.openedAt - a.openedAt || a.id.localeCompare(b.id);
}

export function AlertStrip({ interactive = true }: { interactive?: boolean }) {
  const t = useT();
  const alerts = useFloorStore((s) => s.floor?.alerts);
  const openAgent = useFloorView((s) => s.openAgent);
  const { open, inHand } = useMemo(() => {
    const ordered = Object.values(alerts ?? {}).sort(compareStripAlerts);
    return { open: ordered.filter((a) => a.status !== 'acknowledged'), inHand: ordered.filter((a) => a.status === 'acknowledged') };
  }, [alerts]);
  // The open ones first: past the strip's limit, those in hand are the ones left to the desk.
  const shownOpen = open.slice(0, ALERT_STRIP_LIMIT);
  const shownInHand = inHand.slice(0, Math.max(0, ALERT_STRIP_LIMIT - shownOpen.length));
  const onOpenAgent = interactive ? openAgent : undefined;
  return (
    <section className="alert-panel" id={ALERT_STRIP_ID} tabIndex={-1} aria-labelledby="alerts-title">
      <h2 className="panel-title" id="alerts-title">
        {t('alerts.open.title')} <span className="panel-count">{open.length}</span>
      </h2>
      {inHand.length > 0 && <p className="alert-strip-note">{t('alerts.open.inHand', { count: inHand.length })}</p>}
      {open.length === 0 ? (
        <p className="panel-empty">{t('alerts.open.empty')}</p>
      ) : (
        <ol className="alert-strip" aria-live="polite">
          {shownOpen.map((a) => <AlertItem key={a.id} alert={a} onOpenAgent={onOpenAgent} />)}
        </ol>
      )}
      {shownInHand.length > 0 && (
        <>
          <h3 className="alert-strip-subtitle" id="alerts-in-hand-title">{t('alerts.history.inHand', { count: inHand.length })}</h3>
          <ol className="alert-strip alert-strip-in-hand" aria-labelledby="alerts-in-hand-title">
            {shownInHand.map((a) => <AlertItem key={a.id} alert={a} onOpenAgent={onOpenAgent} />)}
          </ol>
        </>
      )}
    </section>
  );
}
