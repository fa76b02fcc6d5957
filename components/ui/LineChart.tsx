'use client';
// A plain SVG line chart for several series over one x axis (e.g. ms per token against position
// for two decoding lanes). Optional vertical markers (events such as "cache refilled"), hover
// readout of every series at the nearest x. Colours come from the site's variables by tone.
import { useId, useState } from 'react';
import { linearTicks, scale, tickLabel } from './chart-math';

export interface LineSeries {
  key: string;
  label: string;
  points: { x: number; y: number }[];
  tone: 'accent' | 'warning' | 'tip' | 'muted';
  dashed?: boolean;
  /** Thin and translucent (raw readings under a smoothed line); left out of the legend and readout. */
  faint?: boolean;
}

export interface LineChartProps {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  /** Fixed x range end, so the axis does not jump while points arrive. */
  xMax: number;
  xMin?: number;
  /** Vertical marker lines with a short label. */
  markers?: { x: number; label: string }[];
  /** Shown when no series has points. */
  empty: string;
  /** Formats a y value in the hover readout. */
  formatY?: (y: number) => string;
  ariaLabel: string;
  testId?: string;
  /** Height in the 600-wide drawing's units: lower for charts stacked in a column (default 280). */
  height?: number;
}

const W = 600;
const M = { left: 58, right: 16, top: 34, bottom: 44 };

export function LineChart({ series, xLabel, yLabel, xMax, xMin = 0, markers = [], empty, formatY = (y) => y.toPrecision(3), ariaLabel, testId, height: H = 280 }: LineChartProps) {
  const [hoverX, setHoverX] = useState<number | null>(null);
  const clipId = useId();
  // The y range follows the main lines; faint raw readings above it are clipped at the top.
  const main = series.filter((s) => !s.faint);
  const ys = (main.some((s) => s.points.length) ? main : series).flatMap((s) => s.points.map((p) => p.y)).filter(Number.isFinite);
  const hi = ys.length ? Math.max(...ys) : 1;
  const yDomain: [number, number] = [0, hi > 0 ? hi * 1.1 : 1];
  const x = scale([xMin, Math.max(xMax, xMin + 1)], [M.left, W - M.right]);
  const y = scale(yDomain, [H - M.bottom, M.top]);
  const path = (pts: { x: number; y: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`).join('');
  const hasPoints = ys.length > 0;

  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    if (!hasPoints) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * W;
    setHoverX(Math.round(xMin + ((px - M.left) / (W - M.left - M.right)) * (x.domain[1] - xMin)));
  };
  const readout = hoverX === null ? [] : main.map((s) => ({ s, p: s.points.find((p) => p.x === hoverX) })).filter((r) => r.p);

  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="lch-svg" role="img" aria-label={ariaLabel} data-testid={testId} onPointerMove={onMove} onPointerLeave={() => setHoverX(null)}>
      <rect className="lc-bg" x={0} y={0} width={W} height={H} />
      <clipPath id={clipId}>
        <rect x={M.left} y={M.top - 4} width={W - M.left - M.right} height={H - M.top - M.bottom + 4} />
      </clipPath>
      {linearTicks(yDomain[0], yDomain[1], 5).map((v) => (
        <g key={`y${v}`}>
          <line className="lc-grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
          <text className="lc-tick" x={M.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">{tickLabel(v)}</text>
        </g>
      ))}
      {linearTicks(xMin, x.domain[1], 6).map((v) => (
        <text key={`x${v}`} className="lc-tick" x={x(v)} y={H - M.bottom + 18} textAnchor="middle">{tickLabel(v)}</text>
      ))}
      <line className="lc-axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
      <text className="lc-axis-label" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">{xLabel}</text>
      <text className="lc-axis-label" transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">{yLabel}</text>
      {markers.map((m, i) => (
        <g key={`m${i}`}>
          <line className="lch-marker" x1={x(m.x)} x2={x(m.x)} y1={M.top} y2={H - M.bottom} />
          <text className="lch-marker-label" x={x(m.x) + 4} y={M.top + 12}>{m.label}</text>
        </g>
      ))}
      {hasPoints ? null : <text className="lc-empty" x={(M.left + W - M.right) / 2} y={(M.top + H - M.bottom) / 2} textAnchor="middle">{empty}</text>}
      {series.map((s) => (s.points.length > 0 ? <path key={s.key} clipPath={`url(#${clipId})`} className={`lch-line lch-${s.tone}${s.dashed ? ' lch-dashed' : ''}${s.faint ? ' lch-faint' : ''}`} d={path(s.points)} /> : null))}
      <g transform={`translate(${M.left} 10)`}>
        {main.map((s, i) => (
          <g key={s.key} transform={`translate(${i * 200} 0)`}>
            <line className={`lch-line lch-${s.tone}${s.dashed ? ' lch-dashed' : ''}`} x1={0} x2={22} y1={8} y2={8} />
            <text className="lc-legend-text" x={28} y={13}>{s.label}</text>
          </g>
        ))}
      </g>
      {hoverX !== null && readout.length > 0 ? (
        <g>
          <line className="lc-hover-line" x1={x(hoverX)} x2={x(hoverX)} y1={M.top} y2={H - M.bottom} />
          <g transform={`translate(${Math.min(x(hoverX) + 10, W - M.right - 200)} ${M.top + 30})`}>
            <rect className="lc-tooltip" width={190} height={26 + 20 * readout.length} rx={6} />
            <text className="lc-tooltip-text" x={10} y={18}>{`${xLabel} ${hoverX}`}</text>
            {readout.map((r, i) => (
              <text key={r.s.key} className="lc-tooltip-text" x={10} y={38 + 20 * i}>{`${r.s.label}: ${formatY(r.p!.y)}`}</text>
            ))}
          </g>
        </g>
      ) : null}
    </svg>
  );
}
