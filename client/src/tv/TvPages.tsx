/**
 * What the TV shows, page by page: queues, the agents, the floor's figures. Large type,
 * every colour paired with a word, and nothing about customers: no alert titles, no
 * numbers, only agents, queues and counts.
 */
import { useShallow } from 'zustand/react/shallow';
import { AlertBadge, openAlertsLabel } from '../components/AgentTile.js';
import { agentAlertCounts } from '../floor/alert-counts.js';
import { useFloorStore } from '../store/floor-store.js';
import { Fragment, memo } from 'react';
import type { AgentView, FloorFigures, QueueFigures } from '../../../shared/figures.js';
import { SEVERITIES } from '../../../shared/rules.js';
import { useT, type T } from '../i18n/index.js';
import { formatElapsed, formatPercent, formatSeconds } from '../time/format.js';
import { useServerNow } from '../time/ticker.js';

const STATE_ORDER = ['available', 'ringing', 'talking', 'on_hold', 'after_call_work', 'not_ready'] as const;

/** The state's label and, when not ready, the reason's: "示忙", "离线休息". */
export function stateWords(t: T, a: Pick<AgentView, 'state' | 'reason'>): string[] {
  const label = t(`state.${a.state}`);
  return a.state === 'not_ready' && a.reason !== undefined ? [label, t(`reason.${a.reason}`)] : [label];
}

export function stateText(t: T, a: Pick<AgentView, 'state' | 'reason'>): string {
  return stateWords(t, a).join(' · ');
}

/**
 * The state in words that are never cut: each label is one unit on the line ("示忙 ·"
 * then "离线休息" on the next, not "离线休" and "息"), and the dot stays with the first.
 */
function StateLabel({ words }: { words: string[] }) {
  return (
    <span className="tv-agent-state-label">
      {words.map((word, i) => (
        <Fragment key={i}>
          {i > 0 && '\u00a0· '}
          <span className="tv-agent-state-word">{word}</span>
        </Fragment>
      ))}
    </span>
  );
}

function Ticking({ since, className }: { since: number; className?: string }) {
  const now = useServerNow();
  return <span className={className}>{formatElapsed(now - since)}</span>;
}

/** Most queue tiles on one page (3 x 2); more queues make more pages (TvBoard.tsx). */
export const QUEUES_PER_PAGE = 6;

/**
 * The grid for `n` queue tiles on one page: as square as a 16:9 screen allows, so each tile
 * keeps room for every figure (1-3 in a row, 4 as 2 x 2, 5-6 as 3 x 2). The figures inside
 * are sized from the tile (tv.css, container query units), not from the screen.
 */
export function queueGrid(n: number): { columns: number; rows: number } {
  if (n <= 3) return { columns: Math.max(1, n), rows: 1 };
  if (n === 4) return { columns: 2, rows: 2 };
  const columns = Math.ceil(Math.min(n, QUEUES_PER_PAGE) / 2);
  return { columns, rows: 2 };
}

export function TvQueues({ queues, thresholdSeconds }: { queues: readonly QueueFigures[]; thresholdSeconds: number }) {
  const t = useT();
  if (queues.length === 0) return <p className="tv-empty">{t('tv.noQueues')}</p>;
  const { columns, rows } = queueGrid(queues.length);
  return (
    <ul
      className="tv-queues"
      data-grid={`${columns}x${rows}`}
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
    >
      {queues.map((q) => (
        <li key={q.queue} className={`tv-queue${q.waiting > 0 ? ' has-waiting' : ''}`} data-queue={q.queue}>
          <h2 className="tv-queue-name">{q.queue}</h2>
          <div className="tv-queue-headline">
            <div className="tv-figure">
              <span className="tv-figure-value tv-huge">{q.waiting}</span>
              <span className="tv-figure-label">{t('tv.waiting')}</span>
            </div>
            <div className="tv-figure">
              {q.oldestWaitingSince === null
                ? <span className="tv-figure-value tv-huge tv-quiet">—</span>
                : <LongestWait since={q.oldestWaitingSince} thresholdSeconds={thresholdSeconds} />}
              <span className="tv-figure-label">{t('tv.longestWait')}</span>
            </div>
          </div>
          <dl className="tv-queue-figures">
            <Fig label={t('tv.serviceLevel', { seconds: thresholdSeconds })} value={formatPercent(q.serviceLevel)} />
            <Fig label={t('tv.asa')} value={formatSeconds(q.asaSeconds)} />
            <Fig label={t('tv.abandoned')} value={formatPercent(q.abandonRate)} />
          </dl>
        </li>
      ))}
    </ul>
  );
}

