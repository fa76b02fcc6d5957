'use client';
// DPOLab: Direct Preference Optimization of the shipped Tang-poetry model in the page. Three
// training pairs show the reference's and the policy's log-probabilities of the chosen and the
// rejected answer; curves show the reward margin, accuracy and KL to the reference; β can change
// while the loop runs; answers to held-out titles, sampled before and after, measure the
// preferred property (five-character clauses) as a number.
import './DPOLab.css';
import { useCallback, useMemo, useRef } from 'react';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { LineChart } from '@/components/ui/LineChart';
import { Slider } from '@/components/ui/Slider';
import { StatusLine, type StatusItem } from '@/components/ui/StatusLine';
import { useLocale } from '@/components/ui/useLocale';
import { useLabRun } from '@/components/widgets/shared/useLabRun';
import { LabProgress } from '@/components/widgets/shared/LabProgress';
import { RunButtons } from '@/components/widgets/shared/RunButtons';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import type { DpoStepMetrics, ShownPair } from '@/lib/engine/features/alignment/protocol';
import { formatCount } from '@/lib/engine/estimates';
import type { BackendRequest, EngineEvent } from '@/lib/engine/protocol';
import { DPO_ID, dpoSchema, dpoSource, formatShare, SAMPLES, SHOWN_PAIRS } from './params';
import { STRINGS } from './strings';
import { EngineErrorText } from '../shared/EngineErrorText';

export interface DPOLabProps {
  presenter?: boolean;
}

type Property = Extract<EngineEvent, { type: 'alignment/property' }>;
interface DpoData {
  metrics: DpoStepMetrics[];
  pairs: { step: number; pairs: ShownPair[] } | null;
  before?: Property;
  after?: Property;
  engineBeta: number | null;
}
const EMPTY: DpoData = { metrics: [], pairs: null, engineBeta: null };

function reduce(d: DpoData, e: EngineEvent): DpoData {
  switch (e.type) {
    case 'alignment/dpo-step':
      return { ...d, metrics: [...d.metrics, e.metrics], engineBeta: e.metrics.beta };
    case 'alignment/dpo-pairs':
      return { ...d, pairs: { step: e.step, pairs: e.pairs } };
    case 'alignment/property':
      return e.phase === 'before' ? { ...d, before: e } : { ...d, after: e };
    case 'alignment/beta':
      return { ...d, engineBeta: e.beta };
    default:
      return d;
  }
}

