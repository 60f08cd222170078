/**
 * The agent panel: the agent's state and today's figures, schedule adherence, then today's
 * timeline of states and calls (GET /api/v1/agents/:id/day), the agent's alerts
 * (GET /api/v1/alerts?agentId=) and compliance per rule, and last a lead's leave approval
 * (article 79): offered only to a logged-in agent, and below everything else, since at the
 * top it was the easiest button to press by mistake mid-call. For an agent the plan has on
 * shift who is not logged in (floor/not-in.ts) it says so, with the plan's name when the
 * floor has no other; there is no day to read for one who never logged in. A side dialog:
 * focus moves into it, Escape or Close shuts it and returns focus to the tile. Times are
 * written in the centre's time zone.
 */
import { useAlertTitle } from '../alerts/alert-title.js';
import { useEffect, useRef, useState } from 'react';
import type { Alert } from '../../../shared/alerts.js';
import type { AgentDay, TimelineEntry } from '../../../shared/figures.js';
import { api } from '../api.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT, type T } from '../i18n/index.js';
import { agentStateLabel, STATE_ICONS } from '../labels.js';
import { useFloorStore } from '../store/floor-store.js';
import { formatClockTime, formatElapsed } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';
import { complianceRows } from './compliance.js';
import { LeaveApproval } from './LeaveApproval.js';
import { notInOf, type NotInEntry } from './not-in.js';
import { wholePercent, wholePercentValue } from './percent.js';
import { useFloorView } from './view-store.js';

/** A failed load keeps its error as it came (i18n/error-text.ts): worded at each render, in the language of the moment. */
type Loaded = { kind: 'loading' } | { kind: 'error'; error: ErrorText } | { kind: 'done'; day: AgentDay; alerts: Alert[] };

export function AgentPanel() {
  const agentId = useFloorView((s) => s.selectedAgentId);
  if (agentId === null) return null;
  return <AgentPanelOpen key={agentId} agentId={agentId} />;
}

function AgentPanelOpen({ agentId }: { agentId: string }) {
  const t = useT();
  const say = useErrorText();
  const close = useFloorView((s) => s.openAgent);
  const agent = useFloorStore((s) => s.floor?.agents[agentId]);
  const notIn = useFloorStore((s) => notInOf(s.floor).byId.get(agentId));
  const tz = useFloorStore((s) => s.floor?.timezone);
  // Changes to the agent's open alerts (a new one, one resolved) reload the panel.
  const openAlerts = agent?.openAlerts ?? 0;
  // The floor has no day for an agent it has never seen log in (the server answers 404).
  const known = agent !== undefined;
  const name = agent?.name ?? notIn?.name;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    const id = encodeURIComponent(agentId);
    Promise.all([
      known ? api.get<AgentDay>(`/api/v1/agents/${id}/day`) : Promise.resolve<AgentDay>({ agentId, day: '', timeline: [], compliance: {} }),
      api.get<Alert[]>(`/api/v1/alerts?agentId=${id}`),
    ]).then(
      ([day, alerts]) => { if (live) setLoaded({ kind: 'done', day, alerts }); },
      (err: unknown) => { if (live) setLoaded({ kind: 'error', error: errorOf(err) }); },
    );
    return () => { live = false; };
  }, [agentId, openAlerts, agent?.state, known]);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    closeButton.current?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') close(null); };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      // Back to the tile that opened the panel (found again: the grid may have re-rendered).
      const tile = document.querySelector<HTMLElement>(`[data-agent="${CSS.escape(agentId)}"]`);
      (tile ?? opener)?.focus();
    };
  }, [agentId, close]);

  return (
    <aside className="agent-day" role="dialog" aria-modal="false" aria-labelledby="agent-day-title" data-panel-agent={agentId}>
      <div className="agent-day-head">
        <h2 id="agent-day-title" className="agent-day-title">
          {t('panel.title', { id: agentId })}
          {name !== undefined && <span className="agent-day-name"> {name}</span>}
        </h2>
        <button type="button" ref={closeButton} className="button button-quiet" onClick={() => close(null)}>
          {t('panel.close')}
        </button>
      </div>
      {agent !== undefined && (
        <dl className="agent-day-facts">
          <div className={`figure state-${agent.state}`}>
            <dt className="figure-label">{t('panel.state')}</dt>
            <dd className="figure-value agent-state-label">
              <span aria-hidden="true">{STATE_ICONS[agent.state]}</span> {agentStateLabel(t, agent)}
            </dd>
          </div>
          {agent.teamId !== undefined && (
            <div className="figure"><dt className="figure-label">{t('panel.team')}</dt><dd className="figure-value">{agent.teamId}</dd></div>
          )}
          <div className="figure"><dt className="figure-label">{t('panel.handled')}</dt><dd className="figure-value">{agent.handledToday}</dd></div>
          <div className="figure"><dt className="figure-label">{t('panel.aht')}</dt><dd className="figure-value">{agent.ahtSeconds === null ? '—' : formatElapsed(agent.ahtSeconds * 1000)}</dd></div>
          {agent.adherence !== undefined && (
            <div className={`figure${agent.adherence.inAdherence ? '' : ' level-warning'}`}>
              <dt className="figure-label">{t('adherence.panel', { should: t(`adherence.activity.${agent.adherence.scheduled}`) })}</dt>
              <dd className="figure-value">
                {agent.adherence.inAdherence ? t('adherence.in') : <><span aria-hidden="true">◷ </span>{t('adherence.outShort')}</>}
                {agent.adherence.percent !== null && <span className="agent-day-name"> · {t('adherence.today', { percent: wholePercentValue(agent.adherence.inAdherence ? agent.adherence.percent : Math.min(agent.adherence.percent, 99)) })}</span>}
              </dd>
            </div>
          )}
        </dl>
      )}
      {agent === undefined && notIn !== undefined && <NotInFacts t={t} entry={notIn} tz={tz} />}
      {loaded.kind === 'loading' && <p className="panel-empty" role="status">{t('panel.loading')}</p>}
      {loaded.kind === 'error' && <p className="form-error" role="alert">{t('panel.error', { message: say(loaded.error) ?? '' })}</p>}
      {loaded.kind === 'done' && <AgentDayBody t={t} day={loaded.day} alerts={loaded.alerts} />}
      {/* Only to someone at a seat: an agent who never came in, or has gone, has no post to leave. */}
      {agent !== undefined && agent.state !== 'logged_out' && <LeaveApproval agentId={agentId} teamId={agent.teamId} />}
    </aside>
  );
}