function LongestWait({ since, thresholdSeconds }: { since: number; thresholdSeconds: number }) {
  const now = useServerNow();
  const over = now - since > thresholdSeconds * 1000;
  const text = formatElapsed(now - since);
  // Over the threshold: colour AND a marker, for viewers who cannot tell the colour. Past
  // an hour (`1:02:03`) the figure is set smaller, to stay on the line beside `waiting`.
  return (
    <span className={`tv-figure-value tv-huge${over ? ' is-over' : ''}${text.length > 5 ? ' is-long' : ''}`}>
      {over && <span className="tv-over-mark" aria-hidden="true">▲</span>}
      <span>{text}</span>
    </span>
  );
}

function Fig({ label, value }: { label: string; value: string }) {
  return (
    <div className="tv-figure">
      <dt className="tv-figure-label">{label}</dt>
      <dd className="tv-figure-value">{value}</dd>
    </div>
  );
}

export const AGENTS_PER_PAGE = 18;

export function TvAgents({ agents }: { agents: readonly AgentView[] }) {
  const t = useT();
  if (agents.length === 0) return <p className="tv-empty">{t('tv.noAgents')}</p>;
  return (
    <ul className="tv-agents">
      {agents.map((a) => <TvAgent key={a.agentId} agent={a} />)}
    </ul>
  );
}

const TvAgent = memo(function TvAgent({ agent: a }: { agent: AgentView }) {
  const t = useT();
  // As on the floor: the alerts nobody has taken up yet, coloured and marked by the most
  // severe of them (an info alert is no critical one); one a lead has in hand is not "open".
  const { open, worstOpen: severity } = useFloorStore(useShallow((s) => agentAlertCounts(s.floor?.alerts, a)));
  return (
    <li className={`agent-tile tv-agent tv-state-${a.state}${open > 0 ? ` has-alerts alerts-${severity ?? 'unknown'}` : ''}`} data-agent={a.agentId}>
      <div className="tv-agent-top">
        <span className="tv-agent-number">{a.agentId}</span>
        {a.role === 'lead' && <span className="tv-agent-role">{t('tv.lead')}</span>}
        {open > 0 && <AlertBadge count={open} severity={severity} className="tv-agent-alerts" label={openAlertsLabel(t, open, severity)} />}
      </div>
      <div className="tv-agent-name">{a.name ?? '\u00a0'}</div>
      <div className="tv-agent-state">
        <StateLabel words={stateWords(t, a)} />
        <Ticking since={a.since} className="tv-agent-time" />
      </div>
    </li>
  );
});

export function TvFigures({ floor: f, thresholdSeconds }: { floor: FloorFigures; thresholdSeconds: number }) {
  const t = useT();
  return (
    <div className="tv-figures">
      <dl className="tv-figures-row tv-figures-calls">
        <Fig label={t('tv.waiting')} value={String(f.waiting)} />
        <Fig label={t('tv.serviceLevel', { seconds: thresholdSeconds })} value={formatPercent(f.serviceLevel)} />
        <Fig label={t('tv.asa')} value={formatSeconds(f.asaSeconds)} />
        <Fig label={t('tv.offered')} value={String(f.offered)} />
        <Fig label={t('tv.answered')} value={String(f.answered)} />
        <Fig label={t('tv.abandonedCount')} value={String(f.abandoned)} />
      </dl>
      <section className="tv-figures-block" aria-labelledby="tv-states-title">
        <h2 id="tv-states-title" className="tv-block-title">{t('tv.agentsByState')}</h2>
        <ul className="tv-states">
          {STATE_ORDER.map((s) => (
            <li key={s} className={`tv-state tv-state-${s}${(f.agentsByState[s] ?? 0) === 0 ? ' is-zero' : ''}`}>
              <span className="tv-state-value">{f.agentsByState[s] ?? 0}</span>
              <span className="tv-state-label">{t(`state.${s}`)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="tv-figures-block" aria-labelledby="tv-alerts-title">
        <h2 id="tv-alerts-title" className="tv-block-title">{t('tv.openAlerts')}</h2>
        <ul className="tv-severities">
          {[...SEVERITIES].reverse().map((s) => (
            <li key={s} className={`tv-severity severity-${s}${f.openAlertsBySeverity[s] === 0 ? ' is-zero' : ''}`} data-severity={s}>
              <span className="tv-severity-value">{f.openAlertsBySeverity[s]}</span>
              <span className="tv-severity-label">{t(`severity.${s}`)}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
