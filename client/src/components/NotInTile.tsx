/**
 * An agent the plan has on shift now who is not logged in (floor/not-in.ts): a muted tile
 * after the team's logged-in agents, with the number, the name (the floor's or the plan's)
 * and "未到岗 / Not in" with how long, and what the plan has them doing. A button like any
 * tile: it opens the agent panel, which says the same and offers nothing to do with a seat.
 */
import { memo } from 'react';
import { notInOf } from '../floor/not-in.js';
import { useFloorView } from '../floor/view-store.js';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { Elapsed } from './Elapsed.js';

export const NotInTile = memo(function NotInTile({ agentId }: { agentId: string }) {
  const t = useT();
  const entry = useFloorStore((s) => notInOf(s.floor).byId.get(agentId));
  const openAgent = useFloorView((s) => s.openAgent);
  if (entry === undefined) return null;
  const name = entry.name;
  const plan = t('adherence.tile', { activity: t(`adherence.activity.${entry.scheduled}`) });
  const said = [t('agent.notIn'), t('adherence.off', { should: t(`adherence.should.${entry.scheduled}`) })].join(', ');
  return (
    <li className="agent-cell">
      <button
        type="button"
        className="agent-tile is-not-in"
        data-agent={agentId}
        data-not-in=""
        aria-label={t('agent.open', { id: agentId, name: name ?? '', state: said })}
        onClick={() => openAgent(agentId)}
      >
        <span className="agent-top">
          <span className="agent-number">{agentId}</span>
          <span className="agent-team">{entry.teamId}</span>
        </span>
        <span className="agent-name">{name ?? '\u00a0'}</span>
        <span className="agent-state">
          <span className="agent-state-label" title={t('agent.notInTitle')}>
            <span className="state-icon" aria-hidden="true">◌</span>{'\u00a0'}{t('agent.notIn')}
          </span>
          <Elapsed since={entry.since} className="agent-state-time" />
        </span>
        <span className="agent-not-in-plan">{plan}</span>
      </button>
    </li>
  );
});