const fmt = (v: number) => v.toFixed(2);
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)}`;

export default function DPOLab({ presenter = false }: DPOLabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLDivElement>(null);
  const { params, issues, setParam, reset, fromUrl } = useWidgetParams(DPO_ID, dpoSchema);
  const { state, send, start } = useLabRun(rootRef, params.backend as BackendRequest, EMPTY, reduce);
  const { status, report, data } = state;
  const busy = status === 'preparing' || status === 'training' || status === 'paused';
  const canRun = !busy && report !== null;

  const run = useCallback(
    (startPaused = false) => {
      start(
        (runId) => ({
          type: 'alignment/dpo',
          runId,
          source: dpoSource(window.location.href),
          dpo: { steps: params.steps, batchSize: params.batch, learningRate: params.lr, beta: params.beta, seed: params.seed, shownPairs: SHOWN_PAIRS, samples: SAMPLES, answerTokens: 30 },
          startPaused,
        }),
        EMPTY,
      );
    },
    [params, start],
  );
  const setBeta = (value: number | string) => {
    setParam('beta', value);
    const beta = Number(value);
    // A running loop takes the new β from its next step; the engine echoes it back.
    if (busy && beta >= dpoSchema.beta.min && beta <= dpoSchema.beta.max) send({ type: 'alignment/set-beta', beta });
  };
  const toggleRun = useCallback(() => {
    if (status === 'training') send({ type: 'pause' });
    else if (status === 'paused') send({ type: 'resume' });
    else if (canRun) run();
  }, [status, send, canRun, run]);
  const step = useCallback(() => {
    if (status === 'paused') send({ type: 'step' });
    else if (canRun) run(true);
  }, [status, send, canRun, run]);
  const keys = useMemo(() => ({ toggleRun, step, help: [['Space', t.runKey], ['→', t.stepKey]] as [string, string][] }), [toggleRun, step, t]);
  const onReset = useCallback(() => {
    if (busy) send({ type: 'stop' });
    reset();
  }, [busy, send, reset]);

  const m = data.metrics;
  const chart = (key: 'margin' | 'accuracy' | 'kl', title: string, tone: 'accent' | 'tip' | 'warning') => (
    <LineChart
      testId={`dpo-${key}`}
      ariaLabel={title}
      yLabel={title}
      xLabel={t.stepAxis}
      xMax={params.steps}
      empty={t.chartEmpty}
      formatY={(y) => y.toFixed(3)}
      series={[{ key, label: title, points: m.map((x) => ({ x: x.step, y: x[key] })), tone }]}
      height={presenter ? 190 : 200}
    />
  );
  const last = m.at(-1);
  const statusItems: StatusItem[] = [
    { label: t.status.state, value: t.states[status] },
    { label: t.status.backend, value: report ? report.backend.toUpperCase() : '—', title: report?.details ?? report?.reason },
    { label: t.status.params, value: state.summary ? formatCount(state.summary.params) : '—' },
    { label: t.status.step, value: last && last.step > 0 ? `${Math.round(last.msPerStep)} ms` : '—' },
    { label: t.engineBeta, value: data.engineBeta === null ? '—' : String(data.engineBeta) },
  ];
  const beta = data.engineBeta ?? params.beta;

  return (
    <div ref={rootRef}>
      <WidgetFrame
        className="dpo"
        title={t.title}
        subtitle={t.subtitle}
        locale={locale}
        presenter={presenter}
        presentHref={() => presentHref(locale, 'dpo-lab', DPO_ID, dpoSchema, params)}
        onReset={onReset}
        keys={keys}
        dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults', 'data-status': status, 'data-engine-beta': data.engineBeta === null ? '' : String(data.engineBeta) }}
        footer={<StatusLine items={statusItems} />}
      >
        <div className="wf-split">
          <div className="dpo-setup">
            <p className="wf-note dpo-about">{t.about}</p>
            <div className="dpo-controls">
              <Slider label={t.beta} value={params.beta} min={0.01} max={5} log onChange={setBeta} hint={t.betaLive}><ParamIssue issue={issues.beta} locale={locale} /></Slider>
              <Slider label={t.steps} value={params.steps} min={1} max={300} onChange={(v) => setParam('steps', v)} disabled={busy}><ParamIssue issue={issues.steps} locale={locale} /></Slider>
              <Slider label={t.lr} value={params.lr} min={0.00001} max={0.01} log onChange={(v) => setParam('lr', v)} disabled={busy}><ParamIssue issue={issues.lr} locale={locale} /></Slider>
              <Slider label={t.batch} value={params.batch} min={1} max={16} onChange={(v) => setParam('batch', v)} disabled={busy}><ParamIssue issue={issues.batch} locale={locale} /></Slider>
              <Select label={t.backend} value={params.backend} options={dpoSchema.backend.options.map((b) => ({ value: b, label: b === 'auto' ? 'auto' : b.toUpperCase() }))} onChange={(v) => setParam('backend', v)} disabled={busy} />
            </div>
            <RunButtons
              className="dpo-actions"
              status={status}
              busy={busy}
              canStart={canRun}
              onStart={() => run()}
              onStep={step}
              send={send}
              presenter={presenter}
              labels={{ start: t.train, pause: t.pause, resume: t.resume, step: t.step, stop: t.stop }}
            />
            {state.error ? <p className="ui-issue" role="alert"><EngineErrorText error={state.error} titles={t.errors} locale={locale} /></p> : null}
            <LabProgress state={state} labels={t} locale={locale} />
          </div>
          <div className="dpo-results">
            {last ? (
              <p className="dpo-summary" data-testid="dpo-summary" data-step={last.step} data-margin={last.margin} data-accuracy={last.accuracy} data-kl={last.kl}>
                {t.summary(last.step, last.margin.toFixed(3), (last.accuracy * 100).toFixed(0), last.kl.toFixed(3), last.beta)}
              </p>
            ) : null}
            <section className="dpo-property" data-testid="property" data-before={data.before?.share ?? ''} data-after={data.after?.share ?? ''}>
              <h4>{t.property}</h4>
              <p className="dpo-property-numbers">
                <span>{t.before}: <strong>{formatShare(data.before)}</strong></span>
                <span aria-hidden="true">→</span>
                <span>{t.after}: <strong>{formatShare(data.after)}</strong></span>
              </p>
              <p className="wf-note">{t.propertyNote}</p>
              {data.before ? (
                <div className="dpo-samples">
                  <details open={presenter ? undefined : false}>
                    <summary>{t.samplesBefore}</summary>
                    <ol>{data.before.samples.map((s, i) => <li key={i}><pre>{s.trim()}</pre></li>)}</ol>
                  </details>
                  {data.after ? (
                    <details>
                      <summary>{t.samplesAfter}</summary>
                      <ol>{data.after.samples.map((s, i) => <li key={i}><pre>{s.trim()}</pre></li>)}</ol>
                    </details>
                  ) : null}
                </div>
              ) : null}
            </section>
          </div>
        </div>
        <div className="dpo-charts">
          {chart('margin', t.margin, 'accent')}
          {chart('accuracy', t.accuracy, 'tip')}
          {chart('kl', t.kl, 'warning')}
        </div>
        <section className="dpo-pairs" aria-label={t.pairs}>
          {/* On a projector the pairs' numbers are a closer look, folded below the one-screen
              view until the presenter opens them; in the chapter they are always shown. */}
          <details open={presenter ? undefined : true}>
            <summary><h4>{t.pairs} {data.pairs ? <span className="wf-note">{t.pairsAt(data.pairs.step)}</span> : null}</h4></summary>
            {data.pairs ? (
              <div className="dpo-pair-grid">
                {data.pairs.pairs.map((p, i) => <PairCard key={i} pair={p} beta={beta} t={t} />)}
              </div>
            ) : (
              <p className="wf-note">{t.pairsWaiting}</p>
            )}
          </details>
        </section>
      </WidgetFrame>
    </div>
  );
}

function PairCard({ pair, beta, t }: { pair: ShownPair; beta: number; t: (typeof STRINGS)['en'] }) {
  const rows = [
    { label: t.chosen, text: pair.chosen, ref: pair.refChosen, policy: pair.policyChosen, tone: 'dpo-chosen' },
    { label: t.rejected, text: pair.rejected, ref: pair.refRejected, policy: pair.policyRejected, tone: 'dpo-rejected' },
  ];
  return (
    <figure className="dpo-pair" data-testid="pair">
      <figcaption>{pair.prompt}</figcaption>
      <table>
        <thead>
          <tr><th scope="col" /><th scope="col">{t.ref}</th><th scope="col">{t.policy}</th><th scope="col">{t.delta}</th><th scope="col">{t.reward}</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label} className={r.tone}>
              <th scope="row"><span className="dpo-pair-label">{r.label}</span><pre>{r.text}</pre></th>
              <td>{fmt(r.ref)}</td>
              <td>{fmt(r.policy)}</td>
              <td className={r.policy - r.ref >= 0 ? 'dpo-up' : 'dpo-down'}>{signed(r.policy - r.ref)}</td>
              <td>{signed(beta * (r.policy - r.ref))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
