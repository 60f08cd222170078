/**
 * One agent: number, name, state as colour AND icon AND words, time in state, the call
 * timer, a hold timer while on hold, a badge for open alerts, and a marker (words and a
 * clock, with how long) while the agent is not doing what the schedule says. Takes only an id and
 * selects its own agent from the store, so a delta that changes one agent re-renders one
 * tile; the ticking times are their own components. A button: it opens the agent panel.
 *
 * The alert badge shows the count (the agent's `openAlerts`) in the colour and mark of the
 * most severe of the agent's live alerts (critical red ■, warning amber ▲, info neutral ℹ,
 * as on the alert strip), and says that severity in words to a screen reader and in its
 * tooltip: an info alert no longer looks like a critical one.
 */
import { memo } from 'react';
import type { Severity } from '../../../shared/rules.js';
import { useFloorView } from '../floor/view-store.js';
import { useT, type T } from '../i18n/index.js';
import { agentStateLabel, STATE_ICONS } from '../labels.js';
import type { BoardAlert } from '../store/apply.js';
import { useFloorStore } from '../store/floor-store.js';
import { Elapsed } from './Elapsed.js';

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
const SEVERITY_MARK: Record<Severity, string> = { critical: '■', warning: '▲', info: 'ℹ' };

/**
 * The most severe live (open or acknowledged) alert of each agent. Worked out once per
 * alerts object: the store keeps that object while a delta changes no alert, so each tile's
 * look-up is one map read rather than a pass over every alert.
 */
const worstByAlerts = new WeakMap<object, ReadonlyMap<string, Severity>>();

export function worstSeverityByAgent(alerts: Readonly<Record<string, BoardAlert>>): ReadonlyMap<string, Severity> {
  let worst = worstByAlerts.get(alerts);
  if (worst === undefined) {
    const out = new Map<string, Severity>();
    for (const a of Object.values(alerts)) {
      if (a.agentId === undefined || !Object.hasOwn(SEVERITY_RANK, a.severity)) continue;
      const seen = out.get(a.agentId);
      if (seen === undefined || SEVERITY_RANK[a.severity] < SEVERITY_RANK[seen]) out.set(a.agentId, a.severity);
    }
    worstByAlerts.set(alerts, (worst = out));
  }
  return worst;
}

/** The severity of the agent's most severe live alert; undefined when the store holds none of theirs. */
export function useWorstAlertSeverity(agentId: string): Severity | undefined {
  return useFloorStore((s) => (s.floor === null ? undefined : worstSeverityByAgent(s.floor.alerts).get(agentId)));
}

/** "2 open alerts (most severe: Critical)"; the count alone when the severity is not known. */
export function alertBadgeLabel(t: T, count: number, severity: Severity | undefined): string {
  return severity === undefined
    ? t('agent.alerts', { count })
    : t('agent.alertsWorst', { count, severity: t(`severity.${severity}`) });
}

/**
 * The open-alert badge: the count, coloured and marked by the most severe alert. `className`
 * is the page's own (`agent-alerts` on the floor); `alert-badge-<severity>` (or
 * `alert-badge-unknown`) carries the colour, `data-severity` the severity.
 */
export function AlertBadge({ count, severity, className }: { count: number; severity: Severity | undefined; className: string }) {
  const t = useT();
  const label = alertBadgeLabel(t, count, severity);
  return (
    <span className={`${className} alert-badge-${severity ?? 'unknown'}`} data-severity={severity} role="img" aria-label={label} title={label}>
      <span aria-hidden="true">{severity === undefined ? '⚠' : SEVERITY_MARK[severity]} {count}</span>
    </span>
  );
}

export const AgentTile = memo(function AgentTile({ agentId }: { agentId: string }) {
  const a = useFloorStore((s) => s.floor?.agents[agentId]);
  const openAgent = useFloorView((s) => s.openAgent);
  const severity = useWorstAlertSeverity(agentId);
  const t = useT();
  if (a === undefined) return null;
  const alerts = a.openAlerts;
  const state = agentStateLabel(t, a);
  const off = a.adherence !== undefined && !a.adherence.inAdherence ? a.adherence : undefined;
  const should = off === undefined ? '' : t(`adherence.should.${off.scheduled}`);
  const planned = off === undefined ? '' : t('adherence.tile', { activity: t(`adherence.activity.${off.scheduled}`) });
  // The button's name is all a screen reader hears of the tile: the alerts, with their severity, are in it.
  const said = [state, off !== undefined && t('adherence.off', { should }), alerts > 0 && alertBadgeLabel(t, alerts, severity)].filter(Boolean).join(', ');
  return (
    <li className="agent-cell">
      <button
        type="button"
        className={`agent-tile state-${a.state}${alerts > 0 ? ` has-alerts alerts-${severity ?? 'unknown'}` : ''}${off !== undefined ? ' is-off-schedule' : ''}`}
        data-agent={a.agentId}
        aria-label={t('agent.open', { id: a.agentId, name: a.name ?? '', state: said })}
        onClick={() => openAgent(a.agentId)}
      >
        <span className="agent-top">
          <span className="agent-number">{a.agentId}</span>
          {a.role === 'lead' && <span className="agent-role">{t('agent.lead')}</span>}
          {alerts > 0 && <AlertBadge count={alerts} severity={severity} className="agent-alerts" />}
        </span>
        <span className="agent-name">{a.name ?? '\u00a0'}</span>
        <span className="agent-state">
          <span className="agent-state-label">
            {/* No break between the icon and the state's first word ("✓" alone above "Available" on a long timer). */}
            <span className="state-icon" aria-hidden="true">{STATE_ICONS[a.state]}</span>{'\u00a0'}{state}
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
