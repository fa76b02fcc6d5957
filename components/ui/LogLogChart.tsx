'use client';
// A scatter / line chart for scaling plots: each axis log or linear (log–log for N vs D or loss vs
// compute, log–linear for accuracy vs scale). Series are lines, points or both, each with its own
// colour; points may carry labels (model names) and be clickable. Reference lines (chance, a
// budget) and the drawn data are exposed as data attributes so browser tests can read what is
// plotted, not just that something is. Pure SVG; colours come from CSS variables or the caller.
import { useId, useMemo } from 'react';
import { linearTicks, scale } from './chart-math';
import { axisTicks, compactNumber } from './log-axis';

export interface ChartPoint {
  x: number;
  y: number;
  /** Shown beside the point (e.g. "GPT-3"); may name a group ("LLaMA 7B–65B"). */
  label?: string;
  /** The hover title when it differs from the label (a point of a labelled group). */
  title?: string;
  /** Where the label goes (default right of the point): pick one that keeps a cluster legible. */
  labelAt?: 'right' | 'left' | 'above' | 'below';
  /** Drawn hollow: a bound or an estimate rather than a measurement. */
  hollow?: boolean;
}

const LABEL_PLACE = {
  right: { dx: 9, dy: 4, anchor: 'start' },
  left: { dx: -9, dy: 4, anchor: 'end' },
  above: { dx: 0, dy: -10, anchor: 'middle' },
  below: { dx: 0, dy: 18, anchor: 'middle' },
} as const;

export interface ChartSeries {
  id: string;
  label: string;
  points: ChartPoint[];
  kind: 'line' | 'points' | 'both';
  /** Any CSS colour, e.g. 'var(--accent)'. */
  color: string;
  dashed?: boolean;
  /** Thicker line / bigger markers. */
  emphasis?: boolean;
  /** Leave out of the legend (e.g. an iso-FLOP guide line). */
  hideInLegend?: boolean;
}

export interface ReferenceLine {
  /** Horizontal line at y, or vertical at x. */
  y?: number;
  x?: number;
  label: string;
}

export interface LogLogChartProps {
  series: ChartSeries[];
  xLabel: string;
  yLabel: string;
  xScale?: 'log' | 'linear';
  yScale?: 'log' | 'linear';
  /** Fixed domains (so the axes don't jump as data change); otherwise fitted to the data. */
  xDomain?: [number, number];
  yDomain?: [number, number];
  formatX?: (v: number) => string;
  formatY?: (v: number) => string;
  references?: ReferenceLine[];
  ariaLabel: string;
  onPointClick?: (seriesId: string, index: number) => void;
  width?: number;
  height?: number;
  className?: string;
}

const M = { left: 62, right: 18, top: 16, bottom: 46 };

function fitDomain(values: number[], log: boolean): [number, number] {
  const v = values.filter((x) => Number.isFinite(x) && (!log || x > 0));
  if (v.length === 0) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  if (log) {
    if (hi / lo < 1.5) [lo, hi] = [lo / 1.5, hi * 1.5];
    return [lo / 1.25, hi * 1.25];
  }
  const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.1 || 1;
  return [lo - pad, hi + pad];
}

/** Serialised drawn points ("x,y;x,y"), rounded to 4 significant digits, for tests and exports. */
export function serialisePoints(points: ChartPoint[]): string {
  return points.map((p) => `${Number(p.x.toPrecision(4))},${Number(p.y.toPrecision(4))}`).join(';');
}

