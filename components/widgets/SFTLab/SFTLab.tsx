'use client';
// SFTLab: supervised fine-tuning of a shipped tiny GPT in the page. The chat template is shown
// token by token as the engine's tokenizer lays it out, the prompt tokens greyed where the
// library's mask leaves them out of the loss; the reader fine-tunes on the shipped SFT set and
// asks the same titles before and after: the answers change from continuation to the taught form.
import './SFTLab.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { LineChart } from '@/components/ui/LineChart';
import { Slider } from '@/components/ui/Slider';
import { StatusLine, type StatusItem } from '@/components/ui/StatusLine';
import { Toggle } from '@/components/ui/Toggle';
import { useLocale } from '@/components/ui/useLocale';
import { useLabRun } from '@/components/widgets/shared/useLabRun';
import { LabProgress } from '@/components/widgets/shared/LabProgress';
import { RunButtons } from '@/components/widgets/shared/RunButtons';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import type { AnswerMessage } from '@/lib/engine/features/alignment/protocol';
import { formatCount } from '@/lib/engine/estimates';
import type { BackendRequest, EngineEvent } from '@/lib/engine/protocol';
import { parseQuestions, SFT_ID, SFT_MODELS, sftSchema, sftSource, type SftModel } from './params';
import { STRINGS } from './strings';
import { TemplateView, type TemplateLayout } from './TemplateView';
import { EngineErrorText } from '../shared/EngineErrorText';

export interface SFTLabProps {
  checkpoint?: SftModel;
  presenter?: boolean;
}

interface SftData {
  losses: [number, number][];
  answerLosses: [number, number][];
  evals: [number, number][];
  before: AnswerMessage[] | null;
  after: { step: number; answers: AnswerMessage[] } | null;
  beforeShare: number | null;
  afterShare: number | null;
  last: { msPerStep: number; tokensPerSec: number } | null;
  layout: TemplateLayout | null;
}
const EMPTY: SftData = { losses: [], answerLosses: [], evals: [], before: null, after: null, beforeShare: null, afterShare: null, last: null, layout: null };

function reduce(d: SftData, e: EngineEvent): SftData {
  switch (e.type) {
    case 'alignment/template':
      return { ...d, layout: e };
    case 'alignment/sft-step':
      return { ...d, losses: [...d.losses, [e.step, e.loss]], answerLosses: [...d.answerLosses, [e.step, e.responseLoss]], last: { msPerStep: e.msPerStep, tokensPerSec: e.tokensPerSec } };
    case 'alignment/sft-eval':
      return { ...d, evals: [...d.evals, [e.step, e.evalLoss]] };
    case 'alignment/answers':
      return e.phase === 'before' ? { ...d, before: e.answers, beforeShare: e.formShare } : { ...d, after: { step: e.step, answers: e.answers }, afterShare: e.formShare };
    default:
      return d;
  }
}

const share = (answers: AnswerMessage[] | null | undefined) => (answers ? `${answers.filter((a) => a.formOk).length}/${answers.length}` : '—');

