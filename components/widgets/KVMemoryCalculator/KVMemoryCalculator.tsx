'use client';
// KVMemoryCalculator: the KV cache's memory at real model sizes (chapter 7) — cache per token, per
// sequence and for all sequences, the weights beside it, how many full-length sequences fit on one
// GPU, and the same model with multi-head, grouped-query and multi-query attention side by side.
// Pure arithmetic (lib/inference/kv-memory.ts): no engine, no worker.
import './KVMemoryCalculator.css';
import { useCallback, useMemo } from 'react';
import { Button } from '@/components/ui/Button';
import { NumberField } from '@/components/ui/NumberField';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { StackedBars } from '@/components/ui/StackedBars';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { BYTES_PER_VALUE, formatBinaryBytes, formatDecimalGB } from '@/lib/inference/kv-memory';
import { changedFromPreset, GPU_SIZES, KVMEM_ID, kvHeadVariants, kvMemSchema, planFor, PRESET_NAMES, presetValues, shapeProblem, snapTokens, type KvMemParams } from './params';
import { STRINGS } from './strings';

export interface KVMemoryCalculatorProps {
  presenter?: boolean;
}

const STACK_PARTS = [
  { key: 'weights', color: 'var(--kvm-weights)' },
  { key: 'cache', color: 'var(--kvm-cache)' },
];

