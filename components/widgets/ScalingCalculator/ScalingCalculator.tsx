'use client';
// ScalingCalculator: a training budget (FLOPs, GPU-hours at some utilisation, or dollars) → the
// compute-optimal model size and token count under Kaplan et al. 2020 and under Chinchilla
// (Hoffmann et al. 2022, approach 1–3), side by side, on an N–D chart with published models.
// Pure arithmetic over lib/scaling: no engine.
import './ScalingCalculator.css';
import { useCallback, useMemo, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ChartLegend, LogLogChart, type ChartSeries } from '@/components/ui/LogLogChart';
import { NumberField } from '@/components/ui/NumberField';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { useLocale, type UiLocale } from '@/components/ui/useLocale';
import { scientific } from '@/components/ui/log-axis';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import type { ChinchillaApproach } from '@/lib/scaling';
import {
  ACCELERATORS,
  budgetOf,
  budgetProblem,
  checkTyped,
  compareLaws,
  frontier,
  isoFlopLine,
  KNOWN_MODELS,
  SCALING_ID,
  scalingSchema,
  type AcceleratorId,
  type BudgetProblem,
  type TypedField,
} from './params';
import { formatCount, formatFlopRate, formatGrouped } from './format';
import { STRINGS } from './strings';

export interface ScalingCalculatorProps {
  presenter?: boolean;
}

const N_RANGE: [number, number] = [1e9, 3e13];
const D_RANGE: [number, number] = [3e10, 1e15];

/** The fixed view, widened downwards when a small budget's picks would fall off it. */
function chartRanges(result: ReturnType<typeof compareLaws> | null): { n: [number, number]; d: [number, number] } {
  if (!result) return { n: N_RANGE, d: D_RANGE };
  const floorPow = (v: number) => 10 ** Math.floor(Math.log10(v / 2));
  return {
    n: [Math.min(N_RANGE[0], floorPow(Math.min(result.kaplan.params, result.chinchilla.params))), N_RANGE[1]],
    d: [Math.min(D_RANGE[0], floorPow(Math.min(result.kaplan.tokens, result.chinchilla.tokens))), D_RANGE[1]],
  };
}
const COLORS = { kaplan: 'var(--sc-kaplan)', chinchilla: 'var(--sc-chinchilla)', iso: 'var(--sc-iso)', models: 'var(--sc-models)', twenty: 'var(--sc-twenty)' };
const PRESET_MODELS = ['gpt3', 'chinchilla', 'llama3-405b'] as const;

