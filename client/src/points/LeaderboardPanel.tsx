/**
 * The quarter's leaderboard: a chart of the top agents and the full table; a row opens
 * that agent's ledger. Quarters step back and forth; the CSV export covers the quarter.
 * The table lists every agent who worked the quarter (0 without entries); the chart only
 * those with points, as a bar of nothing says nothing.
 */
import { lazy, Suspense } from 'react';
import type { Leaderboard } from '../../../shared/points.js';
import { useT } from '../i18n/index.js';
import { signed } from './items.js';
import { PeriodStepper } from './PeriodStepper.js';
import { exportHref } from './points-api.js';

/** recharts is heavy: loaded with the chart, not with the app. */
const LeaderboardChart = lazy(() => import('./LeaderboardChart.js'));

export function LeaderboardPanel({ board, quarter, onQuarter, selected, onSelect }: {
  board: Leaderboard | null;
  quarter: string | null;
  onQuarter(step: number): void;
  selected: string;
  onSelect(agentId: string): void;
}) {
  const t = useT();
  const charted = board?.rows.filter((r) => r.rewards !== 0 || r.deductions !== 0) ?? [];
  return (
    <section className="panel points-board" aria-labelledby="points-board-title">
      <div className="points-head">
        <h3 id="points-board-title" className="section-title">{t('points.board.title')}</h3>
        <PeriodStepper
          period={quarter ?? '…'} previousLabel={t('points.board.previous')} nextLabel={t('points.board.next')}
          onStep={onQuarter} disabled={quarter === null}
        />
        {board !== null && <a className="button button-quiet points-export" href={exportHref(board)} download>{t('points.export')}</a>}
      </div>
      {board === null ? <p className="panel-empty">{t('points.loading')}</p> : board.rows.length === 0 ? (
        <p className="panel-empty">{t('points.board.none')}</p>
      ) : (
        <>
          {charted.length > 0 && (
            <Suspense fallback={<div className="chart-box points-chart" aria-busy="true" />}>
              <LeaderboardChart rows={charted} />
            </Suspense>
          )}
          <div className="table-scroll points-board-table">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">{t('points.col.rank')}</th>
                  <th scope="col">{t('points.col.agent')}</th>
                  <th scope="col">{t('points.col.team')}</th>
                  <th scope="col" className="num">{t('points.col.points')}</th>
                  <th scope="col" className="num">{t('points.col.rewards')}</th>
                  <th scope="col" className="num">{t('points.col.deductions')}</th>
                </tr>
              </thead>
              <tbody>
                {board.rows.map((r) => (
                  <tr key={r.agentId} data-agent-row={r.agentId} className={r.agentId === selected ? 'is-selected' : undefined}>
                    <td className="num">{r.rank}</td>
                    <th scope="row">
                      <button type="button" className="link-button" aria-pressed={r.agentId === selected} onClick={() => onSelect(r.agentId)}>
                        {r.agentId}
                      </button>
                      {r.name !== undefined && <span className="cell-sub">{r.name}</span>}
                    </th>
                    <td>{r.teamId ?? '—'}</td>
                    <td className={`num points-value ${r.points >= 0 ? 'is-plus' : 'is-minus'}`}>{signed(r.points)}</td>
                    <td className="num">{signed(r.rewards)}</td>
                    <td className="num">{signed(-Math.abs(r.deductions))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
