'use client';
// Vertical bars for a short list of values (a spectrum of singular values, a distribution), as SVG, with a
// log scale for values spanning many orders of magnitude, an optional vertical marker between
// two bars (e.g. "rank r"), and the first `emphasise` bars in the accent colour.
import { scale, tickLabel } from './chart-math';

export interface ColumnChartProps {
  values: number[];
  /** Accessible name (the chart is role="img"). */
  label: string;
  xLabel: string;
  yLabel: string;
  /** Log y axis; values below `floor` are drawn at the floor. */
  log?: boolean;
  /** Smallest value a log axis shows (default: max × 1e-9). */
  floor?: number;
  /** A dashed vertical line after bar `after` − 1, labelled. */
  marker?: { after: number; label: string };
  /** Bars before this index use the accent colour; the rest are muted. */
  emphasise?: number;
  /** Hover text of bar i. */
  describe?: (index: number, value: number) => string;
  testId?: string;
}

const W = 600;
const H = 230;
const M = { left: 56, right: 14, top: 26, bottom: 40 };

export function ColumnChart({ values, label, xLabel, yLabel, log = false, floor, marker, emphasise = values.length, describe, testId }: ColumnChartProps) {
  const max = Math.max(...values.filter(Number.isFinite), Number.MIN_VALUE);
  const lo = log ? (floor ?? max * 1e-9) : 0;
  const y = scale([lo, log ? max * 1.5 : max * 1.05], [H - M.bottom, M.top], log);
  const n = Math.max(values.length, 1);
  const slot = (W - M.left - M.right) / n;
  const ticks: number[] = [];
  if (log) for (let k = Math.ceil(Math.log10(lo)); 10 ** k <= max * 1.5; k += Math.max(1, Math.ceil((Math.log10(max / lo) + 1) / 6))) ticks.push(10 ** k);
  else for (let i = 0; i <= 4; i++) ticks.push((max * i) / 4);
  const xTickEvery = Math.max(1, Math.ceil(n / 8));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="bc-svg" role="img" aria-label={label} data-testid={testId}>
      <rect className="lc-bg" x={0} y={0} width={W} height={H} />
      {ticks.map((v) => (
        <g key={v}>
          <line className="lc-grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
          <text className="lc-tick" x={M.left - 6} y={y(v)} textAnchor="end" dominantBaseline="middle">{tickLabel(v)}</text>
        </g>
      ))}
      {values.map((v, i) => {
        const top = y(Math.max(v, lo));
        return (
          <rect key={i} className={i < emphasise ? 'bc-bar' : 'bc-bar bc-bar-muted'} x={M.left + i * slot + slot * 0.12} width={Math.max(1, slot * 0.76)} y={top} height={Math.max(0, H - M.bottom - top)}>
            {describe ? <title>{describe(i, v)}</title> : null}
          </rect>
        );
      })}
      {values.map((_, i) =>
        i % xTickEvery === 0 ? (
          <text key={`x${i}`} className="lc-tick" x={M.left + (i + 0.5) * slot} y={H - M.bottom + 16} textAnchor="middle">{i + 1}</text>
        ) : null,
      )}
      {marker && marker.after > 0 && marker.after < n ? (
        <g>
          <line className="bc-marker" x1={M.left + marker.after * slot} x2={M.left + marker.after * slot} y1={M.top - 8} y2={H - M.bottom} />
          <text className="bc-marker-label" x={M.left + marker.after * slot + 5} y={M.top - 10}>{marker.label}</text>
        </g>
      ) : null}
      <line className="lc-axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <text className="lc-axis-label" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">{xLabel}</text>
      <text className="lc-axis-label" transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
    </svg>
  );
}
