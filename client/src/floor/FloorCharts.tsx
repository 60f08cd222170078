/**
 * The day in charts (recharts): service level and the most calls waiting per 15-minute
 * interval, the last bar being the live interval; and today's compliance per rule.
 * Interval service level here is answered-in-threshold / (answered + abandoned): the
 * interval figures carry no short-abandon split, so it is the strict reading.
 */
import { memo, useMemo } from 'react';
import {
  Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis,
} from 'recharts';
import type { IntervalFigures } from '../../../shared/figures.js';
import { useT } from '../i18n/index.js';
import { useFloorStore } from '../store/floor-store.js';
import { formatClockTime } from '../time/format.js';
import { complianceRows } from './compliance.js';

const AXIS = { stroke: '#93a1b1', fontSize: 12 };
const TOOLTIP = { contentStyle: { background: '#131a22', border: '1px solid #263241', color: '#e8edf3' } };

export function intervalServiceLevel(i: IntervalFigures): number | null {
  const total = i.answered + i.abandoned;
  return total === 0 ? null : Math.round((i.answeredInThreshold / total) * 100);
}

export function FloorCharts() {
  return (
    <section className="floor-charts">
      <DayChart />
      <ComplianceChart />
    </section>
  );
}

const DayChart = memo(function DayChart() {
  const t = useT();
  const intervals = useFloorStore((s) => s.floor?.intervals);
  const tz = useFloorStore((s) => s.floor?.timezone);
  const data = useMemo(() => (intervals ?? []).map((i, n, all) => ({
    label: formatClockTime(i.start, tz).slice(0, 5) + (n === all.length - 1 ? '*' : ''),
    sl: intervalServiceLevel(i),
    waiting: i.maxWaiting,
  })), [intervals, tz]);
  return (
    <figure className="chart-card">
      <figcaption className="panel-title">{t('charts.day')} <span className="chart-note">* {t('charts.live')}</span></figcaption>
      {data.length === 0 ? (
        <p className="panel-empty">{t('charts.noData')}</p>
      ) : (
        <div className="chart-box">
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
              <CartesianGrid stroke="#263241" vertical={false} />
              <XAxis dataKey="label" tick={AXIS} stroke="#263241" />
              <YAxis yAxisId="sl" domain={[0, 100]} tick={AXIS} stroke="#263241" />
              <YAxis yAxisId="waiting" orientation="right" allowDecimals={false} tick={AXIS} stroke="#263241" />
              <Tooltip {...TOOLTIP} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar yAxisId="waiting" dataKey="waiting" name={t('charts.waiting')} fill="#f5c542" maxBarSize={28} isAnimationActive={false} />
              <Line yAxisId="sl" dataKey="sl" name={t('charts.serviceLevel')} stroke="#4cc2ff" strokeWidth={2}
                dot={{ r: 3 }} connectNulls isAnimationActive={false} />
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
});

const ComplianceChart = memo(function ComplianceChart() {
  const t = useT();
  const byRule = useFloorStore((s) => s.floor?.compliance);
  const rows = useMemo(() => complianceRows(byRule), [byRule]);
  return (
    <figure className="chart-card">
      <figcaption className="panel-title">{t('charts.compliance')}</figcaption>
      {rows.length === 0 ? (
        <p className="panel-empty">{t('charts.noChecks')}</p>
      ) : (
        <div className="chart-box">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
              <CartesianGrid stroke="#263241" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={AXIS} stroke="#263241" />
              <YAxis type="category" dataKey="rule" width={130} tick={AXIS} stroke="#263241" />
              <Tooltip {...TOOLTIP} labelFormatter={(rule) => t(`rule.${String(rule)}`)} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="passed" stackId="c" name={t('charts.passed')} fill="#2fbf71" maxBarSize={18} isAnimationActive={false} />
              <Bar dataKey="failed" stackId="c" name={t('charts.failed')} fill="#ff4d4f" maxBarSize={18} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
});
