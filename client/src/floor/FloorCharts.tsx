/**
 * The day in charts (recharts): service level and the most calls waiting per 15-minute
 * interval, the last bar being the live interval; and today's compliance per rule.
 * Interval service level here is answered-in-threshold / (answered + abandoned): the
 * interval figures carry no short-abandon split, so it is the strict reading.
 */
import { memo, useCallback, useMemo, useRef, useState } from 'react';
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

/** Rule names on the compliance chart: a line's height, and at most this many lines a name. */
const TICK_LINE = 14;
const TICK_LINES = 2;

/**
 * Today's compliance, one horizontal bar per rule, each named in the page's language: every
 * bar keeps its name (interval 0: recharts would otherwise drop names that do not fit), a
 * long name wraps onto a second line (its whole text in a tooltip), and the chart grows
 * with the rules instead of squeezing them.
 */
const ComplianceChart = memo(function ComplianceChart() {
  const t = useT();
  const byRule = useFloorStore((s) => s.floor?.compliance);
  const [cardWidth, setCardWidth] = useState(0);
  const observed = useRef<ResizeObserver | null>(null);
  const card = useCallback((el: HTMLElement | null) => {
    observed.current?.disconnect();
    observed.current = null;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    observed.current = new ResizeObserver(() => setCardWidth(el.clientWidth));
    observed.current.observe(el);
  }, []);
  // The names take up to 45% of a narrow card, never more than 200 px.
  const labelWidth = cardWidth === 0 ? 160 : Math.max(90, Math.min(200, Math.round(cardWidth * 0.45)));
  const rows = useMemo(
    () => complianceRows(byRule).map((r) => {
      const name = t(`rule.${r.rule}`);
      return { ...r, name, lines: wrapLabel(name, labelWidth - 16, AXIS.fontSize, TICK_LINES) };
    }),
    // `t` is new on every render (cheap: a score of rules at most); the locale is in it.
    [byRule, t, labelWidth],
  );
  const lines = rows.reduce((most, r) => Math.max(most, r.lines.length), 1);
  const height = Math.max(208, rows.length * (lines * TICK_LINE + 10) + 56);
  const byName = useMemo(() => new Map(rows.map((r) => [r.name, r.lines])), [rows]);
  return (
    <figure className="chart-card" ref={card}>
      <figcaption className="panel-title">{t('charts.compliance')}</figcaption>
      {rows.length === 0 ? (
        <p className="panel-empty">{t('charts.noChecks')}</p>
      ) : (
        <div className="chart-box compliance-chart" style={{ height }} data-rules={rows.length}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#263241" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={AXIS} stroke="#263241" />
              <YAxis
                type="category" dataKey="name" width={labelWidth} interval={0} stroke="#263241"
                tick={(props: RuleTickProps) => <RuleTick {...props} lines={byName.get(String(props.payload?.value)) ?? []} />}
              />
              <Tooltip {...TOOLTIP} />
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

interface RuleTickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/** A rule's name beside its bar, right-aligned, on one or two lines centred on the bar. */
function RuleTick({ x, y, payload, lines }: RuleTickProps & { lines: string[] }) {
  const name = String(payload?.value ?? '');
  const top = -((lines.length - 1) * TICK_LINE) / 2;
  return (
    <text x={Number(x)} y={Number(y)} textAnchor="end" fill={AXIS.stroke} fontSize={AXIS.fontSize} className="compliance-tick">
      <title>{name}</title>
      {lines.map((line, i) => (
        <tspan key={i} x={Number(x) - 4} dy={i === 0 ? top + AXIS.fontSize * 0.35 : TICK_LINE}>{line}</tspan>
      ))}
    </text>
  );
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** The width of `text` at `fontSize`: measured by a canvas when there is one, else estimated. */
function textWidth(text: string, fontSize: number): number {
  if (measureContext === undefined) {
    try {
      measureContext = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d') ?? null;
    } catch {
      measureContext = null;
    }
  }
  if (measureContext !== null) {
    // The page's own fonts (the SVG text inherits them), so the measure is the one drawn.
    measureContext.font = `${fontSize}px ${getComputedStyle(document.documentElement).fontFamily}`;
    return measureContext.measureText(text).width;
  }
  // Ideographs are square; Latin letters a little over half as wide.
  return [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? fontSize : fontSize * 0.6), 0);
}

/**
 * `text` in lines no wider than `width`: broken between words, or anywhere in Chinese;
 * after `maxLines` the rest is cut, with an ellipsis.
 */
export function wrapLabel(text: string, width: number, fontSize: number, maxLines: number): string[] {
  // Words keep their trailing space; each ideograph (and its punctuation) stands alone.
  const pieces = text.match(/[\u2e80-\u9fff\uff00-\uffef][，、：；）」]?|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [text];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line !== '' && textWidth((line + piece).trimEnd(), fontSize) > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 1 && textWidth(`${last}…`, fontSize) > width) last = last.slice(0, -1).trimEnd();
  kept[maxLines - 1] = `${last}…`;
  return kept;
}
