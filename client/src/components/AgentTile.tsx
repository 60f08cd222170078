/**
 * One agent: number, name, state as colour AND icon AND words, time in state, the call
 * timer, a hold timer while on hold, a badge for open alerts, and a marker (words and a
 * clock, with how long) while the agent is not doing what the schedule says. Takes only an id and
 * selects its own agent from the store, so a delta that changes one agent re-renders one
 * tile; the ticking times are their own components. A button: it opens the agent panel.
 *
 * The alert badge counts the agent's open alerts as the alert desk does, those nobody has
 * acknowledged (floor/alert-counts.ts), in the colour and mark of the most severe of them
 * (critical red ■, warning amber ▲, info neutral ℹ, as on the alert strip), and says that
 * severity in words to a screen reader and in its tooltip. Acknowledged ones are a quiet
 * "in hand" mark beside it: someone is on them, nothing for the floor to do.
 *
 * A not-ready agent's state is the reason alone ("✕ 离线休息"): the mark and colour say not
 * ready, and "示忙 · 离线休息" beside a timer took two lines on a 1366 px screen's tile. The
 * full words are the label's tooltip and in the button's name.
 */
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AgentView } from '../../../shared/figures.js';
import type { Severity } from '../../../shared/rules.js';
import { agentAlertCounts } from '../floor/alert-counts.js';
import { useFloorView } from '../floor/view-store.js';
import { useT, type T } from '../i18n/index.js';
import { agentStateLabel, STATE_ICONS } from '../labels.js';
import type { BoardAlert } from '../store/apply.js';
import { useFloorStore } from '../store/floor-store.js';
import { Elapsed } from './Elapsed.js';

const SEVERITY_MARK: Record<Severity, string> = { critical: '■', warning: '▲', info: 'ℹ' };

/** "2 open alerts (most severe: Critical)"; the count alone when the severity is not known. */
export function alertBadgeLabel(t: T, count: number, severity: Severity | undefined): string {
  return severity === undefined
    ? t('agent.alerts', { count })
    : t('agent.alertsWorst', { count, severity: t(`severity.${severity}`) });
}

/**
 * The alert badge: the count, coloured and marked by the most severe alert. `className`
 * is the page's own (`agent-alerts` on the floor); `alert-badge-<severity>` (or
 * `alert-badge-unknown`) carries the colour, `data-severity` the severity. `label` is what
 * the count is in words, when it is not the TV's (every live alert).
 */
export function AlertBadge({ count, severity, className, label: said }: { count: number; severity: Severity | undefined; className: string; label?: string }) {
  const t = useT();
  const label = said ?? alertBadgeLabel(t, count, severity);
  return (
    <span className={`${className} alert-badge-${severity ?? 'unknown'}`} data-severity={severity} role="img" aria-label={label} title={label}>
      <span aria-hidden="true">{severity === undefined ? '⚠' : SEVERITY_MARK[severity]} {count}</span>
    </span>
  );
}

/** "2 open alerts (most severe: Critical)", in the alert desk's words for an open alert. */
export function openAlertsLabel(t: T, count: number, severity: Severity | undefined): string {
  return severity === undefined
    ? t('agent.pending', { count })
    : t('agent.pendingWorst', { count, severity: t(`severity.${severity}`) });
}

/** The state as the tile shows it: a not-ready agent's reason alone, as a word that starts a label. */
export function tileStateLabel(t: T, a: Pick<AgentView, 'state' | 'reason'>): string {
  if (a.state !== 'not_ready' || a.reason === undefined) return t(`state.${a.state}`);
  const word = t(`reason.${a.reason}`);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export const AgentTile = memo(function AgentTile({ agentId }: { agentId: string }) {
  const a = useFloorStore((s) => s.floor?.agents[agentId]);
  const openAgent = useFloorView((s) => s.openAgent);
  const counts = useFloorStore(useShallow((s) => (s.floor === null ? { open: 0, inHand: 0 } : agentAlertCounts(s.floor.alerts, { agentId, openAlerts: s.floor.agents[agentId]?.openAlerts ?? 0 }))));
  const t = useT();
  if (a === undefined) return null;
  const { open, inHand, worstOpen: severity } = counts;
  const state = agentStateLabel(t, a);
  const off = a.adherence !== undefined && !a.adherence.inAdherence ? a.adherence : undefined;
  const should = off === undefined ? '' : t(`adherence.should.${off.scheduled}`);
  const planned = off === undefined ? '' : t('adherence.tile', { activity: t(`adherence.activity.${off.scheduled}`) });
  const openSaid = open > 0 ? openAlertsLabel(t, open, severity) : '';
  const inHandSaid = inHand > 0 ? t('agent.inHand', { count: inHand }) : '';
  // The button's name is all a screen reader hears of the tile: the alerts, with their severity, are in it.
  const said = [state, off !== undefined && t('adherence.off', { should }), openSaid, inHandSaid].filter(Boolean).join(', ');
  return (
    <li className="agent-cell">
      <button
        type="button"
        className={`agent-tile state-${a.state}${open > 0 ? ` has-alerts alerts-${severity ?? 'unknown'}` : ''}${off !== undefined ? ' is-off-schedule' : ''}`}
        data-agent={a.agentId}
        aria-label={t('agent.open', { id: a.agentId, name: a.name ?? '', state: said })}
        onClick={() => openAgent(a.agentId)}
      >
        <span className="agent-top">
          <span className="agent-number">{a.agentId}</span>
          {a.role === 'lead' && <span className="agent-role">{t('agent.lead')}</span>}
          {open > 0 && <AlertBadge count={open} severity={severity} className="agent-alerts" label={openSaid} />}
          {inHand > 0 && (
            <span className={`agent-in-hand${open > 0 ? '' : ' is-alone'}`} title={inHandSaid} aria-hidden="true">
              {t('agent.inHandShort', { count: inHand })}
            </span>
          )}
        </span>
        <span className="agent-name">{a.name ?? '\u00a0'}</span>
        <span className="agent-state">
          <span className="agent-state-label" title={state}>
            {/* No break between the icon and the state's first word ("✓" alone above "Available" on a long timer). */}
            <span className="state-icon" aria-hidden="true">{STATE_ICONS[a.state]}</span>{'\u00a0'}{tileStateLabel(t, a)}
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
