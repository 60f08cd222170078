/**
 * The quarter's leaderboard as bars (recharts, loaded only with this page): the top
 * agents by points, rewards above the line in green, deductions below in red, so a
 * strong total built on many deductions is visible as such.
 */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeaderboardRow } from '../../../shared/points.js';
import { useT } from '../i18n/index.js';

const AXIS = { stroke: '#93a1b1', fontSize: 12 };
const TOOLTIP = { contentStyle: { background: '#131a22', border: '1px solid #263241', color: '#e8edf3' } };
/** A chart of more bars than this is unreadable; the table below has them all. */
export const CHART_ROWS = 20;

export default function LeaderboardChart({ rows }: { rows: readonly LeaderboardRow[] }) {
  const t = useT();
  const data = rows.slice(0, CHART_ROWS).map((r) => ({
    agent: r.agentId,
    name: r.name ?? r.agentId,
    rewards: r.rewards,
    // Deductions are stored as a positive sum or a negative one depending on taste: drawn below zero either way.
    deductions: -Math.abs(r.deductions),
    points: r.points,
  }));
  return (
    <div className="chart-box points-chart" role="img" aria-label={t('points.chart.label', { n: data.length })}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid stroke="#263241" vertical={false} />
          <XAxis dataKey="agent" tick={AXIS} stroke="#263241" interval={0} />
          <YAxis allowDecimals={false} tick={AXIS} stroke="#263241" />
          <ReferenceLine y={0} stroke="#93a1b1" />
          <Tooltip {...TOOLTIP} labelFormatter={(agent) => data.find((d) => d.agent === agent)?.name ?? String(agent)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="rewards" stackId="p" name={t('points.col.rewards')} fill="#2fbf71" maxBarSize={36} isAnimationActive={false} />
          <Bar dataKey="deductions" stackId="p" name={t('points.col.deductions')} fill="#ff4d4f" maxBarSize={36} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
