/**
 * One agent: number, name, state as colour AND words, time in state, open alerts.
 * Memoised on the agent object, which the store replaces only when a delta names the
 * agent; the ticking time is its own component.
 */
import { memo } from 'react';
import type { AgentView } from '../../../shared/figures.js';
import { agentStateLabel } from '../labels.js';
import { Elapsed } from './Elapsed.js';

export const AgentTile = memo(function AgentTile({ agent: a }: { agent: AgentView }) {
  const alerts = a.openAlerts;
  return (
    <li className={`agent-tile state-${a.state}${alerts > 0 ? ' has-alerts' : ''}`} data-agent={a.agentId}>
      <div className="agent-top">
        <span className="agent-number">{a.agentId}</span>
        {a.role === 'lead' && <span className="agent-role">Lead</span>}
        {alerts > 0 && (
          <span className="agent-alerts" title={`${alerts} open alert${alerts === 1 ? '' : 's'}`}>
            ⚠ {alerts}
          </span>
        )}
      </div>
      <div className="agent-name">{a.name ?? '\u00a0'}</div>
      <div className="agent-state">
        <span className="agent-state-label">{agentStateLabel(a)}</span>
        <Elapsed since={a.since} className="agent-state-time" />
      </div>
    </li>
  );
});
