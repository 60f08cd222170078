/**
 * One agent: number, name, state as colour AND icon AND words, time in state, the call
 * timer, a hold timer while on hold, a badge for open alerts, and a marker (words and a
 * clock, with how long) while the agent is not doing what the schedule says. Takes only an id and
 * selects its own agent from the store, so a delta that changes one agent re-renders one
 * tile; the ticking times are their own components. A button: it opens the agent panel.
 */
import { memo } from 'react';
import { useFloorView } from '../floor/view-store.js';
import { useT } from '../i18n/index.js';
import { agentStateLabel, STATE_ICONS } from '../labels.js';
import { useFloorStore } from '../store/floor-store.js';
import { Elapsed } from './Elapsed.js';

export const AgentTile = memo(function AgentTile({ agentId }: { agentId: string }) {
  const a = useFloorStore((s) => s.floor?.agents[agentId]);
  const openAgent = useFloorView((s) => s.openAgent);
  const t = useT();
  if (a === undefined) return null;
  const alerts = a.openAlerts;
  const state = agentStateLabel(t, a);
  const off = a.adherence !== undefined && !a.adherence.inAdherence ? a.adherence : undefined;
  const should = off === undefined ? '' : t(`adherence.should.${off.scheduled}`);
  const planned = off === undefined ? '' : t('adherence.tile', { activity: t(`adherence.activity.${off.scheduled}`) });
  return (
    <li className="agent-cell">
      <button
        type="button"
        className={`agent-tile state-${a.state}${alerts > 0 ? ' has-alerts' : ''}${off !== undefined ? ' is-off-schedule' : ''}`}
        data-agent={a.agentId}
        aria-label={t('agent.open', { id: a.agentId, name: a.name ?? '', state: off === undefined ? state : `${state}, ${t('adherence.off', { should })}` })}
        onClick={() => openAgent(a.agentId)}
      >
        <span className="agent-top">
          <span className="agent-number">{a.agentId}</span>
          {a.role === 'lead' && <span className="agent-role">{t('agent.lead')}</span>}
          {alerts > 0 && (
            <span className="agent-alerts" title={t('agent.alerts', { count: alerts })}>
              <span aria-hidden="true">⚠</span> {alerts}
            </span>
          )}
        </span>
        <span className="agent-name">{a.name ?? '\u00a0'}</span>
        <span className="agent-state">
          <span className="agent-state-label">
            <span className="state-icon" aria-hidden="true">{STATE_ICONS[a.state]}</span> {state}
          </span>
          <Elapsed since={a.since} className="agent-state-time" />
        </span>
        {a.callSince !== undefined && (
          <span className="agent-timers">
            <span className="agent-timer">
              {t('agent.call')} <Elapsed since={a.callSince} className="agent-timer-value" />
            </span>
            {a.holdSince !== undefined && (
              <span className="agent-timer agent-hold">
                {t('agent.hold')} <Elapsed since={a.holdSince} className="agent-timer-value" />
              </span>
            )}
          </span>
        )}
        {off !== undefined && (
          <span className="agent-adherence" title={t('adherence.off', { should })}>
            <span className="agent-adherence-label"><span aria-hidden="true">◷</span> {planned}</span>
            <Elapsed since={off.since} className="agent-adherence-time" />
          </span>
        )}
      </button>
    </li>
  );
});