export function LogLogChart({
  series,
  xLabel,
  yLabel,
  xScale = 'log',
  yScale = 'log',
  xDomain,
  yDomain,
  formatX = compactNumber,
  formatY = compactNumber,
  references = [],
  ariaLabel,
  onPointClick,
  width = 600,
  height = 380,
  className,
}: LogLogChartProps) {
  const W = width;
  const H = height;
  const xLog = xScale === 'log';
  const yLog = yScale === 'log';
  const all = series.flatMap((s) => s.points);
  const xd = useMemo(() => xDomain ?? fitDomain(all.map((p) => p.x), xLog), [xDomain, all, xLog]);
  const yd = useMemo(() => yDomain ?? fitDomain(all.map((p) => p.y), yLog), [yDomain, all, yLog]);
  const x = scale(xd, [M.left, W - M.right], xLog);
  const y = scale(yd, [H - M.bottom, M.top], yLog);
  // A log axis narrower than 1…2…5 spacing (losses 2.3–3.1) gets round linear values instead of none.
  const logOrLinear = (lo: number, hi: number, count: number) => (ticks: number[]) => (ticks.length >= 2 ? ticks : linearTicks(lo, hi, count));
  const xTicks = xLog ? logOrLinear(xd[0], xd[1], 6)(axisTicks(xd[0], xd[1])) : linearTicks(xd[0], xd[1], 6);
  const yTicks = yLog ? logOrLinear(yd[0], yd[1], 5)(axisTicks(yd[0], yd[1])) : linearTicks(yd[0], yd[1], 5);
  const inside = (p: ChartPoint) => p.x >= xd[0] && p.x <= xd[1] && p.y >= yd[0] && p.y <= yd[1] && (!xLog || p.x > 0) && (!yLog || p.y > 0);
  const clipId = `llc-clip-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;

  return (
    <svg className={`llc${className ? ` ${className}` : ''}`} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={ariaLabel}>
      <defs>
        <clipPath id={clipId}>
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
        </clipPath>
      </defs>
      <rect className="llc-bg" x={0} y={0} width={W} height={H} />
      {yTicks.map((v) => (
        <g key={`y${v}`}>
          <line className="llc-grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
          <text className="llc-tick" x={M.left - 7} y={y(v)} textAnchor="end" dominantBaseline="middle">{formatY(v)}</text>
        </g>
      ))}
      {xTicks.map((v) => (
        <g key={`x${v}`}>
          <line className="llc-grid" x1={x(v)} x2={x(v)} y1={M.top} y2={H - M.bottom} />
          <text className="llc-tick" x={x(v)} y={H - M.bottom + 18} textAnchor="middle">{formatX(v)}</text>
        </g>
      ))}
      <line className="llc-axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <line className="llc-axis" x1={M.left} x2={M.left} y1={M.top} y2={H - M.bottom} />
      <text className="llc-axis-label" x={(M.left + W - M.right) / 2} y={H - 8} textAnchor="middle">{xLabel}</text>
      <text className="llc-axis-label" transform={`translate(15 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
      <g clipPath={`url(#${clipId})`}>
        {references.map((r, i) =>
          r.y !== undefined && r.y >= yd[0] && r.y <= yd[1] ? (
            <g key={`r${i}`} className="llc-ref" data-ref-y={r.y}>
              <line x1={M.left} x2={W - M.right} y1={y(r.y)} y2={y(r.y)} />
              <text x={W - M.right - 4} y={y(r.y) - 5} textAnchor="end">{r.label}</text>
            </g>
          ) : r.x !== undefined && r.x >= xd[0] && r.x <= xd[1] ? (
            <g key={`r${i}`} className="llc-ref" data-ref-x={r.x}>
              <line x1={x(r.x)} x2={x(r.x)} y1={M.top} y2={H - M.bottom} />
              <text x={x(r.x) + 4} y={M.top + 12}>{r.label}</text>
            </g>
          ) : null,
        )}
        {series.map((s) => {
          const drawn = s.points.filter((p) => (!xLog || p.x > 0) && (!yLog || p.y > 0) && Number.isFinite(p.x) && Number.isFinite(p.y));
          const path = drawn.map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join('');
          return (
            <g key={s.id} className={`llc-series${s.emphasis ? ' llc-emphasis' : ''}`} data-series={s.id} data-points={serialisePoints(drawn)} style={{ color: s.color }}>
              {s.kind !== 'points' && drawn.length > 1 ? <path className="llc-line" d={path} strokeDasharray={s.dashed ? '7 5' : undefined} /> : null}
              {s.kind !== 'line'
                ? drawn.map((p, i) =>
                    inside(p) ? (
                      <g
                        key={i}
                        className={`llc-point${onPointClick ? ' llc-clickable' : ''}`}
                        onClick={onPointClick ? () => onPointClick(s.id, s.points.indexOf(p)) : undefined}
                      >
                        <circle cx={x(p.x)} cy={y(p.y)} r={s.emphasis ? 7 : 5} className={p.hollow ? 'llc-hollow' : undefined} />
                        {p.label ? (
                          <text className="llc-point-label" x={x(p.x) + LABEL_PLACE[p.labelAt ?? 'right'].dx} y={y(p.y) + LABEL_PLACE[p.labelAt ?? 'right'].dy} textAnchor={LABEL_PLACE[p.labelAt ?? 'right'].anchor}>
                            {p.label}
                          </text>
                        ) : null}
                        <title>{`${p.title ?? p.label ?? ''}${p.title || p.label ? ': ' : ''}${formatX(p.x)}, ${formatY(p.y)}`}</title>
                      </g>
                    ) : null,
                  )
                : null}
            </g>
          );
        })}
      </g>
    </svg>
  );
}

/** The legend for a chart's series, as HTML beside it (wraps, and reads well when projected). */
export function ChartLegend({ series }: { series: ChartSeries[] }) {
  return (
    <div className="wf-legend llc-legend">
      {series.filter((s) => !s.hideInLegend).map((s) => (
        <span key={s.id} data-legend={s.id}>
          <svg width="26" height="14" aria-hidden="true" style={{ color: s.color, verticalAlign: '-0.15em', marginRight: '0.35em' }}>
            {s.kind !== 'points' ? <line x1={1} x2={25} y1={7} y2={7} stroke="currentColor" strokeWidth={s.emphasis ? 3.5 : 2.5} strokeDasharray={s.dashed ? '6 4' : undefined} /> : null}
            {s.kind !== 'line' ? <circle cx={13} cy={7} r={4.5} fill="currentColor" /> : null}
          </svg>
          {s.label}
        </span>
      ))}
    </div>
  );
}
