'use client';
// TrainingLab: a reader trains a real tiny GPT in the page (in the engine's worker) and watches
// train / validation loss fall and samples turn from noise into words. Paints its controls and
// the model's size at once; the engine (tfjs + worker) starts only when the lab nears the viewport.
import '@/components/ui/ui.css';
import './TrainingLab.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { LossChart } from '@/components/ui/LossChart';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { StatusLine, type StatusItem } from '@/components/ui/StatusLine';
import { useLocale } from '@/components/ui/useLocale';
import { formatBytes, formatCount, formatFlops, trainingFlopsPerStep, trainingMemoryBytes } from '@/lib/engine/estimates';
import { MAX_CORPUS_BYTES, type CorpusSource } from '@/lib/engine/protocol';
import { countParams } from '@/lib/model/config';
import { writeParamsToQuery } from '@/lib/state/params';
import { PresenterBackLink } from '@/components/widgets/shared/PresenterBackLink';
import { PresenterHelp } from '@/components/widgets/shared/PresenterHelp';
import { useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { Controls } from './Controls';
import { configFromParams, continueLearningRate, CORPORA, crossParamProblem, formatLearningRate, type ShippedCorpus, trainerSignature, TRAINING_LAB_ID, trainingLabSchema } from './params';
import { STRINGS } from './strings';
import { usePresenterKeys } from './usePresenterKeys';
import { useTrainingRun } from './useTrainingRun';

export interface TrainingLabProps {
  /** Corpus selected by default (a chapter in Chinese picks the Tang poems). */
  corpus?: ShippedCorpus;
  /** Full-screen presenter layout with keyboard control (the /present route sets it). */
  presenter?: boolean;
}

const BASE_SCHEMA = trainingLabSchema();

export default function TrainingLab({ corpus = 'tiny-shakespeare', presenter = false }: TrainingLabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLElement>(null);
  const schema = useMemo(() => trainingLabSchema(corpus), [corpus]);
  const { store, params, issues, setParam, fromUrl } = useWidgetParams(TRAINING_LAB_ID, schema);
  const [pasted, setPasted] = useState('');
  const [prompt, setPrompt] = useState('');
  const [help, setHelp] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** trainerSignature of the run started last: a diverged run continues only while it still matches. */
  const [startedWith, setStartedWith] = useState<string | null>(null);

  const run = useTrainingRun(rootRef, params.backend);
  const { state } = run;
  const busy = state.status === 'preparing' || state.status === 'training' || state.status === 'paused';

  const pastedBytes = useMemo(() => new TextEncoder().encode(pasted).length, [pasted]);
  const pastedError = pastedBytes > MAX_CORPUS_BYTES ? t.tooLong(formatBytes(pastedBytes), formatBytes(MAX_CORPUS_BYTES)) : null;
  const pastedVocab = useMemo(() => new Set(pasted).size, [pasted]);
  const cross = crossParamProblem(params, locale);
  const config = configFromParams(params, pastedVocab);
  const flops = trainingFlopsPerStep({ config, batchSize: params.batch });
  const memory = trainingMemoryBytes({ config, batchSize: params.batch });
  const budget = state.report?.memoryBudgetBytes ?? 1.5 * 1024 ** 3;
  const tooBig = memory.total > budget;
  const needsText = params.corpus === 'pasted' && pasted.trim().length === 0;
  const canTrain = !busy && state.report !== null && !cross && !tooBig && !pastedError && !needsText;

  const startTraining = useCallback(
    (startPaused = false) => {
      const p = store.getState().params;
      const shipped = p.corpus === 'pasted' ? null : CORPORA[p.corpus as ShippedCorpus];
      const source: CorpusSource = shipped ? { kind: 'url', url: new URL(shipped.url, window.location.href).href, name: p.corpus } : { kind: 'text', text: pasted, name: 'pasted' };
      const checkpoint = CORPORA[p.corpus === 'pasted' ? 'tiny-shakespeare' : (p.corpus as ShippedCorpus)].checkpoint;
      setStartedWith(trainerSignature(p, pasted));
      run.train({
        corpus: source,
        tokenizer: p.tokenizer === 'bpe' ? { kind: 'bpe', vocabSize: p.bpeVocab } : { kind: 'char' },
        model: { nLayer: p.layers, nHead: p.heads, dModel: p.dModel, contextLength: p.context, seed: p.seed },
        train: { steps: p.steps, batchSize: p.batch, learningRate: p.lr, warmupSteps: p.warmup, weightDecay: p.decay, seed: p.seed, evalEvery: Math.max(5, Math.round(p.steps / 20)), sampleEvery: p.sampleEvery, sampleTokens: 120 },
        start: p.start === 'checkpoint' ? { kind: 'checkpoint', url: new URL(checkpoint, window.location.href).href } : p.start === 'loaded' ? { kind: 'loaded' } : { kind: 'scratch' },
        startPaused,
      });
    },
    [store, pasted, run],
  );

  const keyActions = useMemo(
    () => ({
      toggleRun: () => {
        if (state.status === 'training') run.send({ type: 'pause' });
        else if (state.status === 'paused') run.send({ type: 'resume' });
        else if (canTrain) startTraining();
      },
      step: () => {
        if (state.status === 'paused') run.send({ type: 'step' });
        else if (canTrain) startTraining(true);
      },
      reset: () => {
        if (busy) run.send({ type: 'stop' });
        store.getState().reset();
        run.clear();
      },
      toggleHelp: () => setHelp((h) => !h),
      closeHelp: () => setHelp(false),
    }),
    [state.status, canTrain, busy, run, startTraining, store],
  );
  usePresenterKeys(presenter, keyActions);

  const presentHref = () => {
    // Against the book-wide defaults, not this chapter's: presenter mode renders without the
    // chapter's props, so e.g. the zh chapter's Tang-poem default must travel in the link.
    const query = writeParamsToQuery(TRAINING_LAB_ID, BASE_SCHEMA, params, new URLSearchParams());
    const search = query.toString();
    return `/${locale}/present/training-lab/${search ? `?${search}` : ''}`;
  };

  // After a divergence: go on with the same run, if the engine kept it and the reader changed nothing but the rate.
  const resume = state.error?.code === 'diverged' ? state.error.resume : undefined;
  const canContinue = resume !== undefined && startedWith === trainerSignature(params, pasted);
  const continueLr = resume ? continueLearningRate(params.lr, resume.peakLearningRate) : 0;
  const continueRun = () => {
    if (continueLr >= schema.lr.min) setParam('lr', continueLr); // the control (and the URL) show the rate in use
    run.continueRun(continueLr);
  };

  const report = state.report;
  const status: StatusItem[] = [
    { label: t.status.state, value: t.states[state.status] },
    {
      label: t.status.backend,
      value: report ? `${report.backend.toUpperCase()}${report.inWorker ? '' : t.notInWorker}` : '—',
      title: report ? (report.details ?? report.reason) : t.waitingEngine,
    },
    { label: t.status.params, value: formatCount(state.summary && busy ? state.summary.params : countParams(config)) },
    { label: t.status.flops, value: formatFlops(flops.total), title: t.flopsFormula },
    { label: t.status.memory, value: `≈ ${formatBytes(memory.total)}`, title: t.memoryFormula, tone: tooBig ? 'error' : 'normal' },
    { label: t.status.lr, value: formatLearningRate(state.last && (busy || state.status === 'error') ? state.last.lr : params.lr) },
    { label: t.status.speed, value: state.last ? t.tokensPerSec(Math.round(state.last.tokensPerSec).toLocaleString('en')) : '—' },
  ];

  const progress = state.progress;
  const uniform = Math.log(state.summary?.vocabSize ?? config.vocabSize);

  return (
    <section ref={rootRef} className={`tl${presenter ? ' tl-presenter' : ''}`} aria-label={t.title} data-status={state.status} data-params={fromUrl ? 'url' : 'defaults'}>
      <header className="tl-header">
        <div>
          <h3 className="tl-title">{t.title}</h3>
          <p className="tl-subtitle">{report ? `${report.backend.toUpperCase()} · ${report.reason === 'chosen explicitly' ? t.chosenExplicitly : report.reason}` : t.subtitle}</p>
        </div>
        <div className="tl-header-actions">
          {presenter ? (
            <>
              <Button variant="ghost" onClick={() => setHelp(true)} shortcut="?">{t.help}</Button>
              <PresenterBackLink label={t.back} />
            </>
          ) : (
            <a className="ui-button ui-button-ghost" href={presentHref()} onClick={(e) => (e.currentTarget.href = presentHref())}>{t.present}</a>
          )}
          <Button variant="ghost" onClick={keyActions.reset} shortcut={presenter ? 'R' : undefined}>{t.reset}</Button>
        </div>
      </header>
      <div className="tl-body">
        <Controls params={params} issues={issues} setParam={setParam} pasted={pasted} onPasted={setPasted} pastedError={pastedError} locked={busy} locale={locale} />
        <div className="tl-main">
          <div className="tl-actions">
            {state.status === 'training' ? (
              <Button variant="primary" onClick={() => run.send({ type: 'pause' })} shortcut={presenter ? 'Space' : undefined}>{t.pause}</Button>
            ) : state.status === 'paused' ? (
              <Button variant="primary" onClick={() => run.send({ type: 'resume' })} shortcut={presenter ? 'Space' : undefined}>{t.resume}</Button>
            ) : (
              <Button variant="primary" onClick={() => startTraining()} disabled={!canTrain} shortcut={presenter ? 'Space' : undefined}>{t.train}</Button>
            )}
            <Button onClick={keyActions.step} disabled={!(state.status === 'paused' || canTrain)} shortcut={presenter ? '→' : undefined}>{t.step}</Button>
            <Button variant="danger" onClick={() => run.send({ type: 'stop' })} disabled={!busy}>{t.stop}</Button>
            <span className="tl-actions-spacer" />
            <Button variant="ghost" onClick={() => run.send({ type: 'save' })} disabled={busy || !state.summary}>{t.save}</Button>
            <label className={`ui-button ui-button-ghost${busy || !report ? ' tl-disabled' : ''}`} title={t.loadHint}>
              {t.load}
              <input
                type="file"
                multiple
                accept=".json,.bin"
                hidden
                disabled={busy || !report}
                data-testid="load-model"
                onChange={async (e) => {
                  const files = e.target.files;
                  if (!files) return;
                  const ok = await run.load(files);
                  setLoadError(ok ? null : t.loadNeedsBoth);
                  if (ok) setParam('start', 'loaded');
                  e.target.value = '';
                }}
              />
            </label>
          </div>
          {tooBig ? <ParamIssue message={t.tooBig(formatBytes(memory.total), formatBytes(budget))} locale={locale} /> : null}
          {loadError ? <ParamIssue message={loadError} locale={locale} /> : null}
          {state.error ? (
            <div className="tl-error" role="alert">
              <strong>{t.errors[state.error.code]}:</strong> {state.error.message}
              {state.error.code === 'diverged' ? (
                <p className="tl-error-hint">
                  {canContinue ? t.divergedHint : resume ? t.divergedChanged : t.divergedRestart}
                  {canContinue ? (
                    <>
                      {' '}
                      <Button variant="primary" onClick={continueRun}>{t.continueFrom(resume.fromStep, formatLearningRate(continueLr))}</Button>
                    </>
                  ) : null}
                </p>
              ) : null}
              {state.error.code === 'device-lost' ? (
                <p className="tl-error-hint">
                  {t.deviceLost} <Button onClick={() => setParam('backend', 'wasm')}>{t.continueOn}</Button>
                </p>
              ) : null}
            </div>
          ) : null}
          {progress && (busy || state.status === 'done') ? (
            <ProgressBar
              done={progress.phase === 'train' ? progress.done : progress.phase === 'compile' ? 0 : progress.done}
              total={progress.phase === 'train' || progress.phase === 'compile' ? progress.total : Math.max(progress.total, 1)}
              etaMs={progress.etaMs}
              label={state.status === 'done' && state.finished ? (state.finished.reason === 'finished' ? t.finished(state.finished.steps) : t.stopped(state.finished.steps)) : progress.message}
              locale={locale}
            />
          ) : null}
          <LossChart
            points={state.points}
            totalSteps={params.steps}
            logScale={params.logScale}
            smoothing={params.smoothing}
            onLogScale={(v) => setParam('logScale', v)}
            onSmoothing={(v) => setParam('smoothing', v)}
            locale={locale}
            baseline={{ value: uniform, label: `${t.uniform}: ln ${state.summary?.vocabSize ?? config.vocabSize} = ${uniform.toFixed(2)}` }}
          />
          <div className="tl-samples">
            <div className="tl-samples-head">
              <h4>{t.samples}</h4>
              <form
                className="tl-generate"
                onSubmit={(e) => {
                  e.preventDefault();
                  run.send({ type: 'sample', prompt, tokens: 200, temperature: 0.8, seed: params.seed });
                }}
              >
                <input className="ui-number tl-prompt" value={prompt} onChange={(e) => setPrompt(e.target.value)} placeholder={t.promptPlaceholder} aria-label={t.promptPlaceholder} />
                <Button type="submit" disabled={busy || !state.summary}>{t.generate}</Button>
              </form>
            </div>
            {state.samples.length === 0 ? (
              <p className="ui-hint">{t.noSamples}</p>
            ) : (
              <ol className="tl-sample-list">
                {state.samples.map((s, i) => (
                  <li key={`${s.step}-${i}`} className="tl-sample" data-testid="sample">
                    <span className="tl-sample-step">{t.atStep(s.step)}</span>
                    <pre className="tl-sample-text"><mark>{s.prompt}</mark>{s.text}</pre>
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      </div>
      <StatusLine items={status} />
      {presenter && help ? <PresenterHelp title={t.help} lines={t.keys} onClose={() => setHelp(false)} /> : null}
    </section>
  );
}

