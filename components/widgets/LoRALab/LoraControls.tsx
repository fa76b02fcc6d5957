'use client';
// LoRALab's settings: base and text, the adapter (rank, alpha, dropout, target linears) and the
// training knobs of both runs. Every value goes through the params store, which clamps or refuses
// a bad one; the reason is shown under that control.
import { memo } from 'react';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { Toggle } from '@/components/ui/Toggle';
import type { UiLocale } from '@/components/ui/useLocale';
import type { ParamIssue as Issue } from '@/lib/state/params';
import { type BaseName, type LoraLabParams, loraLabSchema, TARGET_KEYS } from './params';
import { STRINGS } from './strings';

const SCHEMA = loraLabSchema();
const lrFormat = (v: number) => (v < 0.001 ? v.toExponential(1) : String(Number(v.toPrecision(2))));

export interface LoraControlsProps {
  params: LoraLabParams;
  issues: Partial<Record<keyof LoraLabParams, Issue>>;
  setParam(key: keyof LoraLabParams & string, value: unknown): void;
  cross: { key: 'cAttn'; message: string } | null;
  locked: boolean;
  locale: UiLocale;
  pasted: string;
  onPasted(text: string): void;
  pastedError: string | null;
  onUsePasted(): void;
  corpusInfo: string | null;
}

export const LoraControls = memo(function LoraControls(props: LoraControlsProps) {
  const { params: p, issues, setParam, cross, locked, locale, pasted, onPasted, pastedError, onUsePasted, corpusInfo } = props;
  const t = STRINGS[locale];
  const num = (key: keyof LoraLabParams & string, label: string, extra: Partial<Parameters<typeof Slider>[0]> = {}) => {
    const spec = SCHEMA[key] as { min: number; max: number };
    return (
      <Slider key={key} label={label} value={p[key] as number} min={spec.min} max={spec.max} onChange={(v) => setParam(key, v)} disabled={locked} {...extra}>
        <ParamIssue issue={issues[key]} locale={locale} />
      </Slider>
    );
  };
  return (
    <div className="ll-controls">
      <fieldset className="ll-group" disabled={locked}>
        <legend>{t.base}</legend>
        <Select label={t.base} value={p.base} onChange={(v) => setParam('base', v)} options={(['en-shakespeare', 'zh-tang-poetry'] as const).map((v) => ({ value: v, label: t.bases[v] }))}>
          <ParamIssue issue={issues.base} locale={locale} />
        </Select>
        <Select label={t.text} value={p.text} onChange={(v) => setParam('text', v)} options={(['shipped', 'pasted'] as const).map((v) => ({ value: v, label: v === 'shipped' ? `${t.texts.shipped}: ${t.shippedText[p.base as BaseName]}` : t.texts.pasted }))}>
          <ParamIssue issue={issues.text} locale={locale} />
        </Select>
        {p.text === 'pasted' ? (
          <div className="ll-paste">
            <textarea className="ll-textarea" rows={4} value={pasted} placeholder={t.pastePlaceholder} aria-label={t.texts.pasted} onChange={(e) => onPasted(e.target.value)} />
            {pastedError ? <ParamIssue message={pastedError} locale={locale} /> : null}
            <button type="button" className="ui-button" disabled={!pasted.trim() || pastedError !== null} onClick={onUsePasted}>{t.useText}</button>
          </div>
        ) : null}
        {corpusInfo ? <p className="ui-hint" data-testid="corpus-info">{corpusInfo}</p> : null}
      </fieldset>
      <fieldset className="ll-group" disabled={locked}>
        <legend>{t.adapter}</legend>
        {num('r', t.r)}
        {num('alpha', t.alpha)}
        {num('dropout', t.dropout, { step: 0.05 })}
        <div className="ll-targets" role="group" aria-label={t.targets}>
          <span className="ll-targets-label">{t.targets}</span>
          {(Object.keys(TARGET_KEYS) as (keyof typeof TARGET_KEYS)[]).map((key) => (
            <Toggle key={key} label={<code>{t.targetNames[key]}</code>} checked={p[key]} onChange={(v) => setParam(key, v)} disabled={locked} />
          ))}
          {cross ? <ParamIssue message={cross.message} locale={locale} /> : null}
        </div>
      </fieldset>
      <fieldset className="ll-group" disabled={locked}>
        <legend>{t.training}</legend>
        <Toggle label={t.full} checked={p.full} onChange={(v) => setParam('full', v)} disabled={locked} />
        <div className="ll-grid2">
          {num('steps', t.steps, { step: 10 })}
          {num('batch', t.batch)}
          {num('lr', t.lr, { log: true, format: lrFormat })}
          {num('fullLr', t.fullLr, { log: true, format: lrFormat })}
          {num('warmup', t.warmup)}
          {num('seed', t.seed)}
        </div>
        <Select label={t.backend} value={p.backend} onChange={(v) => setParam('backend', v)} options={(['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] as const).map((v) => ({ value: v, label: t.backends[v] }))}>
          <ParamIssue issue={issues.backend} locale={locale} />
        </Select>
      </fieldset>
    </div>
  );
});