export default function ScalingCalculator({ presenter = false }: ScalingCalculatorProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const { params, issues, setParam, setMany, reset, fromUrl } = useWidgetParams(SCALING_ID, scalingSchema);
  // Messages for values typed into a field and refused (the param keeps its last good value).
  const [typed, setTyped] = useState<Partial<Record<TypedField, BudgetProblem>>>({});
  const approach = Number(params.approach) as ChinchillaApproach;
  const budget = budgetOf(params);
  const problem = budgetProblem(budget);
  const result = useMemo(() => (problem ? null : compareLaws(budget.flops, approach)), [budget.flops, approach, problem]);

  const commit = (field: TypedField) => (raw: string) => {
    const checked = checkTyped(field, raw);
    setTyped((m) => ({ ...m, [field]: checked.problem }));
    if (checked.value !== undefined) setParam(field, checked.value);
  };
  const issueFor = (field: TypedField) => {
    const mine = typed[field];
    if (mine) return <ParamIssue message={mine[locale]} locale={locale} />;
    const fromLink = issues[field];
    if (fromLink) {
      // A hand-edited link: say what was wrong with the raw value, and what is used instead.
      const why = checkTyped(field, fromLink.raw).problem;
      const using = locale === 'zh' ? `已改用 ${scientificOrPlain(Number(fromLink.value))}。` : `Using ${scientificOrPlain(Number(fromLink.value))}.`;
      return <ParamIssue message={why ? `${why[locale]} ${using}` : undefined} issue={why ? undefined : fromLink} locale={locale} />;
    }
    return null;
  };
  const applyModelBudget = useCallback(
    (id: string) => {
      const m = KNOWN_MODELS.find((k) => k.id === id);
      if (!m) return;
      setTyped({});
      setMany({ budget: 'flops', flops: 6 * m.params * m.tokens });
    },
    [setMany],
  );
  const nextApproach = useCallback(() => setParam('approach', String((approach % 3) + 1)), [approach, setParam]);
  const keys = useMemo(() => ({ step: nextApproach, help: [['→', t.stepKey]] as [string, string][] }), [nextApproach, t.stepKey]);
  const onReset = useCallback(() => {
    setTyped({});
    reset();
  }, [reset]);

  const ranges = useMemo(() => chartRanges(result), [result]);
  const series = useMemo(() => buildSeries(t, budget.flops, approach, result, ranges), [t, budget.flops, approach, result, ranges]);

  return (
    <WidgetFrame
      className="sc"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'scaling-calculator', SCALING_ID, scalingSchema, params)}
      onReset={onReset}
      keys={keys}
      dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults', 'data-flops': String(budget.flops), 'data-approach': params.approach }}
    >
      <div className="sc-presets" role="group" aria-label={t.presets}>
        <span className="sc-presets-label">{t.presets}</span>
        {PRESET_MODELS.map((id) => (
          <Button key={id} onClick={() => applyModelBudget(id)}>{KNOWN_MODELS.find((m) => m.id === id)!.name}</Button>
        ))}
      </div>
      <div className="sc-layout">
        <div className="sc-controls">
          <Select label={t.budget} value={params.budget} options={(['flops', 'gpu-hours', 'dollars'] as const).map((v) => ({ value: v, label: t.budgets[v] }))} onChange={(v) => setParam('budget', v)} />
          {params.budget === 'flops' ? (
            <NumberField label={t.flops} value={params.flops} format={(v) => scientific(v)} onCommit={commit('flops')} unit={t.flopsUnit} testId="sc-flops">
              {issueFor('flops')}
            </NumberField>
          ) : (
            <>
              {params.budget === 'dollars' ? (
                <div className="sc-pair">
                  <NumberField label={t.dollars} value={params.dollars} format={formatGrouped} onCommit={commit('dollars')} unit={t.dollarsUnit} testId="sc-dollars">
                    {issueFor('dollars')}
                  </NumberField>
                  <NumberField label={t.price} value={params.price} format={(v) => String(v)} onCommit={commit('price')} unit={t.priceUnit} testId="sc-price">
                    {issueFor('price')}
                  </NumberField>
                </div>
              ) : (
                <NumberField label={t.gpuHours} value={params.gpuHours} format={formatGrouped} onCommit={commit('gpuHours')} unit={t.gpuHoursUnit} testId="sc-gpu-hours">
                  {issueFor('gpuHours')}
                </NumberField>
              )}
              <Select
                label={t.gpu}
                value={params.gpu}
                options={(Object.keys(ACCELERATORS) as AcceleratorId[]).map((id) => ({ value: id, label: t.gpuOption(ACCELERATORS[id].name, formatFlopRate(ACCELERATORS[id].peakFlops), ACCELERATORS[id].precision) }))}
                onChange={(v) => setParam('gpu', v)}
              />
              <Slider label={t.mfu} value={params.mfu} min={1} max={100} format={(v) => `${Number(v.toPrecision(3))}%`} onChange={(v) => (typeof v === 'number' ? setParam('mfu', v) : commit('mfu')(v))} hint={t.mfuHint}>
                {issueFor('mfu')}
              </Slider>
            </>
          )}
          <Select label={t.approach} value={params.approach} options={(['1', '2', '3'] as const).map((v) => ({ value: v, label: t.approaches[v] }))} onChange={(v) => setParam('approach', v)} />
        </div>
        <div className="sc-main">
          {budget.gpuHours !== undefined ? (
            <p className="sc-formula" data-testid="sc-formula" data-flops={String(budget.flops)} data-gpu-hours={String(budget.gpuHours)} data-peak={String(budget.peakFlops)} data-mfu={String(budget.mfu)}>
              <span className="sc-formula-label">{t.formula}</span>{' '}
              {params.budget === 'dollars' ? `${formatGrouped(params.dollars)} $ ÷ ${params.price} $/h = ` : ''}
              {`${formatGrouped(budget.gpuHours)} GPU-h × 3,600 s/h × ${formatFlopRate(budget.peakFlops!)} × ${Number((budget.mfu! * 100).toPrecision(3))}% = `}
              <strong>{`${scientific(budget.flops)} FLOPs`}</strong>
            </p>
          ) : null}
          {problem ? <p className="sc-invalid" role="alert">{problem[locale]}</p> : null}
          {result ? (
            <>
              <table className="sc-table" data-testid="sc-results">
                <thead>
                  <tr>
                    <th scope="col" />
                    <th scope="col" className="sc-col-kaplan">
                      {t.kaplan}
                      <span className="sc-th-note">{t.kaplanParamsNote}</span>
                    </th>
                    <th scope="col" className="sc-col-chinchilla">{t.chinchilla(params.approach)}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">{t.rows.params}</th>
                    <td data-law="kaplan" data-params={String(result.kaplan.params)}>{formatCount(result.kaplan.params, locale)}</td>
                    <td data-law="chinchilla" data-params={String(result.chinchilla.params)}>{formatCount(result.chinchilla.params, locale)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t.rows.tokens}</th>
                    <td data-law="kaplan" data-tokens={String(result.kaplan.tokens)}>{formatCount(result.kaplan.tokens, locale)}</td>
                    <td data-law="chinchilla" data-tokens={String(result.chinchilla.tokens)}>{formatCount(result.chinchilla.tokens, locale)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t.rows.ratio}</th>
                    <td>{result.kaplan.tokensPerParam.toFixed(1)}</td>
                    <td>{result.chinchilla.tokensPerParam.toFixed(1)}</td>
                  </tr>
                  <tr>
                    <th scope="row">{t.rows.loss}</th>
                    <td>{`${result.kaplan.loss.toFixed(3)} ${t.lossUnit}`}</td>
                    <td>{`${result.chinchilla.loss.toFixed(3)} ${t.lossUnit}`}</td>
                  </tr>
                </tbody>
              </table>
              <p className="sc-disagree" data-testid="sc-disagree">{t.disagree(result.paramsRatio, result.tokensRatio)}</p>
            </>
          ) : null}
        </div>
      </div>
      {result ? (
        <div className="sc-chart">
          <LogLogChart
            series={series}
            xLabel={t.xAxis}
            yLabel={t.yAxis}
            xDomain={ranges.n}
            yDomain={ranges.d}
            ariaLabel={t.chartLabel(formatCount(result.chinchilla.params, locale), formatCount(result.chinchilla.tokens, locale))}
            onPointClick={(seriesId, index) => seriesId === 'models' && applyModelBudget(KNOWN_MODELS[index].id)}
            height={400}
          />
          <ChartLegend series={series} />
          <p className="wf-note">{t.clickHint}</p>
          <p className="sc-printed" data-testid="sc-printed" data-tokens-per-param={String(result.printedConstants.tokensPerParam)}>
            {t.printed(formatCount(result.printedConstants.params, locale), result.printedConstants.tokensPerParam.toFixed(0))}
          </p>
          <p className="wf-note">{t.lossNote}</p>
        </div>
      ) : null}
    </WidgetFrame>
  );
}