const gbText = (gb: number) => `${Number(gb.toFixed(1)).toLocaleString('en')} GB`;
const opts = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export default function KVMemoryCalculator({ presenter = false }: KVMemoryCalculatorProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const { params, issues, setParam, setMany, reset, fromUrl } = useWidgetParams(KVMEM_ID, kvMemSchema);
  const problem = shapeProblem(params);
  const plan = useMemo(() => (problem ? null : planFor(params)), [params, problem]);
  const variants = useMemo(() => (problem ? [] : kvHeadVariants(params).map((kv) => ({ kv, plan: planFor(params, kv) }))), [params, problem]);
  const gpu = gbText(params.gpuGB);
  const changed = changedFromPreset(params);
  const issueFor = (key: keyof KvMemParams & string) =>
    problem?.key === key ? <ParamIssue message={problem[locale]} locale={locale} /> : <ParamIssue issue={issues[key]} locale={locale} />;

  // → in presenter mode walks MHA → GQA 8 → MQA → back to MHA.
  const nextVariant = useCallback(() => {
    const order = kvHeadVariants(params).filter((kv) => kv === params.heads || kv === 8 || kv === 1);
    const i = order.indexOf(params.kvHeads);
    setParam('kvHeads', order[(i + 1) % order.length] ?? params.heads);
  }, [params, setParam]);
  const keys = useMemo(() => ({ step: nextVariant, help: [['→', t.stepKey]] as [string, string][] }), [nextVariant, t.stepKey]);

  const positions = params.window > 0 && params.window < params.tokens ? t.windowPos(params.tokens, params.window) : params.tokens.toLocaleString('en');

  return (
    <WidgetFrame
      className="kvm"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'kv-memory', KVMEM_ID, kvMemSchema, params)}
      onReset={reset}
      keys={keys}
      dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults' }}
    >
      <div className="kvm-presets" role="group" aria-label={t.presets}>
        <span className="kvm-presets-label">{t.presets}</span>
        {PRESET_NAMES.map((name) => (
          <Button key={name} aria-pressed={params.preset === name && changed.length === 0} onClick={() => setMany(presetValues(name))}>{t.presetNames[name]}</Button>
        ))}
      </div>
      <div className="kvm-layout">
        <div className="kvm-controls">
          <div className="kvm-pair">
            <Slider label={t.layers} value={params.layers} min={1} max={128} onChange={(v) => setParam('layers', v)}>{issueFor('layers')}</Slider>
            <Slider label={t.heads} value={params.heads} min={1} max={128} onChange={(v) => setParam('heads', v)}>{issueFor('heads')}</Slider>
          </div>
          <div className="kvm-kv">
            <Slider label={t.kvHeads} value={params.kvHeads} min={1} max={Math.max(params.heads, 8)} onChange={(v) => setParam('kvHeads', v)}>{issueFor('kvHeads')}</Slider>
            <div className="kvm-quick" role="group" aria-label={t.kvHeads}>
              <Button aria-pressed={params.kvHeads === params.heads} onClick={() => setParam('kvHeads', params.heads)}>{t.kvQuick.mha(params.heads)}</Button>
              <Button aria-pressed={params.kvHeads === 8} disabled={params.heads < 8 || params.heads % 8 !== 0} onClick={() => setParam('kvHeads', 8)}>{t.kvQuick.gqa}</Button>
              <Button aria-pressed={params.kvHeads === 1} onClick={() => setParam('kvHeads', 1)}>{t.kvQuick.mqa}</Button>
            </div>
          </div>
          <div className="kvm-pair">
            <Slider label={t.headDim} value={params.headDim} min={16} max={256} step={16} onChange={(v) => setParam('headDim', v)}>{issueFor('headDim')}</Slider>
            <Slider label={t.sequences} value={params.sequences} min={1} max={256} onChange={(v) => setParam('sequences', v)}>{issueFor('sequences')}</Slider>
          </div>
          <Slider label={t.tokens} value={params.tokens} min={16} max={131_072} log format={(v) => String(v)} onChange={(v) => setParam('tokens', typeof v === 'number' ? snapTokens(v) : v)}>
            {issueFor('tokens')}
          </Slider>
          <Slider label={t.window} value={params.window} min={0} max={16_384} step={512} onChange={(v) => setParam('window', v)}>{issueFor('window')}</Slider>
          <Select label={t.cachePrecision} value={params.cachePrecision} options={opts(t.precisions)} onChange={(v) => setParam('cachePrecision', v)}>{issueFor('cachePrecision')}</Select>
          <Select label={t.weightPrecision} value={params.weightPrecision} options={opts(t.precisions)} onChange={(v) => setParam('weightPrecision', v)}>{issueFor('weightPrecision')}</Select>
          <NumberField label={t.params} value={params.params} format={(v) => v.toLocaleString('en')} onCommit={(raw) => setParam('params', raw.replace(/[,\s_]/g, ''))} hint={t.paramsHint(formatParams(params.params))} testId="kvmem-params">
            {issueFor('params')}
          </NumberField>
          <div className="kvm-gpu">
            <NumberField label={t.gpu} value={params.gpuGB} format={(v) => String(v)} unit="GB" onCommit={(raw) => setParam('gpuGB', raw)} testId="kvmem-gpu">
              {issueFor('gpuGB')}
            </NumberField>
            <div className="kvm-quick" role="group" aria-label={t.gpu}>
              {GPU_SIZES.map((gb) => (
                <Button key={gb} aria-pressed={params.gpuGB === gb} onClick={() => setParam('gpuGB', gb)}>{`${gb} GB`}</Button>
              ))}
            </div>
          </div>
        </div>
        <div className="kvm-main">
          {plan ? (
            <>
              <p
                className={`kvm-headline ${plan.sequencesThatFit > 0 ? 'kvm-fits' : 'kvm-fits-not'}`}
                data-testid="kvmem-fit"
                data-fit={plan.sequencesThatFit}
                data-weights-bytes={plan.weights}
                data-gpu-bytes={plan.gpuBytes}
              >
                {plan.weightsTooBig ? t.weightsTooBig(formatDecimalGB(plan.weights), gpu) : plan.sequencesThatFit > 0 ? t.fitCount(plan.sequencesThatFit, gpu) : t.fitNone(gpu)}
              </p>
              <dl className="kvm-facts">
                <Fact label={t.perToken} value={formatBinaryBytes(plan.bytesPerToken)} bytes={plan.bytesPerToken} testId="kvmem-per-token" />
                <Fact label={t.perSequence} value={formatBinaryBytes(plan.cachePerSequence)} bytes={plan.cachePerSequence} testId="kvmem-per-sequence" strong />
                <Fact label={t.allSequences(params.sequences)} value={formatBinaryBytes(plan.cacheAllSequences)} bytes={plan.cacheAllSequences} testId="kvmem-all-sequences" />
                <Fact label={t.weights} value={formatDecimalGB(plan.weights)} bytes={plan.weights} testId="kvmem-weights" />
                <Fact label={t.total} value={`${formatDecimalGB(plan.total)} ${t.ofGpu(gpu)}`} bytes={plan.total} testId="kvmem-total" bad={!plan.fits} />
              </dl>
              <StackedBars
                parts={STACK_PARTS}
                bars={variants.map(({ kv, plan: p }) => ({
                  key: kv,
                  name: t.variantNames(kv, params.heads),
                  values: { weights: p.weights, cache: p.cacheAllSequences },
                  totalText: formatDecimalGB(p.total),
                  data: { 'data-kv-heads': String(kv), 'data-total-bytes': String(p.total) },
                }))}
                selected={variants.findIndex((v) => v.kv === params.kvHeads)}
                capacity={{ value: plan.gpuBytes, title: t.gpuLine(gpu) }}
                tickUnit={{ size: 1e9, label: 'GB' }}
                ariaLabel={t.chartLabel(formatDecimalGB(plan.total), gpu)}
                testId="kvmem-bars"
              />
              <div className="wf-legend">
                <span><span className="wf-swatch" style={{ background: 'var(--kvm-weights)' }} />{t.parts.weights}</span>
                <span><span className="wf-swatch" style={{ background: 'var(--kvm-cache)' }} />{t.parts.cache}</span>
                <span><span className="sb-capacity-swatch" />{t.gpuLine(gpu)}</span>
                <span className={plan.fits ? 'kvm-ok' : 'kvm-bad'}>{plan.fits ? t.totalFits(formatDecimalGB(plan.total), gpu) : t.totalFitsNot(formatDecimalGB(plan.total), gpu)}</span>
              </div>
              <div className="kvm-formula" data-testid="kvmem-formula">
                <span className="kvm-formula-label">{t.formulaLabel}</span>
                <code>{t.formula(params.layers, params.kvHeads, params.headDim, positions, 1, BYTES_PER_VALUE[params.cachePrecision], plan.cachePerSequence, formatBinaryBytes(plan.cachePerSequence))}</code>
                {!plan.weightsTooBig ? <code>{t.fitFormula(gpu, formatDecimalGB(plan.weights), formatBinaryBytes(plan.cachePerSequence), plan.sequencesThatFit)}</code> : null}
              </div>
              {params.window > 0 ? <p className="kvm-window" data-testid="kvmem-window">{t.windowNote(params.window, params.tokens)}</p> : null}
            </>
          ) : (
            <p className="kvm-invalid" role="status">{problem?.[locale]}</p>
          )}
          <p className="wf-note kvm-source">
            {t.sources[params.preset]}
            {changed.length > 0 ? ` ${t.changed(changed.map((k) => t.fieldNames[k]).join(', '))}` : ''}
            {presenter ? null : ` ${t.unitsNote}`}
          </p>
        </div>
      </div>
    </WidgetFrame>
  );
}

function Fact({ label, value, bytes, testId, strong, bad }: { label: string; value: string; bytes: number; testId: string; strong?: boolean; bad?: boolean }) {
  return (
    <div className={`kvm-fact${strong ? ' kvm-fact-strong' : ''}${bad ? ' kvm-fact-bad' : ''}`} data-testid={testId} data-bytes={bytes}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** 6,738,415,616 → "6.74 B", 987,264 → "987 k" (language-neutral abbreviations). */
function formatParams(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))} B`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))} M`;
  return `${Number((n / 1e3).toPrecision(3))} k`;
}
