'use client';
// A small line chart of one or more named series against steps, as SVG — for metrics that are
// not a training loss (reward margin, accuracy, KL, a loss counted two ways). Reuses LossChart's
// axes, colours (lc-* classes in ui.css) and scales; no smoothing, no export.
import { linearTicks, scale, tickLabel } from './chart-math';

export interface Series {
  label: string;
  /** [step, value] pairs in step order. */
  points: [number, number][];
  tone: 'accent' | 'warning' | 'tip' | 'muted';
  dashed?: boolean;
}

export interface SeriesChartProps {
  title: string;
  series: Series[];
  /** Steps planned, so the x axis does not jump while training. */
  totalSteps: number;
  xLabel: string;
  /** Fixed y range (e.g. [0, 1] for an accuracy); else fitted to the data and `includeZero`. */
  yDomain?: [number, number];
  includeZero?: boolean;
  empty: string;
  testId?: string;
}

const W = 420;
const H = 230;
const M = { left: 48, right: 12, top: 34, bottom: 36 };

export function SeriesChart({ title, series, totalSteps, xLabel, yDomain, includeZero = true, empty, testId }: SeriesChartProps) {
  const values = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  const lo = Math.min(...values, includeZero ? 0 : Infinity);
  const hi = Math.max(...values, includeZero ? 0 : -Infinity);
  const pad = (hi - lo) * 0.08 || 0.5;
  const domain: [number, number] = yDomain ?? (values.length ? [lo - (lo === 0 ? 0 : pad), hi + pad] : [0, 1]);
  const lastStep = Math.max(1, totalSteps, ...series.flatMap((s) => s.points.map((p) => p[0])));
  const x = scale([0, lastStep], [M.left, W - M.right]);
  const y = scale(domain, [H - M.bottom, M.top]);
  const path = (pts: [number, number][]) => pts.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');
  const last = series.map((s) => (s.points.length ? `${s.label} ${s.points.at(-1)![1].toFixed(3)}` : null)).filter(Boolean);
  return (
    <figure className="sc" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} className="lc-svg" role="img" aria-label={`${title}: ${last.length ? last.join(', ') : empty}`}>
        <rect className="lc-bg" x={0} y={0} width={W} height={H} />
        <text className="sc-title" x={M.left} y={16}>{title}</text>
        {linearTicks(domain[0], domain[1], 4).map((v) => (
          <g key={`y${v}`}>
            <line className="lc-grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text className="lc-tick" x={M.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">{tickLabel(v)}</text>
          </g>
        ))}
        {linearTicks(0, lastStep, 5).map((v) => (
          <text key={`x${v}`} className="lc-tick" x={x(v)} y={H - M.bottom + 16} textAnchor="middle">{tickLabel(v)}</text>
        ))}
        <line className="lc-axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
        <text className="lc-axis-label" x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle">{xLabel}</text>
        {values.length === 0 ? <text className="lc-empty" x={(M.left + W - M.right) / 2} y={(M.top + H - M.bottom) / 2} textAnchor="middle">{empty}</text> : null}
        {series.map((s) => (s.points.length ? <path key={s.label} className={`sc-line sc-${s.tone}${s.dashed ? ' sc-dashed' : ''}`} d={path(s.points)} /> : null))}
        <g transform={`translate(${W - M.right} 12)`}>
          {series.map((s, i) => (
            <g key={s.label} transform={`translate(0 ${i * 17})`}>
              <text className="lc-legend-text sc-legend" x={-28} y={5} textAnchor="end">{s.label}</text>
              <line className={`sc-line sc-${s.tone}${s.dashed ? ' sc-dashed' : ''}`} x1={-22} x2={-2} y1={1} y2={1} />
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
