'use client';
// LoRALab: a shipped checkpoint fine-tuned on a new style with a LoRA adapter and, beside it, with
// full fine-tuning (same batches). Shows what each trains (exact counts, Adam bytes, ms/step),
// both loss curves on one chart, seeded samples before/after, the adapter switched off / on /
// merged without reloading the base, ΔW = (α/r)·A·B with its singular values, and the adapter as
// a file that loads back only onto its own base. The engine (worker) does all the math.
import '@/components/ui/ui.css';
import './LoRALab.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { LossChart } from '@/components/ui/LossChart';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { StatusLine, type StatusItem } from '@/components/ui/StatusLine';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { formatBytes, formatCount } from '@/lib/engine/estimates';
import type { LoraClauseShare, LoraMode, LoraSampleRequest } from '@/lib/engine/features/lora/protocol';
import { MAX_CORPUS_BYTES } from '@/lib/engine/protocol';
import { DeltaView } from './DeltaView';
import { LoraControls } from './LoraControls';
import { BASES, type BaseName, budgetOf, CLAUSE_SAMPLES, crossParamProblem, LORA_LAB_ID, loraLabSchema, targetsOf } from './params';
import { type LoraLabStrings, STRINGS } from './strings';
import { medianStepMs, useLoraRun } from './useLoraRun';
import { EngineErrorText } from '../shared/EngineErrorText';

export interface LoRALabProps {
  /** Base checkpoint selected by default (the zh chapter picks the Tang poems). */
  base?: BaseName;
  presenter?: boolean;
}

