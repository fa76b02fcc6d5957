'use client';
// Counts over evenly spaced bins as SVG: a filled series ("before") and an outlined one ("after")
// over the same edges, and optional markers along the x axis (e.g. a quantization grid).
import { linearTicks, scale, tickLabel } from './chart-math';

export interface HistogramProps {
  /** bins + 1 edges, ascending. */
  edges: number[];
  filled: number[];
  outlined?: number[];
  /** x positions drawn as ticks under the plot. */
  markers?: number[];
  label: string;
  xLabel: string;
  legend: { filled: string; outlined?: string; markers?: string };
  testId?: string;
}

const W = 600;
const H = 280;
const M = { left: 48, right: 12, top: 12, bottom: 52 };

export function Histogram({ edges, filled, outlined, markers = [], label, xLabel, legend, testId }: HistogramProps) {
  const lo = edges[0];
  const hi = edges[edges.length - 1];
  const top = Math.max(1, ...filled, ...(outlined ?? []));
  const x = scale([lo, hi], [M.left, W - M.right]);
  const y = scale([0, top * 1.05], [H - M.bottom, M.top]);
  const bars = filled.map((c, i) => ({ x0: x(edges[i]), x1: x(edges[i + 1]), c }));
  const step = outlined
    ? outlined.map((c, i) => `${i ? 'L' : 'M'}${x(edges[i]).toFixed(1)},${y(c).toFixed(1)}H${x(edges[i + 1]).toFixed(1)}`).join('') + `V${y(0)}`
    : '';
  const xTicks = linearTicks(lo, hi, 5);
  const yTicks = linearTicks(0, top, 4);
  return (
    <figure className="ui-hist" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} className="ui-hist-svg" role="img" aria-label={label}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line className="lc-grid" x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} />
            <text className="lc-tick" x={M.left - 6} y={y(t) + 4} textAnchor="end">{tickLabel(t)}</text>
          </g>
        ))}
        {bars.map((b, i) => (
          <rect key={i} className="ui-hist-filled" x={b.x0} width={Math.max(0.5, b.x1 - b.x0 - 0.6)} y={y(b.c)} height={y(0) - y(b.c)} />
        ))}
        {outlined ? <path className="ui-hist-outlined" d={step} /> : null}
        <line className="lc-axis" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
        {markers.map((m, i) => (
          <g key={i}>
            <line className="ui-hist-gridline" x1={x(m)} x2={x(m)} y1={M.top} y2={y(0)} />
            <line className="ui-hist-marker" x1={x(m)} x2={x(m)} y1={y(0) + 2} y2={y(0) + 14} />
          </g>
        ))}
        {xTicks.map((t) => (
          <text key={`x${t}`} className="lc-tick" x={x(t)} y={H - M.bottom + 26} textAnchor="middle">{tickLabel(t)}</text>
        ))}
        <text className="lc-axis-label" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">{xLabel}</text>
      </svg>
      <figcaption className="ui-hist-legend">
        <span><span className="ui-hist-key ui-hist-key-filled" />{legend.filled}</span>
        {legend.outlined ? <span><span className="ui-hist-key ui-hist-key-outlined" />{legend.outlined}</span> : null}
        {legend.markers && markers.length ? <span><span className="ui-hist-key ui-hist-key-marker" />{legend.markers}</span> : null}
      </figcaption>
    </figure>
  );
}
