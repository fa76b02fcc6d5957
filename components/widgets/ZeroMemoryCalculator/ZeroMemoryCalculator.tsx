'use client';
// ZeroMemoryCalculator: where a GPU's memory goes when a model trains with data parallelism,
// ZeRO-1/2/3, tensor and pipeline parallelism — weights, gradients, optimizer states and
// activations as stacked bars per stage, against the card's capacity. Pure arithmetic
// (lib/distributed/memory.ts): no engine.
import './ZeroMemoryCalculator.css';
import { useCallback, useMemo } from 'react';
import { Button } from '@/components/ui/Button';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { StackedBars } from '@/components/ui/StackedBars';
import { Toggle } from '@/components/ui/Toggle';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { fewestGpusThatFit, formatGB, layoutProblem, memoryByStage, PRESETS, ZERO_ID, zeroSchema, type ZeroParams } from './params';
import { STRINGS } from './strings';

export interface ZeroMemoryCalculatorProps {
  presenter?: boolean;
}

// Weights at the bottom, activations on top (the ZeRO paper's Figure 1 order).
const PART_COLORS = {
  weights: 'var(--zm-weights)',
  grads: 'var(--zm-grads)',
  optimizer: 'var(--zm-optimizer)',
  activations: 'var(--zm-activations)',
} as const;
const STACK_PARTS = (Object.keys(PART_COLORS) as (keyof typeof PART_COLORS)[]).map((key) => ({ key, color: PART_COLORS[key] }));

const opts = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export default function ZeroMemoryCalculator({ presenter = false }: ZeroMemoryCalculatorProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const { params, issues, setParam, setMany, reset } = useWidgetParams(ZERO_ID, zeroSchema);
  const problem = layoutProblem(params);
  const stages = useMemo(() => (problem ? null : memoryByStage(params)), [params, problem]);
  const selected = Number(params.stage);
  const gpuBytes = Number(params.gpuMemory) * 1e9;
  const current = stages?.[selected];
  const fewest = useMemo(() => (problem ? null : fewestGpusThatFit(params)), [params, problem]);
  const issueFor = (key: keyof ZeroParams & string) =>
    problem?.key === key ? <ParamIssue message={problem[locale]} locale={locale} /> : <ParamIssue issue={issues[key]} locale={locale} />;
  const nextStage = useCallback(() => setParam('stage', String((Number(params.stage) + 1) % 4)), [params.stage, setParam]);
  const keys = useMemo(() => ({ step: nextStage, help: [['→', t.stepKey]] as [string, string][] }), [nextStage, t.stepKey]);

  return (
    <WidgetFrame
      className="zm"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'zero-memory', ZERO_ID, zeroSchema, params)}
      onReset={reset}
      keys={keys}
    >
      <div className="zm-presets" role="group" aria-label={t.presets}>
        <span className="zm-presets-label">{t.presets}</span>
        {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((name) => (
          <Button key={name} onClick={() => setMany(PRESETS[name])}>{t.presetNames[name]}</Button>
        ))}
      </div>
      <div className="zm-layout">
        <div className="zm-controls">
          <Select label={t.model} value={params.model} options={opts(t.models)} onChange={(v) => setParam('model', v)} />
          <Select label={t.stage} value={params.stage} options={opts(t.stages)} onChange={(v) => setParam('stage', v)} />
          <Slider label={t.gpus} value={params.gpus} min={1} max={1024} onChange={(v) => setParam('gpus', v)}>{issueFor('gpus')}</Slider>
          <div className="zm-pair">
            <Slider label={t.tp} value={params.tp} min={1} max={16} onChange={(v) => setParam('tp', v)}>{issueFor('tp')}</Slider>
            <Slider label={t.pp} value={params.pp} min={1} max={32} onChange={(v) => setParam('pp', v)}>{issueFor('pp')}</Slider>
          </div>
          <Select label={t.gpuMemory} value={params.gpuMemory} options={zeroSchema.gpuMemory.options.map((v) => ({ value: v, label: `${v} GB` }))} onChange={(v) => setParam('gpuMemory', v)} />
          <Select label={t.precision} value={params.precision} options={opts(t.precisions)} onChange={(v) => setParam('precision', v)} />
          <Toggle label={t.activations} checked={params.activations} onChange={(v) => setParam('activations', v)} />
          {params.activations ? (
            <div className="zm-activation-controls">
              <Slider label={t.microBatch} value={params.microBatch} min={1} max={16} onChange={(v) => setParam('microBatch', v)}>{issueFor('microBatch')}</Slider>
              <Select label={t.recompute} value={params.recompute} options={opts(t.recomputes)} onChange={(v) => setParam('recompute', v)} />
              <Toggle label={t.sequenceParallel} checked={params.sequenceParallel} onChange={(v) => setParam('sequenceParallel', v)} />
            </div>
          ) : null}
        </div>
        <div className="zm-main">
          {stages && current ? (
            <>
              <p className={`zm-headline ${current.total <= gpuBytes ? 'zm-fits' : 'zm-fits-not'}`} data-testid="zero-headline">
                <strong>{t.stageShort[selected]}</strong>{' · '}
                {current.total <= gpuBytes ? t.fits(formatGB(current.total), `${params.gpuMemory} GB`) : t.fitsNot(formatGB(current.total), `${params.gpuMemory} GB`)}
              </p>
              <StackedBars
                parts={STACK_PARTS}
                bars={stages.map((s, i) => ({ key: i, name: t.stageShort[i], values: { ...s }, totalText: formatGB(s.total), data: { 'data-stage': String(i), 'data-total-gb': (s.total / 1e9).toFixed(3) } }))}
                selected={selected}
                capacity={{ value: gpuBytes, title: t.gpuLine(`${params.gpuMemory} GB`) }}
                tickUnit={{ size: 1e9, label: 'GB' }}
                ariaLabel={t.chartLabel(t.stageShort[selected], formatGB(current.total))}
                className="zm-svg"
              />
              <div className="wf-legend">
                {(Object.keys(PART_COLORS) as (keyof typeof PART_COLORS)[]).filter((part) => part !== 'activations' || params.activations).map((part) => (
                  <span key={part}>
                    <span className="wf-swatch" style={{ background: PART_COLORS[part] }} />
                    {t.parts[part]} <span className="zm-part-value">{formatGB(current[part])}</span>
                  </span>
                ))}
                <span><span className="sb-capacity-swatch" />{t.gpuLine(`${params.gpuMemory} GB`)}</span>
              </div>
              <p className="zm-facts">
                <span>{t.dataParallel(current.dataParallel)}</span>
                <span>{fewest === null ? t.never : t.fewest(fewest)}</span>
              </p>
            </>
          ) : (
            <p className="zm-invalid" role="status">{t.invalid}</p>
          )}
          <p className="wf-note">{t.statesNote}{params.activations ? ` ${t.activationNote}` : ''}</p>
        </div>
      </div>
    </WidgetFrame>
  );
}
