/**
 * The paired TV's screen: the floor in rotating pages (queues, agents, schedule adherence
 * per team when there is a plan today, floor figures),
 * read-only, guarded by the stale screen. Pages are cut by what fits a screen, so a big
 * floor gets more pages rather than a scrollbar. A TV over some teams (`?teams=`) whose
 * address names a team the floor does not know says so and what to fix (tv/scope.ts):
 * instead of the floor when none of its teams is known, in a line above it when some are.
 * The simulator's floor (the snapshot's `demo`) is marked as the supervisors' page marks it
 * (components/Header.tsx): a red edge and the demo badge beside the brand, on every page.
 */
import { useMemo, type ReactNode } from 'react';
import {
  useAgents, useCentreTimezone, useConnectionKind, useFloorFigures, useQueues, useServiceLevelThreshold,
} from '../alerts/floor-read.js';
import { DemoBadge } from '../components/DemoBadge.js';
import { useT } from '../i18n/index.js';
import { formatCentreClock } from '../time/format.js';
import { useServerClock } from '../time/ticker.js';
import { chunk, evenChunk } from './pager.js';
import { teamList } from './scope.js';
import { useUnknownTeams } from './use-unknown-teams.js';
import { useFloorStore } from '../store/floor-store.js';
import { adherenceOrder, TEAMS_PER_PAGE, TvAdherence } from './TvAdherence.js';
import { TvPager, type TvPageSpec } from './TvPager.js';
import { AGENTS_PER_PAGE, QUEUES_PER_PAGE, TvAgents, TvFigures, TvQueues } from './TvPages.js';
import { TvStaleGuard } from './TvStale.js';

export type TvPageKind = 'queues' | 'agents' | 'adherence' | 'figures';

export function TvBoard({ paceMs, startKind, teams }: { paceMs: number; startKind?: TvPageKind; teams?: readonly string[] }) {
  const demo = useFloorStore((s) => s.floor?.demo ?? false);
  return (
    <div className={`tv${demo ? ' is-demo' : ''}`}>
      <TvStaleGuard>
        <TvScopeGuard teams={teams}>
          {(notice) => <TvRotation paceMs={paceMs} startKind={startKind} notice={notice} />}
        </TvScopeGuard>
      </TvStaleGuard>
    </div>
  );
}

/**
 * The teams of the address the floor does not know. None known: only the sentence (never
 * the floor-wide figures as if they were the section's). Some: the section, with a line
 * naming the others.
 */
function TvScopeGuard({ teams, children }: { teams?: readonly string[]; children(notice?: ReactNode): ReactNode }) {
  const t = useT();
  // Checked when the floor's teams or the address's change, not per delta (use-unknown-teams.ts).
  const names = useUnknownTeams(teams);
  if (teams === undefined || names.length === 0) return <>{children()}</>;
  const joined = teams.join(',');
  const value = joined.length > 60 ? `${joined.slice(0, 60)}…` : joined;
  if (names.length >= new Set(teams).size) {
    return (
      <div className="tv-stale tv-scope" role="alert">
        <p className="tv-stale-title">{t('tv.badScope.title')}</p>
        <p className="tv-stale-detail tv-scope-teams">{t('tv.scope.unknown', { teams: teamList(names) })}</p>
        <p className="tv-stale-detail">{t('tv.scope.fix', { value })}</p>
      </div>
    );
  }
  return <>{children(<p className="tv-scope-notice" role="alert">{t('tv.scope.some', { teams: teamList(names) })}</p>)}</>;
}

function TvRotation({ paceMs, startKind, notice }: { paceMs: number; startKind?: TvPageKind; notice?: ReactNode }) {
  const t = useT();
  const queues = useQueues();
  const agents = useAgents();
  const figures = useFloorFigures();
  const threshold = useServiceLevelThreshold();
  const adherence = useFloorStore((s) => s.floor?.adherence);

  const pages = useMemo<TvPageSpec[]>(() => {
    const out: TvPageSpec[] = [];
    // Past a page, the queues are shared evenly (7 as 4 + 3, not 6 + 1): each page's tiles stay large.
    const queuePages = evenChunk(queues, QUEUES_PER_PAGE);
    queuePages.forEach((group, i) => out.push({
      key: `queues-${i}`,
      title: queuePages.length > 1 ? `${t('tv.page.queues')} ${i + 1}/${queuePages.length}` : t('tv.page.queues'),
      render: () => <TvQueues queues={group} thresholdSeconds={threshold} />,
    }));
    const agentPages = chunk(agents, AGENTS_PER_PAGE);
    agentPages.forEach((group, i) => out.push({
      key: `agents-${i}`,
      title: agentPages.length > 1 ? `${t('tv.page.agents')} ${i + 1}/${agentPages.length}` : t('tv.page.agents'),
      render: () => <TvAgents agents={group} />,
    }));
    const adherencePages = chunk(adherenceOrder(adherence ?? []), TEAMS_PER_PAGE);
    adherencePages.forEach((group, i) => out.push({
      key: `adherence-${i}`,
      title: adherencePages.length > 1 ? `${t('adherence.title')} ${i + 1}/${adherencePages.length}` : t('adherence.title'),
      render: () => <TvAdherence teams={group} />,
    }));
    if (figures !== undefined) {
      out.push({ key: 'figures', title: t('tv.page.figures'), render: () => <TvFigures floor={figures} thresholdSeconds={threshold} /> });
    }
    return out;
  }, [queues, agents, adherence, figures, threshold, t]);

  const start = Math.max(0, startKind === undefined ? 0 : pages.findIndex((p) => p.key.startsWith(startKind)));
  return (
    <TvPager
      pages={pages} paceMs={paceMs} start={start} notice={notice}
      brandEnd={<TvDemoBadge />} headerEnd={<><TvClock /><TvLinkState /></>}
    />
  );
}

/** The demo's marker, as on the supervisors' page; nothing on a real floor. */
function TvDemoBadge() {
  const demo = useFloorStore((s) => s.floor?.demo ?? false);
  return demo ? <DemoBadge /> : null;
}

function TvClock() {
  const tz = useCentreTimezone();
  const now = useServerClock();
  if (tz === undefined) return null;
  return <span className="tv-clock">{formatCentreClock(now, tz).time}</span>;
}

function TvLinkState() {
  const t = useT();
  const kind = useConnectionKind();
  const text = kind === 'live' ? t('tv.live') : kind === 'down' ? t('tv.offline') : t('tv.connecting');
  return (
    <span className={`connection-state tv-link connection-${kind}`} role="status">
      <span className="tv-link-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
