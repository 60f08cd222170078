/** Team, queue, search and sort for the floor view. Labels are visible, so every control is named. */
import { useShallow } from 'zustand/react/shallow';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { SORTS, teamsOf, useFloorView, type AgentSort } from './view-store.js';

export function AgentFilters() {
  const t = useT();
  const { team, queue, search, sort, set } = useFloorView();
  const teams = useFloorStore(useShallow((s) => teamsOf(s.floor)));
  const queues = useFloorStore(useShallow((s) => Object.keys(s.floor?.queues ?? {}).sort()));
  return (
    <form className="agent-filters" role="search" aria-label={t('filter.label')} onSubmit={(e) => e.preventDefault()}>
      <label className="filter">
        <span className="filter-label">{t('filter.team')}</span>
        <select value={team} onChange={(e) => set({ team: e.target.value })} name="team">
          <option value="">{t('filter.allTeams')}</option>
          {teams.map((id) => <option key={id} value={id}>{id}</option>)}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">{t('filter.queue')}</span>
        <select value={queue} onChange={(e) => set({ queue: e.target.value })} name="queue">
          <option value="">{t('filter.allQueues')}</option>
          {queues.map((id) => <option key={id} value={id}>{id}</option>)}
        </select>
      </label>
      <label className="filter">
        <span className="filter-label">{t('filter.search')}</span>
        <input
          type="search"
          name="search"
          value={search}
          placeholder={t('filter.searchPlaceholder')}
          onChange={(e) => set({ search: e.target.value })}
        />
      </label>
      <label className="filter">
        <span className="filter-label">{t('filter.sort')}</span>
        <select value={sort} onChange={(e) => set({ sort: e.target.value as AgentSort })} name="sort">
          {SORTS.map((s) => <option key={s} value={s}>{t(`sort.${s}`)}</option>)}
        </select>
      </label>
    </form>
  );
}