export default function SFTLab({ checkpoint = 'en-shakespeare', presenter = false }: SFTLabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLDivElement>(null);
  const schema = useMemo(() => sftSchema(checkpoint), [checkpoint]);
  const { params, issues, setParam, reset, fromUrl } = useWidgetParams(SFT_ID, schema);
  const model = params.model as SftModel;
  // Typed questions per model (each model reads only its own script).
  const [typed, setTyped] = useState<Partial<Record<SftModel, string>>>({});
  const questions = typed[model] ?? SFT_MODELS[model].questions;
  const setQuestions = (text: string) => setTyped((q) => ({ ...q, [model]: text }));
  const { state, send, start } = useLabRun(rootRef, params.backend as BackendRequest, EMPTY, reduce);
  const { status, report, data } = state;
  const busy = status === 'preparing' || status === 'training' || status === 'paused';
  const rows = SFT_MODELS[model].rows;
  const example = Math.min(params.example, rows - 1);

  // The template view: the engine formats the row (never recomputed here).
  useEffect(() => {
    if (!report) return;
    send({ type: 'alignment/template', source: sftSource(model, window.location.href), index: example, maskPrompt: params.maskPrompt });
  }, [report, send, model, example, params.maskPrompt]);

  const train = useCallback(
    (startPaused = false) => {
      const p = params;
      start(
        (runId) => ({
          type: 'alignment/sft',
          runId,
          source: sftSource(model, window.location.href),
          sft: { steps: p.steps, batchSize: p.batch, learningRate: p.lr, seed: p.seed, maskPrompt: p.maskPrompt, questions: parseQuestions(questions), answerTokens: 40, evalEvery: Math.max(1, Math.round(p.steps / 10)) },
          startPaused,
        }),
        { ...EMPTY, layout: data.layout },
      );
    },
    [params, model, questions, start, data.layout],
  );
  const canTrain = !busy && report !== null && parseQuestions(questions).length > 0;
  const toggleRun = useCallback(() => {
    if (status === 'training') send({ type: 'pause' });
    else if (status === 'paused') send({ type: 'resume' });
    else if (canTrain) train();
  }, [status, send, canTrain, train]);
  const step = useCallback(() => {
    if (status === 'paused') send({ type: 'step' });
    else if (canTrain) train(true);
  }, [status, send, canTrain, train]);
  const keys = useMemo(() => ({ toggleRun, step, help: [['Space', t.runKey], ['→', t.stepKey]] as [string, string][] }), [toggleRun, step, t]);
  const onReset = useCallback(() => {
    if (busy) send({ type: 'stop' });
    reset();
    setTyped({});
  }, [busy, send, reset]);

  const statusItems: StatusItem[] = [
    { label: t.status.state, value: t.states[status] },
    { label: t.status.backend, value: report ? report.backend.toUpperCase() : '—', title: report?.details ?? report?.reason },
    { label: t.status.params, value: state.summary ? formatCount(state.summary.params) : '—' },
    { label: t.status.speed, value: data.last ? t.tokensPerSec(Math.round(data.last.tokensPerSec).toLocaleString('en')) : '—' },
    { label: t.status.step, value: data.last ? `${Math.round(data.last.msPerStep)} ms` : '—' },
  ];

  return (
    <div ref={rootRef}>
      <WidgetFrame
        className="sft"
        title={t.title}
        subtitle={t.subtitle}
        locale={locale}
        presenter={presenter}
        presentHref={() => presentHref(locale, 'sft-lab', SFT_ID, sftSchema(), params)}
        onReset={onReset}
        keys={keys}
        dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults', 'data-status': status }}
        footer={<StatusLine items={statusItems} />}
      >
        <div className="wf-split">
          <div className="sft-setup">
            <div className="sft-top">
              <Select label={t.model} value={model} options={schema.model.options.map((m) => ({ value: m, label: t.models[m] }))} onChange={(v) => setParam('model', v)} disabled={busy} />
              <Toggle label={t.maskPrompt} checked={params.maskPrompt} onChange={(v) => setParam('maskPrompt', v)} disabled={busy} />
            </div>
            <TemplateView layout={data.layout} maskPrompt={params.maskPrompt} example={example} rows={rows} onExample={(i) => setParam('example', i)} t={t} />
            <ParamIssue issue={issues.example} locale={locale} />
            <div className="sft-controls">
              <Slider label={t.steps} value={params.steps} min={1} max={400} onChange={(v) => setParam('steps', v)} disabled={busy}><ParamIssue issue={issues.steps} locale={locale} /></Slider>
              <Slider label={t.lr} value={params.lr} min={0.0001} max={0.02} log onChange={(v) => setParam('lr', v)} disabled={busy}><ParamIssue issue={issues.lr} locale={locale} /></Slider>
              <Slider label={t.batch} value={params.batch} min={1} max={32} onChange={(v) => setParam('batch', v)} disabled={busy}><ParamIssue issue={issues.batch} locale={locale} /></Slider>
              <Select label={t.backend} value={params.backend} options={schema.backend.options.map((b) => ({ value: b, label: b === 'auto' ? 'auto' : b.toUpperCase() }))} onChange={(v) => setParam('backend', v)} disabled={busy} />
            </div>
            <RunButtons
              className="sft-actions"
              status={status}
              busy={busy}
              canStart={canTrain}
              onStart={() => train()}
              onStep={step}
              send={send}
              presenter={presenter}
              labels={{ start: t.train, pause: t.pause, resume: t.resume, step: t.step, stop: t.stop }}
            />
            {state.error ? (
              <p className="ui-issue" role="alert"><EngineErrorText error={state.error} titles={t.errors} locale={locale} /></p>
            ) : null}
            <LabProgress state={state} labels={t} locale={locale} />
          </div>
          <div className="sft-results">
            <div className="sft-curve">
              <LineChart
                testId="sft-loss"
                height={presenter ? 150 : 280}
                ariaLabel={t.lossChart}
                yLabel={t.lossChart}
                xLabel={t.stepAxis}
                xMax={params.steps}
                empty={t.lossEmpty}
                formatY={(y) => y.toFixed(3)}
                series={[
                  { key: 'trained', label: t.lossTrained, points: data.losses.map(([x, y]) => ({ x, y })), tone: 'accent' },
                  { key: 'held-out', label: t.heldOut, points: data.evals.map(([x, y]) => ({ x, y })), tone: 'warning', dashed: true },
                ]}
              />
              {data.evals.length > 0 ? (
                <p className="wf-note sft-eval" data-testid="eval-summary">{t.evalSummary(data.evals[0][1].toFixed(3), data.evals.at(-1)![1].toFixed(3), data.evals.at(-1)![0])}</p>
              ) : null}
            </div>
            <div className="sft-answers">
              <div className="ui-field">
                <label htmlFor="sft-questions">{t.questions}</label>
                <input id="sft-questions" className="sft-questions" value={questions} onChange={(e) => setQuestions(e.target.value)} disabled={busy} />
              </div>
              <p className="wf-note">{t.formRule[model]}</p>
              {data.before ? (
                <>
                  <p className="sft-share" data-testid="form-share" data-before={data.beforeShare ?? ''} data-after={data.afterShare ?? ''}>
                    {t.formShare(share(data.before), share(data.after?.answers))}
                  </p>
                  <table className="sft-table">
                    <thead>
                      <tr><th scope="col" /><th scope="col">{t.before}</th><th scope="col">{data.after ? t.after(data.after.step) : '…'}</th></tr>
                    </thead>
                    <tbody>
                      {data.before.map((a, i) => (
                        <tr key={`${a.prompt}-${i}`} data-testid="answer-row">
                          <th scope="row">{a.prompt}</th>
                          <td><Answer a={a} t={t} /></td>
                          <td>{data.after ? <Answer a={data.after.answers[i]} t={t} /> : null}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ) : (
                <p className="wf-note">{t.noAnswers}</p>
              )}
            </div>
          </div>
        </div>
      </WidgetFrame>
    </div>
  );
}

function Answer({ a, t }: { a: AnswerMessage | undefined; t: (typeof STRINGS)['en'] }) {
  if (!a) return null;
  return (
    <div className={`sft-answer ${a.formOk ? 'sft-answer-ok' : 'sft-answer-no'}`}>
      <span className="sft-badge" title={a.formOk ? t.formOk : t.formNo}>{a.formOk ? '✓' : '✗'}</span>
      <pre>{a.text.replace(/\n+$/u, '') + (a.text.includes('\n\n') ? ' ⏎' : ' …')}</pre>
    </div>
  );
}
