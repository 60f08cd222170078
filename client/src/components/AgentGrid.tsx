/**
 * Every logged-in agent, by agent number. Logged-out agents are counted in the totals
 * but left off the grid: by evening they would outnumber the people on the floor.
 */
import { useMemo } from 'react';
import { useFloorStore } from '../store/floor-store.js';
import { AgentTile } from './AgentTile.js';

const byNumber = new Intl.Collator(undefined, { numeric: true });

export function AgentGrid() {
  const agents = useFloorStore((s) => s.floor?.agents);
  const onFloor = useMemo(
    () => Object.values(agents ?? {})
      .filter((a) => a.state !== 'logged_out')
      .sort((a, b) => byNumber.compare(a.agentId, b.agentId)),
    [agents],
  );
  return (
    <section className="agent-panel" aria-label="Agents">
      <h2 className="panel-title">Agents <span className="panel-count">{onFloor.length}</span></h2>
      {onFloor.length === 0 ? (
        <p className="panel-empty">No agents logged in.</p>
      ) : (
        <ul className="agent-grid">
          {onFloor.map((a) => (
            <AgentTile key={a.agentId} agent={a} />
          ))}
        </ul>
      )}
    </section>
  );
}
