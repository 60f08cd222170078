/** The live floor view: header, then the floor's figures, agents and open alerts. */
import { AgentGrid } from './components/AgentGrid.js';
import { AlertStrip } from './components/AlertStrip.js';
import { ConnectionBanner } from './components/ConnectionBanner.js';
import { EmptyFloor } from './components/EmptyFloor.js';
import { FloorTotals } from './components/FloorTotals.js';
import { Header } from './components/Header.js';
import { QueueTiles } from './components/QueueTiles.js';
import { useFloorStore } from './store/floor-store.js';

export function App() {
  const hasFloor = useFloorStore((s) => s.floor !== null);
  const isEmpty = useFloorStore((s) => s.floor !== null && isEmptyFloor(s.floor));
  const isDown = useFloorStore((s) => s.connection.kind === 'down');
  const isDemo = useFloorStore((s) => s.floor?.demo ?? false);

  return (
    <div className={`app${isDown ? ' is-stale' : ''}${isDemo ? ' is-demo' : ''}`}>
      <Header />
      <ConnectionBanner />
      {!hasFloor ? (
        <EmptyFloor message="Connecting to the floor…" />
      ) : isEmpty ? (
        <EmptyFloor message="Waiting for events…" detail="No agents, queues or alerts yet today." />
      ) : (
        <main className="board">
          <section className="board-figures" aria-label="Queues and floor totals">
            <QueueTiles />
            <FloorTotals />
          </section>
          <AgentGrid />
          <AlertStrip />
        </main>
      )}
    </div>
  );
}

function isEmptyFloor(f: { agents: object; queues: object; alerts: object }): boolean {
  return Object.keys(f.agents).length === 0 && Object.keys(f.queues).length === 0 && Object.keys(f.alerts).length === 0;
}
