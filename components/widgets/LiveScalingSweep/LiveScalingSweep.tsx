'use client';
// LiveScalingSweep: the reader's browser trains five tiny GPTs (in the engine's worker), plots
// validation loss against non-embedding parameters and against compute on log–log axes, and fits
// the power law after each finished model — a scaling exponent measured on the reader's machine,
// next to Kaplan's α_N with an honest caveat. Paints the plan (shapes, N, D, C, time estimate)
// and empty axes at once; the engine starts only when the widget nears the viewport.
import './LiveScalingSweep.css';
import { useCallback, useMemo, useRef } from 'react';
import { Button } from '@/components/ui/Button';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { formatDuration, ProgressBar } from '@/components/ui/ProgressBar';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { StatusLine, type StatusItem } from '@/components/ui/StatusLine';
import { useLocale } from '@/components/ui/useLocale';
import { downloadFile } from '@/components/widgets/shared/useEngine';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { formatCount, formatFlops } from '@/lib/engine/estimates';
import { estimateSeconds, evalSteps, modelCost } from '@/lib/engine/features/sweep/plan';
import { fitSweep, sweepCsv } from './analysis';
import { FitReadout } from './FitReadout';
import { planFor, SWEEP_CORPORA, SWEEP_ID, SWEEP_LENGTHS, SWEEP_MODES, type SweepCorpus, sweepSchema } from './params';
import { STRINGS } from './strings';
import { SweepCharts } from './SweepCharts';
import { SweepTable } from './SweepTable';
import { useSweepRun } from './useSweepRun';
import { EngineErrorText } from '../shared/EngineErrorText';

export interface LiveScalingSweepProps {
  /** Corpus selected by default (the zh chapter picks the Tang poems). */
  corpus?: SweepCorpus;
  presenter?: boolean;
}

/**
 * Throughput assumed for the time estimate where nothing was measured (docs/scaling-sweep.md):
 * a laptop GPU through tfjs WebGPU sustains ≈ 100 GFLOP/s on these small matmuls with ≈ 25 ms
 * of kernel launches and readbacks per step; WASM (SIMD, one thread) ≈ 2 GFLOP/s, ≈ 4 ms a step.
 */
export const ESTIMATE_RATES = { webgpu: { flops: 100e9, msPerStep: 25 }, wasm: { flops: 2e9, msPerStep: 4 } } as const;

const BASE_SCHEMA = sweepSchema();

