/**
 * The quarter's leaderboard as bars (recharts, loaded only with this page): the top
 * agents by points, rewards to the right of the line in green, deductions to the left in
 * red, so a strong total built on many deductions is visible as such.
 *
 * The bars lie across, one agent a row, the agent numbers one under the other on the
 * left: side by side under upright bars, 20 agent numbers overlapped in the half of a
 * 1280-pixel screen the chart has, and could not be read. A row is ROW_PX high whatever
 * the width, so the numbers never touch; the chart grows with its rows.
 */
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LeaderboardRow } from '../../../shared/points.js';
import { useT } from '../i18n/index.js';

const AXIS = { stroke: '#93a1b1', fontSize: 12 };
const TOOLTIP = { contentStyle: { background: '#131a22', border: '1px solid #263241', color: '#e8edf3' } };
/** A chart of more bars than this is unreadable; the table below has them all. */
export const CHART_ROWS = 20;
/** One agent's row: room for its number (12 px type) and a bar. */
export const ROW_PX = 24;
/** Above and below the rows: the value axis and the legend. */
const FRAME_PX = 64;

export default function LeaderboardChart({ rows }: { rows: readonly LeaderboardRow[] }) {
  const t = useT();
  const data = rows.slice(0, CHART_ROWS).map((r) => ({
    agent: r.agentId,
    name: r.name ?? r.agentId,
    rewards: r.rewards,
    // Deductions are stored as a positive sum or a negative one depending on taste: drawn left of zero either way.
    deductions: -Math.abs(r.deductions),
    points: r.points,
  }));
  // Wide enough for the longest agent number (12 px type, about 7.5 px a character).
  const labelWidth = Math.min(140, 16 + Math.max(...data.map((d) => d.agent.length)) * 7.5);
  return (
    <div className="chart-box points-chart" role="img" aria-label={t('points.chart.label', { n: data.length })} style={{ height: data.length * ROW_PX + FRAME_PX }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" stackOffset="sign" barCategoryGap={4} margin={{ top: 4, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#263241" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS} stroke="#263241" />
          <YAxis type="category" dataKey="agent" tick={AXIS} stroke="#263241" interval={0} width={labelWidth} />
          <ReferenceLine x={0} stroke="#93a1b1" />
          <Tooltip {...TOOLTIP} labelFormatter={(agent) => data.find((d) => d.agent === agent)?.name ?? String(agent)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="rewards" stackId="p" name={t('points.col.rewards')} fill="#2fbf71" maxBarSize={18} isAnimationActive={false} />
          <Bar dataKey="deductions" stackId="p" name={t('points.col.deductions')} fill="#ff4d4f" maxBarSize={18} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
