'use client';
// TrainingLab's settings: data, model and training knobs. Each writes through the params store,
// which clamps or refuses bad values; the issue is shown under the control.
import { memo, useRef } from 'react';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import type { UiLocale } from '@/components/ui/useLocale';
import { formatBytes } from '@/lib/engine/estimates';
import { MAX_CORPUS_BYTES } from '@/lib/engine/protocol';
import type { ParamIssue as Issue } from '@/lib/state/params';
import { CHECKPOINT_SHAPES, crossParamProblem, type ShippedCorpus, type TrainingLabParams, trainingLabSchema } from './params';
import { STRINGS } from './strings';

export interface ControlsProps {
  params: TrainingLabParams;
  issues: Partial<Record<keyof TrainingLabParams, Issue>>;
  setParam(key: keyof TrainingLabParams & string, value: unknown): void;
  pasted: string;
  onPasted(text: string): void;
  pastedError: string | null;
  locked: boolean;
  locale: UiLocale;
}

const SCHEMA = trainingLabSchema();
const lrFormat = (v: number) => (v < 0.001 ? v.toExponential(1) : String(Number(v.toPrecision(2))));

/** Memoised: a training step changes nothing here, so steps do not re-render ~20 sliders. */
export const Controls = memo(function Controls({ params: p, issues, setParam, pasted, onPasted, pastedError, locked, locale }: ControlsProps) {
  const t = STRINGS[locale];
  const fileRef = useRef<HTMLInputElement>(null);
  const cross = crossParamProblem(p, locale);
  const fromCheckpoint = p.start === 'checkpoint';
  const shape = CHECKPOINT_SHAPES[p.corpus === 'pasted' ? 'tiny-shakespeare' : (p.corpus as ShippedCorpus)];
  const num = (key: keyof TrainingLabParams & string, label: string, extra: Partial<Parameters<typeof Slider>[0]> = {}) => {
    const spec = SCHEMA[key] as { min: number; max: number };
    return (
      <Slider key={key} label={label} value={p[key] as number} min={spec.min} max={spec.max} onChange={(v) => setParam(key, v)} disabled={locked} {...extra}>
        <ParamIssue issue={issues[key]} locale={locale} />
        {cross?.key === key ? <ParamIssue message={cross.message} locale={locale} /> : null}
      </Slider>
    );
  };
  return (
    <div className="tl-controls">
      <fieldset className="tl-group" disabled={locked}>
        <legend>{t.data}</legend>
        <Select label={t.corpus} value={p.corpus} onChange={(v) => setParam('corpus', v)} options={(['tiny-shakespeare', 'tang-poetry', 'pasted'] as const).map((v) => ({ value: v, label: t.corpora[v] }))}>
          <ParamIssue issue={issues.corpus} locale={locale} />
        </Select>
        {p.corpus === 'pasted' ? (
          <div className="tl-paste">
            {pastedError ? <ParamIssue message={pastedError} locale={locale} /> : null}
            <textarea
              className="tl-textarea"
              value={pasted.length > 200_000 ? `${pasted.slice(0, 200_000)}\n…` : pasted}
              placeholder={t.pastePlaceholder}
              onChange={(e) => onPasted(e.target.value)}
              rows={5}
              aria-label={t.corpora.pasted}
            />
            <div className="tl-paste-row">
              <span className="ui-hint">{pasted ? t.pastedInfo([...pasted].length, new Set(pasted).size) : `≤ ${formatBytes(MAX_CORPUS_BYTES)}`}</span>
              <button type="button" className="ui-button ui-button-ghost" onClick={() => fileRef.current?.click()}>{t.upload}</button>
              <input ref={fileRef} type="file" accept=".txt,text/plain" hidden onChange={async (e) => { const f = e.target.files?.[0]; if (f) onPasted(await f.text()); }} />
            </div>
          </div>
        ) : null}
        <Select label={t.tokenizer} value={p.tokenizer} onChange={(v) => setParam('tokenizer', v)} disabled={fromCheckpoint} options={(['char', 'bpe'] as const).map((v) => ({ value: v, label: t.tokenizers[v] }))}>
          <ParamIssue issue={issues.tokenizer} locale={locale} />
        </Select>
        {p.tokenizer === 'bpe' && !fromCheckpoint ? num('bpeVocab', t.bpeVocab) : null}
        <Select label={t.start} value={p.start} onChange={(v) => setParam('start', v)} options={(['scratch', 'checkpoint', 'loaded'] as const).map((v) => ({ value: v, label: t.starts[v] }))}>
          <ParamIssue issue={issues.start} locale={locale} />
        </Select>
        <Select label={t.backend} value={p.backend} onChange={(v) => setParam('backend', v)} options={(['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const).map((v) => ({ value: v, label: t.backends[v] }))}>
          <ParamIssue issue={issues.backend} locale={locale} />
        </Select>
      </fieldset>
      <fieldset className="tl-group" disabled={locked}>
        <legend>{t.model}</legend>
        {fromCheckpoint ? (
          <>
            <p className="ui-hint">{t.checkpointShape(`${shape.nLayer} × ${shape.nHead} heads × d ${shape.dModel}, context ${shape.contextLength}`)}</p>
            {num('seed', t.seed)}
          </>
        ) : (
          <div className="tl-grid2">
            {num('layers', t.layers)}
            {num('heads', t.heads)}
            {num('dModel', t.dModel, { step: 8 })}
            {num('context', t.context, { step: 8 })}
            {num('seed', t.seed)}
          </div>
        )}
      </fieldset>
      <fieldset className="tl-group" disabled={locked}>
        <legend>{t.training}</legend>
        <div className="tl-grid2">
          {num('lr', t.lr, { log: true, format: lrFormat })}
          {num('batch', t.batch)}
          {num('steps', t.steps, { step: 10 })}
          {num('warmup', t.warmup)}
          {num('decay', t.decay, { step: 0.01 })}
          {num('sampleEvery', t.sampleEvery)}
        </div>
      </fieldset>
    </div>
  );
});
