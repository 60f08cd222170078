/**
 * The live floor under the header: the link banner, then the floor's figures (queues,
 * totals, schedule adherence per team), agents and open alerts, the day's charts (or a
 * whole-board message until there is something to show). The supervisors' page (`interactive`) adds the filters and the agent panel; a
 * TV shows the same board read-only.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { AdherenceStrip } from '../floor/AdherenceStrip.js';
import { AgentPanel } from '../floor/AgentPanel.js';
import '../floor/floor.css';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { AgentGrid } from './AgentGrid.js';
import { AlertStrip } from './AlertStrip.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { EmptyFloor } from './EmptyFloor.js';
import { FloorTotals } from './FloorTotals.js';
import { QueueTiles } from './QueueTiles.js';

export function FloorBoard({ interactive = false, notice }: { interactive?: boolean; notice?: ReactNode }) {
  const t = useT();
  const hasFloor = useFloorStore((s) => s.floor !== null);
  const isEmpty = useFloorStore((s) => s.floor !== null && isEmptyFloor(s.floor));
  return (
    <>
      <ConnectionBanner />
      {notice}
      {!hasFloor ? (
        <EmptyFloor message={t('floor.connecting')} />
      ) : isEmpty ? (
        <EmptyFloor message={t('floor.waitingEvents')} detail={t('floor.waitingEventsDetail')} />
      ) : (
        <main className={`board${interactive ? ' is-interactive' : ''}`}>
          <section className="board-figures" aria-label={t('floor.figures')}>
            <QueueTiles />
            <FloorTotals />
            <AdherenceStrip interactive={interactive} />
          </section>
          <AgentGrid filters={interactive} />
          <AlertStrip interactive={interactive} />
          {/* The day's charts after the live agents and alerts: those come first on the first screen. */}
          {interactive && (
            <Suspense fallback={<section className="floor-charts" aria-busy="true" />}>
              <FloorCharts />
            </Suspense>
          )}
          {interactive && <AgentPanel />}
        </main>
      )}
    </>
  );
}

/** recharts is most of the bundle's weight: loaded only where charts are shown (not on a TV). */
const FloorCharts = lazy(() => import('../floor/FloorCharts.js').then((m) => ({ default: m.FloorCharts })));

function isEmptyFloor(f: { agents: object; queues: object; alerts: object }): boolean {
  return Object.keys(f.agents).length === 0 && Object.keys(f.queues).length === 0 && Object.keys(f.alerts).length === 0;
}