function scientificOrPlain(v: number): string {
  return v >= 1e5 ? scientific(v) : String(v);
}

function buildSeries(
  t: (typeof STRINGS)[UiLocale],
  flops: number,
  approach: ChinchillaApproach,
  result: ReturnType<typeof compareLaws> | null,
  ranges: { n: [number, number]; d: [number, number] },
): ChartSeries[] {
  const [n0] = ranges.n;
  const [, d1] = ranges.d;
  const series: ChartSeries[] = [
    { id: 'twenty', label: t.legend.twenty, kind: 'line', color: COLORS.twenty, dashed: true, points: [{ x: n0, y: 20 * n0 }, { x: d1 / 20, y: d1 }] },
    { id: 'kaplan-frontier', label: t.legend.kaplan, kind: 'line', color: COLORS.kaplan, points: frontier('kaplan') },
    { id: 'chinchilla-frontier', label: t.legend.chinchilla, kind: 'line', color: COLORS.chinchilla, points: frontier(approach) },
  ];
  if (result) series.push({ id: 'iso-flop', label: t.legend.iso, kind: 'line', color: COLORS.iso, dashed: true, points: isoFlopLine(flops, ranges.n) });
  series.push({ id: 'models', label: t.legend.models, kind: 'points', color: COLORS.models, points: KNOWN_MODELS.map((m) => ({ x: m.params, y: m.tokens, title: m.name, ...('label' in m ? { label: m.label, labelAt: m.labelAt } : {}) })) });
  if (result) {
    series.push({ id: 'pick-kaplan', label: t.legend.pickK, kind: 'points', color: COLORS.kaplan, emphasis: true, points: [{ x: result.kaplan.params, y: result.kaplan.tokens }] });
    series.push({ id: 'pick-chinchilla', label: t.legend.pickC, kind: 'points', color: COLORS.chinchilla, emphasis: true, points: [{ x: result.chinchilla.params, y: result.chinchilla.tokens }] });
  }
  return series;
}