const BASE_SCHEMA = loraLabSchema();
const MODES: LoraMode[] = ['off', 'on', 'merged'];
/** Exact counts (the lab is about them): 32,768, not 32.8k. */
const exact = (n: number) => n.toLocaleString('en');
const fmtMs = (ms: number | null) => (ms === null ? '—' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

export default function LoRALab({ base: defaultBase = 'en-shakespeare', presenter = false }: LoRALabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLDivElement>(null);
  const schema = useMemo(() => loraLabSchema(defaultBase), [defaultBase]);
  const { store, params, issues, setParam, reset, fromUrl } = useWidgetParams(LORA_LAB_ID, schema);
  const [pasted, setPasted] = useState('');
  const [pastedApplied, setPastedApplied] = useState('');
  const [linear, setLinear] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { state, command, train, send } = useLoraRun(rootRef, params.backend);
  const busy = state.status === 'training' || state.status === 'paused';
  const base = BASES[params.base as BaseName];
  const budget = budgetOf(params);
  const cross = crossParamProblem(params, locale);
  const pastedBytes = useMemo(() => new TextEncoder().encode(pasted).length, [pasted]);
  const pastedError = pastedBytes > MAX_CORPUS_BYTES ? `${formatBytes(pastedBytes)} > ${formatBytes(MAX_CORPUS_BYTES)}` : null;

  const sampleRequest = useCallback((): LoraSampleRequest => {
    const p = store.getState().params;
    const { prompt, clauseLength } = BASES[p.base as BaseName];
    return { prompt, tokens: p.sampleTokens, temperature: p.temperature, seed: p.seed, ...(clauseLength ? { clauses: { length: clauseLength, samples: CLAUSE_SAMPLES } } : {}) };
  }, [store]);

  // Open the base + text whenever the engine is ready or either changes (not mid-run).
  const openedKey = useRef('');
  const usePasted = params.text === 'pasted' && pastedApplied.length > 0;
  useEffect(() => {
    if (!state.report || busy || !fromUrl) return;
    const key = `${state.report.backend}|${params.base}|${usePasted ? pastedApplied : 'shipped'}`;
    if (openedKey.current === key) return;
    openedKey.current = key;
    command(
      {
        type: 'lora/open',
        checkpointUrl: new URL(base.url, window.location.href).href,
        corpus: usePasted ? { kind: 'text', text: pastedApplied, name: 'pasted' } : { kind: 'url', url: new URL(base.corpus.url, window.location.href).href, name: base.corpus.name },
        sample: sampleRequest(),
      },
      'opening',
    );
  }, [state.report, busy, fromUrl, params.base, usePasted, pastedApplied, base, command, sampleRequest]);

  // ΔW of the chosen linear, fetched whenever the adapter or the choice changes.
  const adapter = state.view?.adapter ?? null;
  const chosen = adapter && linear && adapter.linears.some((l) => l.name === linear) ? linear : (adapter?.linears[0]?.name ?? null);
  const deltaAsked = useRef('');
  useEffect(() => {
    const key = `${state.adapterGen}|${chosen}`;
    if (state.status !== 'idle' || !chosen || state.delta?.linear === chosen || deltaAsked.current === key) return;
    deltaAsked.current = key; // once per adapter and choice, even if it fails
    command({ type: 'lora/delta', linear: chosen }, 'busy');
  }, [state.status, chosen, state.delta, state.adapterGen, command]);

  const canTrain = state.status === 'idle' && state.opened !== null && !cross;
  const startTraining = useCallback(
    (startPaused = false) => {
      const p = store.getState().params;
      train({
        adapter: { r: p.r, alpha: p.alpha, dropout: p.dropout, targets: targetsOf(p), seed: p.seed },
        train: { steps: p.steps, batchSize: p.batch, learningRate: p.lr, fullLearningRate: p.fullLr, warmupSteps: p.warmup, seed: p.seed, evalEvery: Math.max(5, Math.round(p.steps / 10)) },
        full: p.full,
        sample: sampleRequest(),
        startPaused,
      });
    },
    [store, train, sampleRequest],
  );
  const setMode = (mode: LoraMode) => command({ type: 'lora/mode', mode, sample: sampleRequest() });

  const keys = useMemo(
    () => ({
      toggleRun: () => {
        if (state.status === 'training') send({ type: 'pause' });
        else if (state.status === 'paused') send({ type: 'resume' });
        else if (canTrain) startTraining();
      },
      step: () => {
        if (state.status === 'paused') send({ type: 'step' });
        else if (canTrain) startTraining(true);
      },
      help: [['Space', t.keys.toggle], ['→', t.keys.step]] as [string, string][],
    }),
    [state.status, canTrain, send, startTraining, t],
  );
  const onReset = useCallback(() => {
    if (busy) send({ type: 'stop' });
    reset();
  }, [busy, send, reset]);

  const loadFiles = async (files: FileList | null) => {
    const list = [...(files ?? [])];
    const json = list.find((f) => f.name.endsWith('.json'));
    const bin = list.find((f) => !f.name.endsWith('.json'));
    if (!json || !bin) return setLoadError(t.loadNeedsBoth);
    setLoadError(null);
    const adapterBin = await bin.arrayBuffer();
    command({ type: 'lora/load', adapterJson: await json.text(), adapterBin, sample: sampleRequest() }, 'busy', [adapterBin]);
  };

  const view = state.view;
  const opened = state.opened;
  const loraMs = medianStepMs(state.loraPoints);
  const fullMs = medianStepMs(state.fullPoints);
  const report = state.report;
  const measuredLora = state.budget?.lora ?? (adapter ? { trainableParams: adapter.trainableParams, optimizerBytes: 8 * adapter.trainableParams } : null);
  const loraR = adapter?.r ?? params.r;
  const shownLinears = adapter?.linears ?? budget.linears;
  const distinctShapes = [...new Map(shownLinears.map((l) => [`${l.nIn}+${l.nOut}`, l])).values()];
  const formulaTerms = distinctShapes.map((l) => `${shownLinears.filter((x) => x.nIn === l.nIn && x.nOut === l.nOut).length}·(${l.nIn}+${l.nOut})`).join(' + ');
  const formulaTotal = loraR * shownLinears.reduce((n, l) => n + l.nIn + l.nOut, 0);
  const fullParams = opened?.model.params ?? budget.fullParams;
  const sameAsBase = view && opened && view.sample.text === opened.before.sample.text;
  const status: StatusItem[] = [
    { label: t.status.state, value: t.states[state.status] },
    { label: t.status.backend, value: report ? `${report.backend.toUpperCase()}${report.inWorker ? '' : t.notInWorker}` : '—', title: report?.details ?? report?.reason },
    { label: t.status.model, value: t.params(exact(fullParams)) },
    { label: t.status.speed, value: loraMs === null ? '—' : t.speed(fmtMs(loraMs), fullMs === null ? null : fmtMs(fullMs)) },
    { label: 'tokens/s', value: state.lastLora ? Math.round(state.lastLora.tokensPerSec).toLocaleString('en') : '—' },
  ];

  return (
    <div ref={rootRef}>
      <WidgetFrame
        className="ll"
        title={t.title}
        subtitle={t.subtitle}
        locale={locale}
        presenter={presenter}
        presentHref={() => presentHref(locale, 'lora-lab', LORA_LAB_ID, BASE_SCHEMA, params)}
        onReset={onReset}
        keys={keys}
        dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults', 'data-status': state.status, 'data-mode': view?.mode ?? 'none' }}
        footer={<StatusLine items={status} />}
      >
        <div className="ll-layout">
          <LoraControls
            params={params}
            issues={issues}
            setParam={setParam}
            cross={cross}
            locked={busy}
            locale={locale}
            pasted={pasted}
            onPasted={setPasted}
            pastedError={pastedError}
            onUsePasted={() => setPastedApplied(pasted)}
            corpusInfo={opened ? `${t.shape(opened.model.nLayer, opened.model.dModel, exact(opened.model.params))} · ` + t.corpusInfo(formatCount(opened.corpus.characters), opened.corpus.droppedCharacters, formatCount(opened.corpus.trainTokens), formatCount(opened.corpus.valTokens)) : null}
          />
          <div className="ll-main">
            <div className="ll-actions">
              {state.status === 'training' ? (
                <Button variant="primary" onClick={() => send({ type: 'pause' })} shortcut={presenter ? 'Space' : undefined}>{t.pause}</Button>
              ) : state.status === 'paused' ? (
                <Button variant="primary" onClick={() => send({ type: 'resume' })} shortcut={presenter ? 'Space' : undefined}>{t.resume}</Button>
              ) : (
                <Button variant="primary" onClick={() => startTraining()} disabled={!canTrain} shortcut={presenter ? 'Space' : undefined}>{params.full ? t.train : t.trainLora}</Button>
              )}
              <Button onClick={keys.step} disabled={!(state.status === 'paused' || canTrain)} shortcut={presenter ? '→' : undefined}>{t.step}</Button>
              <Button variant="danger" onClick={() => send({ type: 'stop' })} disabled={!busy}>{t.stop}</Button>
            </div>
            {state.error ? (
              <div className="ll-error" role="alert">
                <EngineErrorText error={state.error} titles={t.errors} locale={locale} />
                {state.error.code === 'device-lost' ? <Button onClick={() => setParam('backend', 'wasm')}>{t.continueOn}</Button> : null}
              </div>
            ) : null}
            {state.progress && (busy || state.finished) ? (
              <ProgressBar
                done={state.progress.done}
                total={state.progress.total}
                etaMs={state.progress.etaMs}
                label={state.finished ? (state.finished.reason === 'finished' ? t.finished(state.finished.steps) : t.stopped(state.finished.steps)) : state.progress.message}
                locale={locale}
              />
            ) : null}

            <table className="ll-budget">
              <caption>{t.budgetTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.run}</th>
                  <th scope="col">{t.trainable}</th>
                  <th scope="col">{t.share}</th>
                  <th scope="col">{t.adam}</th>
                  <th scope="col">{t.msPerStep}</th>
                  <th scope="col">{t.valLoss}</th>
                </tr>
              </thead>
              <tbody>
                <tr className="ll-row-lora">
                  <th scope="row">{t.loraRow(loraR)}</th>
                  <td>
                    <span data-testid="lora-trainable" data-value={measuredLora?.trainableParams ?? ''} title={measuredLora ? t.measured : t.fromFormula}>
                      {exact(measuredLora?.trainableParams ?? budget.trainableParams)}
                    </span>
                  </td>
                  <td>{(((measuredLora?.trainableParams ?? budget.trainableParams) / fullParams) * 100).toFixed(2)} %</td>
                  <td>{formatBytes(measuredLora?.optimizerBytes ?? budget.optimizerBytes)}</td>
                  <td>{fmtMs(loraMs)}</td>
                  <td>{state.loraPoints.length && view ? view.valLoss.toFixed(3) : '—'}</td>
                </tr>
                <tr className="ll-row-full">
                  <th scope="row">{t.fullRow}</th>
                  <td data-testid="full-trainable">{exact(state.budget?.full?.trainableParams ?? fullParams)}</td>
                  <td>100 %</td>
                  <td>{formatBytes(state.budget?.full?.optimizerBytes ?? 8 * fullParams)}</td>
                  <td>{fmtMs(fullMs)}</td>
                  <td>{view?.full ? view.full.valLoss.toFixed(3) : '—'}</td>
                </tr>
              </tbody>
            </table>
            <p className="ui-hint ll-formula" data-testid="lora-formula">
              {t.formula(loraR, formulaTerms, exact(formulaTotal))}
              {opened ? ` · ${t.valLoss} ${t.before.toLowerCase()}: ${opened.before.valLoss.toFixed(3)}` : ''}
            </p>

            {/* The zh chapter's question as numbers, above the chart so a projector shows it without scrolling. */}
            {opened?.before.sample.clauses ? (
              <ClauseShareLine before={opened.before.sample.clauses} lora={view?.adapter ? view.sample.clauses : undefined} full={view?.full?.sample.clauses} t={t} tokens={params.sampleTokens} />
            ) : null}
            <div
              data-testid="lora-losses"
              data-lora={JSON.stringify(state.loraPoints.map((p) => p.loss))}
              data-full={JSON.stringify(state.fullPoints.map((p) => p.loss))}
              data-val-before={opened?.before.valLoss ?? ''}
              data-val-now={view?.valLoss ?? ''}
            >
              <LossChart
                points={state.loraPoints}
                compare={params.full || state.fullPoints.length ? { label: t.lossChartFull, points: state.fullPoints } : undefined}
                pointsLabel={t.lossChartLora}
                totalSteps={params.steps}
                logScale={params.logScale}
                smoothing={params.smoothing}
                onLogScale={(v) => setParam('logScale', v)}
                onSmoothing={(v) => setParam('smoothing', v)}
                locale={locale}
                baseline={opened ? { value: opened.before.valLoss, label: `${t.before}: ${opened.before.valLoss.toFixed(2)}` } : undefined}
                fileName="lora-vs-full"
              />
            </div>

            <section className="ll-section">
              <div className="ll-section-head">
                <h4>{t.modeTitle}</h4>
                <div className="ll-modes" role="group" aria-label={t.modeTitle}>
                  {MODES.map((m) => (
                    <button
                      key={m}
                      type="button"
                      className={`ui-button${view?.mode === m ? ' ui-button-primary' : ''}`}
                      aria-pressed={view?.mode === m}
                      disabled={state.status !== 'idle' || !adapter || view?.mode === m}
                      onClick={() => setMode(m)}
                    >
                      {t.modes[m]}
                    </button>
                  ))}
                </div>
                {view && adapter && view.switchMs !== null ? <span className="ui-hint" data-testid="switch-ms">{t.switchTook(view.switchMs.toFixed(1))}</span> : null}
              </div>
              <h4 className="ll-samples-title">{t.samplesTitle}</h4>
              <div className="ll-samples">
                <figure className="ll-sample">
                  <figcaption>{t.before}</figcaption>
                  <pre data-testid="sample-base">{opened ? <><mark>{opened.before.sample.prompt}</mark>{opened.before.sample.text}</> : '…'}</pre>
                </figure>
                <figure className="ll-sample ll-sample-lora">
                  <figcaption>
                    {t.loraNow(t.modeWords[view?.mode ?? 'off'])}
                    {view ? ` · ${t.lossNow(view.valLoss.toFixed(3))}` : ''}
                    {view && adapter && view.mode === 'off' && sameAsBase ? <span className="ll-badge">{t.sameAsBase}</span> : null}
                  </figcaption>
                  <pre data-testid="sample-lora" data-mode={view?.mode ?? ''}>{view ? <><mark>{view.sample.prompt}</mark>{view.sample.text}</> : '…'}</pre>
                </figure>
                {view?.full ? (
                  <figure className="ll-sample ll-sample-full">
                    <figcaption>{t.fullAfter} · {t.lossNow(view.full.valLoss.toFixed(3))}</figcaption>
                    <pre data-testid="sample-full"><mark>{view.full.sample.prompt}</mark>{view.full.sample.text}</pre>
                  </figure>
                ) : null}
              </div>
            </section>

            <DeltaView
              delta={state.delta}
              linears={adapter?.linears.map((l) => l.name) ?? []}
              chosen={chosen}
              onChoose={setLinear}
              disabled={state.status !== 'idle'}
              locale={locale}
            />

            <div className="ll-files">
              <Button onClick={() => command({ type: 'lora/save' })} disabled={state.status !== 'idle' || !adapter} title={measuredLora ? t.downloadHint(formatBytes(4 * measuredLora.trainableParams)) : undefined}>
                {t.download}
              </Button>
              <label className={`ui-button ui-button-ghost${state.status !== 'idle' ? ' ll-disabled' : ''}`} title={t.loadHint}>
                {t.load}
                <input
                  type="file"
                  multiple
                  accept=".json,.bin"
                  hidden
                  disabled={state.status !== 'idle'}
                  data-testid="load-adapter"
                  onChange={async (e) => {
                    await loadFiles(e.target.files);
                    e.target.value = '';
                  }}
                />
              </label>
              {opened ? <span className="ui-hint" data-testid="base-hash" data-hash={opened.baseHash}>{t.baseHash(opened.baseHash)}</span> : null}
              {measuredLora ? <span className="ui-hint">{t.downloadHint(formatBytes(4 * measuredLora.trainableParams))}</span> : null}
            </div>
            {loadError ? <ParamIssue message={loadError} locale={locale} /> : null}
          </div>
        </div>
      </WidgetFrame>
    </div>
  );
}

const pct = (c: LoraClauseShare) => `${(c.share * 100).toFixed(0)} %`;

/** The 七言 share before → LoRA now (→ full): the chapter's question as numbers (data-* for tests). */
function ClauseShareLine({ before, lora, full, t, tokens }: { before: LoraClauseShare; lora?: LoraClauseShare; full?: LoraClauseShare; t: LoraLabStrings; tokens: number }) {
  const part = (label: string, c: LoraClauseShare | undefined, className: string) => (
    <span className={className}>
      {label}: <strong>{c ? pct(c) : '—'}</strong>
      {c ? <small> ({t.clauseCount(c.matched, c.total)})</small> : null}
    </span>
  );
  return (
    <div className="ll-clauses" data-testid="clause-share" data-before={before.share} data-lora={lora?.share ?? ''} data-full={full?.share ?? ''}>
      <h4>{t.clauseTitle(before.length)}</h4>
      <p className="ll-clauses-numbers">
        {part(t.clauseBefore, before, 'll-clauses-before')}
        <span aria-hidden="true">→</span>
        {part(t.clauseLora, lora, 'll-clauses-lora')}
        {full ? part(t.clauseFull, full, 'll-clauses-full') : null}
      </p>
      <p className="ui-hint">{t.clauseNote(before.samples, tokens)}</p>
    </div>
  );
}