/** An agent on shift who has not logged in today: what the plan says, and since when they are missing. */
function NotInFacts({ t, entry, tz }: { t: T; entry: NotInEntry; tz: string | undefined }) {
  return (
    <dl className="agent-day-facts">
      <div className="figure is-not-in">
        <dt className="figure-label">{t('panel.state')}</dt>
        <dd className="figure-value agent-state-label"><span aria-hidden="true">◌</span> {t('agent.notIn')}</dd>
      </div>
      <div className="figure"><dt className="figure-label">{t('panel.team')}</dt><dd className="figure-value">{entry.teamId}</dd></div>
      <div className="figure level-warning">
        <dt className="figure-label">{t('adherence.panel', { should: t(`adherence.activity.${entry.scheduled}`) })}</dt>
        <dd className="figure-value"><span aria-hidden="true">◷ </span>{t('panel.notInSince', { time: formatClockTime(entry.since, tz) })}</dd>
      </div>
    </dl>
  );
}

function AgentDayBody({ t, day, alerts }: { t: T; day: AgentDay; alerts: Alert[] }) {
  const title = useAlertTitle();
  const tz = useFloorStore((s) => s.floor?.timezone);
  const rows = complianceRows(day.compliance);
  return (
    <>
      <section aria-labelledby="agent-day-timeline">
        <h3 className="panel-title" id="agent-day-timeline">{t('panel.timeline')}</h3>
        {day.timeline.length === 0 ? <p className="panel-empty">{t('panel.noTimeline')}</p> : <Timeline t={t} entries={day.timeline} tz={tz} />}
      </section>
      <section aria-labelledby="agent-day-alerts">
        <h3 className="panel-title" id="agent-day-alerts">{t('panel.alerts')} <span className="panel-count">{alerts.length}</span></h3>
        {alerts.length === 0 ? (
          <p className="panel-empty">{t('panel.noAlerts')}</p>
        ) : (
          <ul className="agent-day-alerts">
            {alerts.slice(0, 20).map((a) => (
              <li key={a.id} className={`agent-day-alert severity-${a.severity}`}>
                <span className="agent-day-time">{formatClockTime(a.openedAt, tz)}</span>
                <span className="alert-severity">{t(`severity.${a.severity}`)}</span>
                <span>{title(a)}</span>
                <span className="agent-day-status">{t(`alert.status.${a.status}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="agent-day-compliance">
        <h3 className="panel-title" id="agent-day-compliance">{t('panel.compliance')}</h3>
        {rows.length === 0 ? (
          <p className="panel-empty">{t('charts.noChecks')}</p>
        ) : (
          <table className="agent-day-table">
            <thead>
              <tr><th scope="col">{t('panel.rule')}</th><th scope="col">{t('charts.passed')}</th><th scope="col">{t('charts.failed')}</th><th scope="col">{t('panel.rate')}</th></tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.rule} className={r.failed > 0 ? 'has-failed' : undefined}>
                  <th scope="row" title={r.rule}>{t(`rule.${r.rule}`)}</th>
                  <td>{r.passed}</td>
                  <td>{r.failed}</td>
                  <td>{wholePercent((r.passed / Math.max(1, r.passed + r.failed)) * 100)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** A bar of the day (each state a segment, with its colour and a title) and the list, newest first. */
function Timeline({ t, entries, tz }: { t: T; entries: TimelineEntry[]; tz: string | undefined }) {
  const now = useServerNow();
  const start = entries[0].from;
  const span = Math.max(1, now - start);
  return (
    <>
      <div className="timeline-bar" aria-hidden="true">
        {entries.map((e, i) => {
          const to = e.to ?? now;
          return (
            <span
              key={i}
              className={`timeline-seg state-${e.state}`}
              style={{ left: `${((e.from - start) / span) * 100}%`, width: `${Math.max(0.2, ((to - e.from) / span) * 100)}%` }}
              title={`${formatClockTime(e.from, tz)} ${agentStateLabel(t, e)}`}
            />
          );
        })}
      </div>
      <ol className="timeline-list">
        {entries.slice(-40).reverse().map((e, i) => (
          <li key={i} className={`timeline-row state-${e.state}`}>
            <span className="agent-day-time">
              {formatClockTime(e.from, tz)}–{e.to === null ? t('panel.now') : formatClockTime(e.to, tz)}
            </span>
            <span className="agent-state-label"><span aria-hidden="true">{STATE_ICONS[e.state]}</span> {agentStateLabel(t, e)}</span>
            <span className="agent-day-dur">{formatElapsed((e.to ?? now) - e.from)}</span>
            {e.callId !== undefined && <span className="agent-day-call">{t('panel.call', { id: e.callId })}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
