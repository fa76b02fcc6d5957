'use client';
// Training and validation loss against steps, as SVG: raw train loss faint, its EMA bold,
// validation as dots joined by a dashed line. Log-scale option, smoothing slider, hover readout,
// export as SVG or PNG (colours inlined so the file looks the same outside the page).
import { useMemo, useRef, useState } from 'react';
import { Button } from './Button';
import { emaSmooth, lossDomain, linearTicks, logTicks, scale, tickLabel } from './chart-math';
import { Slider } from './Slider';
import { Toggle } from './Toggle';
import type { UiLocale } from './useLocale';

export interface LossPoint {
  step: number;
  loss: number;
  valLoss?: number;
}

export interface LossChartProps {
  points: LossPoint[];
  /** Steps planned, so the x axis does not jump while training. */
  totalSteps: number;
  logScale: boolean;
  smoothing: number;
  onLogScale(value: boolean): void;
  onSmoothing(value: number | string): void;
  locale: UiLocale;
  /** Reference line, e.g. the loss of guessing uniformly: ln(vocab). */
  baseline?: { value: number; label: string };
  fileName?: string;
  /** A second run on the same axes (e.g. full fine-tuning beside LoRA), drawn in another colour. */
  compare?: { label: string; points: LossPoint[] };
  /** Legend name of `points` when a `compare` run is drawn (default: "train"). */
  pointsLabel?: string;
}

// A 600-unit-wide canvas: at a chapter column's ≈540 px the 14-unit labels stay ≈13 px.
const W = 600;
const H = 300;
const M = { left: 54, right: 16, top: 38, bottom: 44 };

const TEXT = {
  en: { step: 'step', loss: 'loss (nats/token)', train: 'train', trainSmoothed: 'train (smoothed)', val: 'validation', log: 'Log scale', smoothing: 'Smoothing', empty: 'The loss curve appears here when training starts.', svg: 'Export SVG', png: 'Export PNG' },
  zh: { step: '步数', loss: '损失（nats/词元）', train: '训练', trainSmoothed: '训练（平滑）', val: '验证', log: '对数坐标', smoothing: '平滑', empty: '开始训练后，这里会画出损失曲线。', svg: '导出 SVG', png: '导出 PNG' },
};

