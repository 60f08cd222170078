/**
 * Every logged-in agent (logged-out ones are counted in the totals but left off the grid),
 * filtered and sorted as the supervisor chose, then those the plan has on shift now who
 * are not logged in, each a muted "not in" tile (NotInTile.tsx), found by the same team
 * filter and search: the adherence strip says how many are missing, the grid says who.
 * The grid selects only the ordered lists of ids (compared shallowly), so it re-renders
 * when who is shown or their order changes, not when an agent's figures do: each tile
 * follows its own agent.
 * Arrow keys move between tiles; Enter opens the agent panel.
 */
import { useMemo, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { AgentFilters } from '../floor/AgentFilters.js';
import { useFloorView, visibleAgentIds, visibleNotInIds } from '../floor/view-store.js';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { AgentTile } from './AgentTile.js';
import { NotInTile } from './NotInTile.js';

const NO_FILTER = { team: '', search: '', sort: 'number', queue: '' } as const;

export function AgentGrid({ filters = true }: { filters?: boolean }) {
  const t = useT();
  const team = useFloorView((s) => s.team);
  const search = useFloorView((s) => s.search);
  const sort = useFloorView((s) => s.sort);
  const queue = useFloorView((s) => s.queue);
  const view = useMemo(
    () => (filters ? { team, search, sort, queue } : NO_FILTER),
    [filters, team, search, sort, queue],
  );
  const ids = useFloorStore(useShallow((s) => visibleAgentIds(s.floor, view)));
  const notIn = useFloorStore(useShallow((s) => visibleNotInIds(s.floor, view)));
  const anyToShow = useFloorStore((s) => s.floor !== null
    && (s.floor.agentIds.some((id) => s.floor!.agents[id]?.state !== 'logged_out') || visibleNotInIds(s.floor, NO_FILTER).length > 0));
  return (
    <section className="agent-panel" aria-labelledby="agents-title">
      <div className="agent-panel-head">
        <h2 className="panel-title" id="agents-title">
          {t('agents.title')} <span className="panel-count">{ids.length}</span>
          {notIn.length > 0 && <span className="panel-count-note">{t('agents.notInCount', { count: notIn.length })}</span>}
        </h2>
        {filters && <AgentFilters />}
      </div>
      {ids.length === 0 && notIn.length === 0 ? (
        <p className="panel-empty">{t(anyToShow ? 'agents.noMatch' : 'agents.none')}</p>
      ) : (
        <ul className="agent-grid" onKeyDown={moveFocus}>
          {ids.map((id) => (
            <AgentTile key={id} agentId={id} />
          ))}
          {notIn.map((id) => (
            <NotInTile key={`not-in:${id}`} agentId={id} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Arrow keys: left/right to the neighbour, up/down to the tile in the row above/below. */
function moveFocus(e: KeyboardEvent<HTMLUListElement>): void {
  const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'];
  if (!keys.includes(e.key)) return;
  const tiles = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.agent-tile')];
  const at = tiles.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  let to = at;
  if (e.key === 'ArrowLeft') to = at - 1;
  else if (e.key === 'ArrowRight') to = at + 1;
  else if (e.key === 'Home') to = 0;
  else if (e.key === 'End') to = tiles.length - 1;
  else {
    // Columns from layout: tiles sharing the first tile's top edge form the first row.
    const top = tiles[0].offsetTop;
    const columns = Math.max(1, tiles.findIndex((tile) => tile.offsetTop !== top) === -1 ? tiles.length : tiles.findIndex((tile) => tile.offsetTop !== top));
    to = e.key === 'ArrowUp' ? at - columns : at + columns;
  }
  if (to < 0 || to >= tiles.length) return;
  e.preventDefault();
  tiles[to].focus();
}