export default function LiveScalingSweep({ corpus = 'tiny-shakespeare', presenter = false }: LiveScalingSweepProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLDivElement>(null);
  const schema = useMemo(() => sweepSchema(corpus), [corpus]);
  const { store, params, issues, setParam, reset, fromUrl } = useWidgetParams(SWEEP_ID, schema);
  const sweep = useSweepRun(rootRef, params.backend);
  const { state } = sweep;
  const busy = state.status === 'preparing' || state.status === 'training' || state.status === 'paused';

  const plan = useMemo(() => planFor(params), [params]);
  const shownPlan = busy || state.status === 'done' ? (state.plan ?? plan) : plan;
  const vocab = SWEEP_CORPORA[params.corpus as SweepCorpus].charVocab;
  const costs = useMemo(() => shownPlan.models.map((_, i) => modelCost(shownPlan, i, vocab)), [shownPlan, vocab]);
  const fits = useMemo(() => fitSweep(state.results), [state.results]);
  const totalFlops = costs.reduce((s, c) => s + c.trainingFlops, 0);
  const gpuSeconds = estimateSeconds(plan, vocab, ESTIMATE_RATES.webgpu.flops, ESTIMATE_RATES.webgpu.msPerStep);
  const wasmSeconds = estimateSeconds(plan, vocab, ESTIMATE_RATES.wasm.flops, ESTIMATE_RATES.wasm.msPerStep);
  const canRun = !busy && state.report !== null;

  const start = useCallback(
    (startPaused = false) => {
      const p = store.getState().params;
      const shipped = SWEEP_CORPORA[p.corpus as SweepCorpus];
      sweep.run({ kind: 'url', url: new URL(shipped.url, window.location.href).href, name: p.corpus }, planFor(p), startPaused);
    },
    [store, sweep],
  );
  const onReset = useCallback(() => {
    if (busy) sweep.send({ type: 'stop' });
    reset();
    sweep.clear();
  }, [busy, sweep, reset]);
  const keys = useMemo(
    () => ({
      toggleRun: () => {
        if (state.status === 'training') sweep.send({ type: 'pause' });
        else if (state.status === 'paused') sweep.send({ type: 'resume' });
        else if (canRun) start();
      },
      step: () => {
        if (state.status === 'paused') sweep.send({ type: 'step' });
        else if (canRun) start(true);
      },
      help: t.keysHelp,
    }),
    [state.status, canRun, sweep, start, t.keysHelp],
  );

  const downloadCsv = () => {
    const csv = sweepCsv(state.results, { corpus: params.corpus, backend: state.report?.backend ?? '', mode: shownPlan.mode, length: shownPlan.length });
    downloadFile(csv, `scaling-sweep-${shownPlan.mode}-${shownPlan.length}.csv`, 'text/csv');
  };

  const report = state.report;
  const nRange = `${formatCount(costs[0].nonEmbeddingParams)}–${formatCount(costs.at(-1)!.nonEmbeddingParams)}`;
  const status: StatusItem[] = [
    { label: t.status.state, value: t.states[state.status] },
    { label: t.status.backend, value: report ? `${report.backend.toUpperCase()}${report.inWorker ? '' : t.notInWorker}` : '—', title: report ? (report.details ?? report.reason) : undefined },
    { label: t.status.models, value: `${shownPlan.models.length} × N ${nRange}` },
    { label: t.status.compute, value: formatFlops(totalFlops) },
    { label: t.status.speed, value: state.tokensPerSec && busy ? t.tokensPerSec(Math.round(state.tokensPerSec).toLocaleString('en')) : '—' },
  ];
  const progress = state.progress;
  const finishedLabel = state.finished
    ? state.finished.reason === 'finished'
      ? t.finished(state.results.length, formatDuration(state.finished.seconds * 1000, locale))
      : t.stopped(state.results.length)
    : null;

  return (
    <WidgetFrame
      className="lss"
      title={t.title}
      subtitle={report ? `${report.backend.toUpperCase()} · ${t.subtitle}` : t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'scaling-sweep', SWEEP_ID, BASE_SCHEMA, params)}
      onReset={onReset}
      keys={keys}
      dataAttrs={{ 'data-status': state.status, 'data-params': fromUrl ? 'url' : 'defaults' }}
      footer={<StatusLine items={status} />}
    >
      <div ref={rootRef} className="lss-body">
        <div className="lss-controls">
          <Select label={t.mode} value={params.mode} onChange={(v) => setParam('mode', v)} disabled={busy} options={SWEEP_MODES.map((v) => ({ value: v, label: t.modes[v] }))}>
            <ParamIssue issue={issues.mode} locale={locale} />
          </Select>
          <Select label={t.length} value={params.length} onChange={(v) => setParam('length', v)} disabled={busy} options={SWEEP_LENGTHS.map((v) => ({ value: v, label: t.lengths[v] }))}>
            <ParamIssue issue={issues.length} locale={locale} />
          </Select>
          <Select label={t.corpus} value={params.corpus} onChange={(v) => setParam('corpus', v)} disabled={busy} options={(Object.keys(SWEEP_CORPORA) as SweepCorpus[]).map((v) => ({ value: v, label: t.corpora[v] }))}>
            <ParamIssue issue={issues.corpus} locale={locale} />
          </Select>
          <Select label={t.backend} value={params.backend} onChange={(v) => setParam('backend', v)} disabled={busy} options={(['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const).map((v) => ({ value: v, label: t.backends[v] }))}>
            <ParamIssue issue={issues.backend} locale={locale} />
          </Select>
          <Slider label={t.seed} value={params.seed} min={0} max={999_999} onChange={(v) => setParam('seed', v)} disabled={busy}>
            <ParamIssue issue={issues.seed} locale={locale} />
          </Slider>
        </div>
        <p className="ui-hint lss-hint">
          {t.modeHints[params.mode]} {state.finished?.reason === 'finished' ? t.measured(formatDuration(state.finished.seconds * 1000, locale)) : t.estimate(formatDuration(gpuSeconds * 1000, locale), formatDuration(wasmSeconds * 1000, locale))}
        </p>
        <div className="lss-actions">
          {state.status === 'training' ? (
            <Button variant="primary" onClick={() => sweep.send({ type: 'pause' })} shortcut={presenter ? 'Space' : undefined}>{t.pause}</Button>
          ) : state.status === 'paused' ? (
            <Button variant="primary" onClick={() => sweep.send({ type: 'resume' })} shortcut={presenter ? 'Space' : undefined}>{t.resume}</Button>
          ) : (
            <Button variant="primary" onClick={() => start()} disabled={!canRun} shortcut={presenter ? 'Space' : undefined}>{t.run}</Button>
          )}
          <Button variant="danger" onClick={() => sweep.send({ type: 'stop' })} disabled={!busy}>{t.stop}</Button>
          <span className="lss-spacer" />
          <Button variant="ghost" onClick={downloadCsv} disabled={state.results.length === 0}>{t.csv}</Button>
        </div>
        {state.error ? (
          <div className="lss-error" role="alert">
            <EngineErrorText error={state.error} titles={t.errors} locale={locale} />
            {state.error.code === 'device-lost' ? <Button onClick={() => setParam('backend', 'wasm')}>{t.continueOn}</Button> : null}
          </div>
        ) : null}
        {progress && (busy || state.status === 'done') ? (
          <ProgressBar done={progress.phase === 'train' ? progress.done : 0} total={progress.phase === 'train' ? progress.total : 1} etaMs={progress.etaMs} label={finishedLabel ?? (progress.phase === 'train' && state.current !== null ? t.progress(state.current + 1, shownPlan.models.length, state.step, shownPlan.models[state.current].steps) : t.states.preparing)} locale={locale} />
        ) : null}
        <SweepCharts
          plannedN={costs.map((c) => c.nonEmbeddingParams)}
          plannedCompute={costs.map((c) => c.compute)}
          firstEvalCompute={shownPlan.models.map((m, i) => 6 * costs[i].nonEmbeddingParams * evalSteps(shownPlan, m)[0] * shownPlan.batchSize * shownPlan.contextLength)}
          results={state.results}
          curves={state.curves}
          fits={fits}
          t={t}
        />
        <FitReadout fits={fits} points={state.results.length} sameTokens={shownPlan.mode === 'tokens'} t={t} />
        <SweepTable plan={shownPlan} costs={costs} results={state.results} current={busy ? state.current : null} t={t} />
      </div>
    </WidgetFrame>
  );
}
