/**
 * `/points`: the points ledger of articles 104-105. The quarter's leaderboard (a chart and
 * the table), one agent's ledger with its reversals, the supervisors' manual entries and
 * reversals, the year's excellence candidates, and the quarter's CSV export.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Me } from '../../../shared/access.js';
import type { Leaderboard, PointsEntry } from '../../../shared/points.js';
import { FormError } from '../components/FormError.js';
import { PageShell } from '../components/PageShell.js';
import { errorOf, useErrorText, type ErrorText } from '../i18n/error-text.js';
import { useT } from '../i18n/index.js';
import { usePageTitle } from '../page-title.js';
import { ExcellencePanel } from '../points/ExcellencePanel.js';
import { signed } from '../points/items.js';
import { LeaderboardPanel } from '../points/LeaderboardPanel.js';
import { Ledger } from '../points/Ledger.js';
import { ManualEntryForm } from '../points/ManualEntryForm.js';
import { fetchLeaderboard, fetchLedger } from '../points/points-api.js';
import '../points/points.css';
import { stepQuarter, yearOf } from '../points/quarter.js';
import { mayWritePoints } from '../session/page-access.js';
import { useCentreZone } from '../time/centre-zone.js';

export function PointsPage({ me }: { me: Me }) {
  const t = useT();
  const say = useErrorText();
  usePageTitle(t('points.title'));
  const tz = useCentreZone();
  const canWrite = mayWritePoints(me.role);
  /** Null: the current quarter, as the server reckons it in the centre's zone. */
  const [quarter, setQuarter] = useState<string | null>(null);
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [boardError, setBoardError] = useState<ErrorText | null>(null);
  const [agent, setAgent] = useState('');
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    fetchLeaderboard(quarter ?? undefined).then(
      (b) => { if (live) { setBoard(b); setBoardError(null); } },
      (err: unknown) => { if (live) setBoardError(errorOf(err)); },
    );
    return () => { live = false; };
  }, [quarter, reload]);

  const shownQuarter = board?.quarter ?? quarter;
  const changed = () => setReload((n) => n + 1);

  return (
    <PageShell me={me} title={t('points.title')} className="points-page">
      <FormError message={say(boardError)} />
      <div className="points-columns">
        <LeaderboardPanel
          board={board}
          quarter={shownQuarter}
          onQuarter={(step) => shownQuarter !== null && setQuarter(stepQuarter(shownQuarter, step))}
          selected={agent}
          onSelect={setAgent}
        />
        <div className="points-side">
          <LedgerPanel agent={agent} onAgent={setAgent} board={board} tz={tz} canWrite={canWrite} reload={reload} onChanged={changed} />
          {canWrite && (
            <section className="panel">
              <ManualEntryForm key={agent} agentId={agent} tz={tz} agents={board?.rows.map((r) => r.agentId) ?? []} onAdded={(e) => {
                setAgent(e.agentId);
                changed();
              }} />
            </section>
          )}
        </div>
      </div>
      {shownQuarter !== null && yearOf(shownQuarter) !== null && <ExcellencePanel key={yearOf(shownQuarter)} initialYear={yearOf(shownQuarter)!} />}
    </PageShell>
  );
}

function LedgerPanel({ agent, onAgent, board, tz, canWrite, reload, onChanged }: {
  agent: string;
  onAgent(agentId: string): void;
  board: Leaderboard | null;
  tz: string | undefined;
  canWrite: boolean;
  reload: number;
  onChanged(): void;
}) {
  const t = useT();
  const say = useErrorText();
  const [typed, setTyped] = useState(agent);
  /** The ledger shown, and whose it is: a reload keeps the old one on screen until the new one is in. */
  const [shown, setShown] = useState<{ agent: string; list: PointsEntry[] } | null>(null);
  const [error, setError] = useState<ErrorText | null>(null);
  useEffect(() => setTyped(agent), [agent]);
  const from = board?.from;
  const to = board?.to;

  const load = useCallback(async (signal: { cancelled: boolean }) => {
    if (agent === '' || from === undefined || to === undefined) return;
    try {
      const list = await fetchLedger(agent, { from, to });
      if (!signal.cancelled) { setShown({ agent, list }); setError(null); }
    } catch (err) {
      if (!signal.cancelled) setError(errorOf(err));
    }
  }, [agent, from, to]);

  useEffect(() => {
    const signal = { cancelled: false };
    void load(signal);
    return () => { signal.cancelled = true; };
  }, [load, reload]);

  const entries = shown !== null && shown.agent === agent ? shown.list : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onAgent(typed.trim());
  };
  const row = board?.rows.find((r) => r.agentId === agent);
  const total = entries?.reduce((sum, e) => sum + e.points, 0);

  return (
    <section className="panel" aria-labelledby="points-ledger-title">
      <h3 id="points-ledger-title" className="section-title">
        {agent === '' ? t('points.ledger.title') : t('points.ledger.of', { agent: row?.name !== undefined ? `${agent} ${row.name}` : agent, quarter: board?.quarter ?? '' })}
      </h3>
      <form className="form-row points-agent" role="search" aria-label={t('points.ledger.find')} onSubmit={submit}>
        <div className="field">
          <label className="field-label" htmlFor="points-agent">{t('points.col.agent')}</label>
          <input id="points-agent" className="input" list="points-agents" autoComplete="off" value={typed} placeholder={t('points.ledger.agentPlaceholder')} onChange={(e) => setTyped(e.target.value)} />
          <datalist id="points-agents">{board?.rows.map((r) => <option key={r.agentId} value={r.agentId}>{r.name}</option>)}</datalist>
        </div>
        <div className="form-row-action"><button type="submit" className="button button-quiet">{t('points.ledger.show')}</button></div>
      </form>
      <FormError message={say(error)} />
      {agent === '' ? <p className="panel-empty">{t('points.ledger.pick')}</p> : entries === null ? (error === null && <p className="panel-empty">{t('points.loading')}</p>) : (
        <>
          {total !== undefined && entries.length > 0 && <p className="points-total">{t('points.ledger.total', { total: signed(total) })}</p>}
          <Ledger entries={entries} tz={tz} canWrite={canWrite} onReversed={onChanged} />
        </>
      )}
    </section>
  );
}
