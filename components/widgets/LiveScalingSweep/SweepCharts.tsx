'use client';
// The sweep's two log–log plots: validation loss against non-embedding parameters N (the finished
// models, the fitted power law, and Kaplan's slope through the same centre for comparison) and
// against compute 6·N·D (each model's learning curve, its final point emphasised).
import { ChartLegend, type ChartSeries, LogLogChart } from '@/components/ui/LogLogChart';
import { evaluatePowerLaw } from '@/lib/scaling';
import type { SweepResult } from '@/lib/engine/features/sweep/protocol';
import { KAPLAN_ALPHA_N, type SweepFits } from './analysis';
import type { SweepStrings } from './strings';
import type { CurvePoint } from './useSweepRun';

/** One colour per model, smallest to largest; mid-tones that read on light and dark backgrounds. */
export const MODEL_COLORS = ['#7c3aed', '#2563eb', '#0891b2', '#16a34a', '#d97706', '#dc2626', '#db2777', '#64748b'];

export interface SweepChartsProps {
  /** Planned N and compute of every model, so the axes are drawn (and stay put) before any result. */
  plannedN: number[];
  plannedCompute: number[];
  /** Tokens per step × the first evaluation step of each model: where its curve starts. */
  firstEvalCompute: number[];
  results: SweepResult[];
  curves: CurvePoint[][];
  fits: SweepFits;
  t: SweepStrings;
}

const pad = (lo: number, hi: number, f: number): [number, number] => [lo / f, hi * f];

export function SweepCharts({ plannedN, plannedCompute, firstEvalCompute, results, curves, fits, t }: SweepChartsProps) {
  const losses = [...results.map((r) => r.valLoss), ...curves.flat().map((p) => p.valLoss)].filter((v) => v > 0 && Number.isFinite(v));
  // A narrow loss range (2.3…3.1 is typical) still needs room for the lines: ±6% around the data.
  const yDomain: [number, number] = losses.length ? [Math.min(...losses) * 0.94, Math.max(...losses) * 1.06] : [1.5, 4.5];
  const nDomain = pad(Math.min(...plannedN), Math.max(...plannedN), 1.6);
  const cDomain = pad(Math.min(...firstEvalCompute), Math.max(...plannedCompute), 1.6);

  const nSeries: ChartSeries[] = [
    {
      id: 'measured',
      label: t.measuredSeries,
      kind: 'points',
      emphasis: true,
      color: 'var(--accent, #1d4ed8)',
      points: results.map((r) => ({ x: r.nonEmbeddingParams, y: r.valLoss, label: `d ${r.dModel}` })),
    },
  ];
  const fit = fits.params;
  if (fit) {
    nSeries.push({ id: 'fit', label: t.fitSeries, kind: 'line', color: 'var(--text, #1b1f24)', points: nDomain.map((x) => ({ x, y: evaluatePowerLaw(fit, x) })) });
    // Kaplan's slope through the centre of the data (geometric means): compare slopes, not levels.
    const n = results.map((r) => Math.log(r.nonEmbeddingParams));
    const l = results.map((r) => Math.log(r.valLoss));
    const cx = Math.exp(n.reduce((a, b) => a + b, 0) / n.length);
    const cy = Math.exp(l.reduce((a, b) => a + b, 0) / l.length);
    nSeries.push({ id: 'kaplan', label: t.kaplanSeries, kind: 'line', dashed: true, color: 'var(--text-muted, #545d68)', points: nDomain.map((x) => ({ x, y: cy * (x / cx) ** -KAPLAN_ALPHA_N })) });
  }
  if (fits.saturating) {
    const s = fits.saturating;
    const [lo, hi] = nDomain;
    nSeries.push({
      id: 'saturating',
      label: `E + A·N^−α`,
      kind: 'line',
      dashed: true,
      color: 'var(--warning, #b45309)',
      points: Array.from({ length: 24 }, (_, i) => lo * (hi / lo) ** (i / 23)).map((x) => ({ x, y: s.E + s.A * x ** -s.alpha })),
    });
  }

  const cSeries: ChartSeries[] = curves.flatMap((curve, i) =>
    curve && curve.length
      ? [{ id: `curve-${i}`, label: `d ${results.find((r) => r.index === i)?.dModel ?? ''}`, kind: 'both' as const, color: MODEL_COLORS[i % MODEL_COLORS.length], points: curve.map((p) => ({ x: p.compute, y: p.valLoss })), hideInLegend: true }]
      : [],
  );
  cSeries.push({ id: 'final', label: t.measuredSeries, kind: 'points', emphasis: true, color: 'var(--accent, #1d4ed8)', points: results.map((r) => ({ x: r.compute, y: r.valLoss, label: `d ${r.dModel}` })) });
  if (fits.compute) {
    const f = fits.compute;
    const xs = results.map((r) => r.compute);
    cSeries.push({ id: 'fit-compute', label: t.fitSeries, kind: 'line', color: 'var(--text, #1b1f24)', points: [Math.min(...xs) / 1.3, Math.max(...xs) * 1.3].map((x) => ({ x, y: evaluatePowerLaw(f, x) })) });
  }

  const empty = results.length === 0 && curves.every((c) => !c?.length);
  return (
    <div className="lss-charts">
      <figure className="lss-chart" data-testid="chart-n">
        <figcaption>{t.lossVsN}</figcaption>
        <LogLogChart series={nSeries} xLabel={t.axisN} yLabel={t.axisLoss} xDomain={nDomain} yDomain={yDomain} formatY={(v) => v.toFixed(2)} ariaLabel={t.lossVsN} height={340} />
        <ChartLegend series={nSeries} />
        {empty ? <p className="lss-chart-empty">{t.empty}</p> : null}
      </figure>
      <figure className="lss-chart" data-testid="chart-c">
        <figcaption>{t.lossVsC}</figcaption>
        <LogLogChart series={cSeries} xLabel={t.axisC} yLabel={t.axisLoss} xDomain={cDomain} yDomain={yDomain} formatY={(v) => v.toFixed(2)} ariaLabel={t.lossVsC} height={340} />
        <ChartLegend series={[{ id: 'curves', label: t.curvesSeries, kind: 'both', color: MODEL_COLORS[2], points: [] }, ...cSeries.filter((s) => !s.hideInLegend)]} />
      </figure>
    </div>
  );
}