export function LossChart({ points, totalSteps, logScale, smoothing, onLogScale, onSmoothing, locale, baseline, fileName = 'loss-curve', compare, pointsLabel }: LossChartProps) {
  const t = TEXT[locale];
  const svgRef = useRef<SVGSVGElement>(null);
  const [hover, setHover] = useState<number | null>(null);
  const smoothed = useMemo(() => emaSmooth(points.map((p) => p.loss), smoothing), [points, smoothing]);
  const val = points.filter((p) => p.valLoss !== undefined) as Required<LossPoint>[];
  const comparePoints = useMemo(() => compare?.points ?? [], [compare?.points]);
  const compareSmoothed = useMemo(() => emaSmooth(comparePoints.map((p) => p.loss), smoothing), [comparePoints, smoothing]);
  const compareVal = comparePoints.filter((p) => p.valLoss !== undefined) as Required<LossPoint>[];

  const values = [...points.map((p) => p.loss), ...val.map((p) => p.valLoss), ...comparePoints.map((p) => p.loss), ...compareVal.map((p) => p.valLoss), ...(baseline ? [baseline.value] : [])].filter((v) => v > 0 && Number.isFinite(v));
  const lo = values.length ? Math.min(...values) : 1;
  const hi = values.length ? Math.max(...values) : 5;
  const yDomain = lossDomain(lo, hi, logScale);
  const x = scale([0, Math.max(totalSteps, points.at(-1)?.step ?? 1, comparePoints.at(-1)?.step ?? 1, 1)], [M.left, W - M.right]);
  const y = scale(yDomain, [H - M.bottom, M.top], logScale);
  const yTicks = logScale ? logTicks(yDomain[0], yDomain[1]) : linearTicks(yDomain[0], yDomain[1], 5);
  const xTicks = linearTicks(0, x.domain[1], 6);
  const path = (pts: [number, number][]) => pts.map(([a, b], i) => `${i ? 'L' : 'M'}${x(a).toFixed(1)},${y(b).toFixed(1)}`).join('');

  const hovered = hover === null ? null : points[hover];
  const hoveredVal = hovered ? [...val].reverse().find((p) => p.step <= hovered.step) : undefined;
  const hoveredCompare = hovered && compare ? comparePoints.findIndex((p) => p.step === hovered.step) : -1;

  const onMove = (e: React.PointerEvent<SVGSVGElement>) => {
    if (points.length === 0) return;
    const rect = e.currentTarget.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * W;
    const step = ((px - M.left) / (W - M.left - M.right)) * x.domain[1];
    let best = 0;
    for (let i = 1; i < points.length; i++) if (Math.abs(points[i].step - step) < Math.abs(points[best].step - step)) best = i;
    setHover(best);
  };

  return (
    <figure className="lc">
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} className="lc-svg" role="img" aria-label={`${t.loss}: ${points.length ? `${t.step} ${points.at(-1)!.step}, ${t.train} ${points.at(-1)!.loss.toFixed(3)}${compare && comparePoints.length ? `; ${compare.label} ${comparePoints.at(-1)!.loss.toFixed(3)}` : ''}` : t.empty}`} onPointerMove={onMove} onPointerLeave={() => setHover(null)}>
        <rect className="lc-bg" x={0} y={0} width={W} height={H} />
        {yTicks.map((v) => (
          <g key={`y${v}`}>
            <line className="lc-grid" x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text className="lc-tick" x={M.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle">
              {tickLabel(v)}
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <text key={`x${v}`} className="lc-tick" x={x(v)} y={H - M.bottom + 18} textAnchor="middle">
            {tickLabel(v)}
          </text>
        ))}
        <line className="lc-axis" x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} />
        <text className="lc-axis-label" x={(M.left + W - M.right) / 2} y={H - 6} textAnchor="middle">{t.step}</text>
        <text className="lc-axis-label" transform={`translate(14 ${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">{t.loss}</text>
        {baseline && baseline.value >= yDomain[0] && baseline.value <= yDomain[1] ? (
          <g>
            <line className="lc-baseline" x1={M.left} x2={W - M.right} y1={y(baseline.value)} y2={y(baseline.value)} />
            <text className="lc-baseline-label" x={W - M.right - 4} y={y(baseline.value) - 6} textAnchor="end">{baseline.label}</text>
          </g>
        ) : null}
        {points.length === 0 ? (
          <text className="lc-empty" x={(M.left + W - M.right) / 2} y={(M.top + H - M.bottom) / 2} textAnchor="middle">{t.empty}</text>
        ) : null}
        {smoothing > 0 && points.length > 1 ? <path className="lc-train-raw" d={path(points.map((p) => [p.step, p.loss]))} /> : null}
        {points.length > 0 ? <path className="lc-train" d={path(points.map((p, i) => [p.step, smoothed[i]]))} /> : null}
        {val.length > 0 ? <path className="lc-val" d={path(val.map((p) => [p.step, p.valLoss]))} /> : null}
        {val.map((p) => (
          <circle key={`v${p.step}`} className="lc-val-dot" cx={x(p.step)} cy={y(p.valLoss)} r={4} />
        ))}
        {smoothing > 0 && comparePoints.length > 1 ? <path className="lc-compare-raw" d={path(comparePoints.map((p) => [p.step, p.loss]))} /> : null}
        {comparePoints.length > 0 ? <path className="lc-compare" d={path(comparePoints.map((p, i) => [p.step, compareSmoothed[i]]))} /> : null}
        {compareVal.length > 0 ? <path className="lc-compare-val" d={path(compareVal.map((p) => [p.step, p.valLoss]))} /> : null}
        {compareVal.map((p) => (
          <circle key={`cv${p.step}`} className="lc-compare-dot" cx={x(p.step)} cy={y(p.valLoss)} r={4} />
        ))}
        {/* Legend in the top margin, clear of the curves (which start high on the left). */}
        <g className="lc-legend" transform={`translate(${M.left} 12)`}>
          <line className="lc-train" x1={0} x2={22} y1={8} y2={8} />
          <text className="lc-legend-text" x={28} y={13}>{compare ? (pointsLabel ?? t.train) : smoothing > 0 ? t.trainSmoothed : t.train}</text>
          {compare ? (
            <g transform="translate(150 0)">
              <line className="lc-compare" x1={0} x2={22} y1={8} y2={8} />
              <text className="lc-legend-text" x={28} y={13}>{compare.label}</text>
            </g>
          ) : null}
          <g transform={`translate(${compare ? 330 : 180} 0)`}>
            <line className="lc-val" x1={0} x2={22} y1={8} y2={8} />
            <circle className="lc-val-dot" cx={11} cy={8} r={4} />
            <text className="lc-legend-text" x={28} y={13}>{t.val}</text>
          </g>
        </g>
        {hovered ? (
          <g className="lc-hover">
            <line className="lc-hover-line" x1={x(hovered.step)} x2={x(hovered.step)} y1={M.top} y2={H - M.bottom} />
            <circle className="lc-hover-dot" cx={x(hovered.step)} cy={y(smoothed[hover!])} r={4.5} />
            <g transform={`translate(${Math.min(x(hovered.step) + 10, W - M.right - 180)} ${M.top + 52})`}>
              <rect className="lc-tooltip" width={170} height={46 + (hoveredVal ? 20 : 0) + (hoveredCompare >= 0 ? 20 : 0)} rx={6} />
              <text className="lc-tooltip-text" x={10} y={18}>{`${t.step} ${hovered.step}`}</text>
              <text className="lc-tooltip-text" x={10} y={38}>{`${compare ? (pointsLabel ?? t.train) : t.train} ${hovered.loss.toFixed(3)}${smoothing > 0 ? ` (${smoothed[hover!].toFixed(3)})` : ''}`}</text>
              {hoveredVal ? <text className="lc-tooltip-text" x={10} y={58}>{`${t.val} ${hoveredVal.valLoss.toFixed(3)} @${hoveredVal.step}`}</text> : null}
              {hoveredCompare >= 0 ? <text className="lc-tooltip-text" x={10} y={hoveredVal ? 78 : 58}>{`${compare!.label} ${comparePoints[hoveredCompare].loss.toFixed(3)}`}</text> : null}
            </g>
          </g>
        ) : null}
      </svg>
      <figcaption className="lc-controls">
        <Toggle label={t.log} checked={logScale} onChange={onLogScale} />
        <div className="lc-smoothing">
          <Slider label={t.smoothing} value={smoothing} min={0} max={0.99} step={0.01} onChange={onSmoothing} />
        </div>
        <Button variant="ghost" onClick={() => exportSvg(svgRef.current, fileName)} disabled={points.length === 0}>{t.svg}</Button>
        <Button variant="ghost" onClick={() => exportPng(svgRef.current, fileName)} disabled={points.length === 0}>{t.png}</Button>
      </figcaption>
    </figure>
  );
}

const INLINED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight'] as const;

/** A standalone copy of the chart: computed colours and fonts written into each element. */
function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const from = svg.querySelectorAll('*');
  const to = clone.querySelectorAll('*');
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    (to[i] as SVGElement).setAttribute('style', INLINED.map((p) => `${p}:${style.getPropertyValue(p)}`).join(';'));
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(W));
  clone.setAttribute('height', String(H));
  return new XMLSerializer().serializeToString(clone);
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exportSvg(svg: SVGSVGElement | null, name: string) {
  if (svg) download(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }), `${name}.svg`);
}

function exportPng(svg: SVGSVGElement | null, name: string) {
  if (!svg) return;
  const image = new Image();
  const url = URL.createObjectURL(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }));
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = W * 2; // 2× for projectors and slides
    canvas.height = H * 2;
    const g = canvas.getContext('2d')!;
    g.scale(2, 2);
    g.drawImage(image, 0, 0);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => blob && download(blob, `${name}.png`), 'image/png');
  };
  image.src = url;
}
