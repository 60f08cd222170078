/**
 * The live floor under the header: the link banner, then the floor's figures, agents and
 * open alerts (or a whole-board message until there is something to show). Read-only:
 * the same board serves people and TVs.
 */
import { useFloorStore } from '../store/floor-store.js';
import { AgentGrid } from './AgentGrid.js';
import { AlertStrip } from './AlertStrip.js';
import { ConnectionBanner } from './ConnectionBanner.js';
import { EmptyFloor } from './EmptyFloor.js';
import { FloorTotals } from './FloorTotals.js';
import { QueueTiles } from './QueueTiles.js';

export function FloorBoard() {
  const hasFloor = useFloorStore((s) => s.floor !== null);
  const isEmpty = useFloorStore((s) => s.floor !== null && isEmptyFloor(s.floor));
  return (
    <>
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
    </>
  );
}

function isEmptyFloor(f: { agents: object; queues: object; alerts: object }): boolean {
  return Object.keys(f.agents).length === 0 && Object.keys(f.queues).length === 0 && Object.keys(f.alerts).length === 0;
}
