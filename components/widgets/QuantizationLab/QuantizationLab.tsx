'use client';
// QuantizationLab: a shipped checkpoint in float32, int8 (absmax per output channel) and intN
// (min–max per group of input rows, bits and group size chosen by the reader). The engine's worker
// quantizes, measures perplexity on the checkpoint's own validation text, and samples each model
// with one seed; the lab lays out the exact bytes, the perplexities, one matrix's histogram with
// its quantization grid, the error per tensor and the three samples side by side.
import '@/components/ui/ui.css';
import './QuantizationLab.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BarChart } from '@/components/ui/BarChart';
import { Button } from '@/components/ui/Button';
import { Histogram } from '@/components/ui/Histogram';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { StatusLine } from '@/components/ui/StatusLine';
import { Toggle } from '@/components/ui/Toggle';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { CHECKPOINTS, GROUPS, groupSize, MATRIX_KINDS, matrixName, QUANTIZATION_ID, quantizationSchema, SAMPLE_TOKENS, type QuantCheckpoint, type QuantParams } from './params';
import { STRINGS } from './strings';
import { useQuantizationRun, type QuantRequest } from './useQuantizationRun';

export interface QuantizationLabProps {
  checkpoint?: QuantCheckpoint;
  presenter?: boolean;
}

function requestOf(p: QuantParams): QuantRequest {
  const c = CHECKPOINTS[p.checkpoint];
  const abs = (u: string) => new URL(u, window.location.href).href;
  return { checkpointUrl: abs(c.url), corpusUrl: abs(c.corpus), bits: p.bits, groupSize: groupSize(p.group), includeEmbeddings: p.embeddings, evalTokens: p.evalTokens, prompt: c.prompt, seed: p.seed, sampleTokens: SAMPLE_TOKENS };
}
const sameRequest = (a: QuantRequest, b: QuantRequest) => JSON.stringify(a) === JSON.stringify(b);

export default function QuantizationLab({ checkpoint, presenter = false }: QuantizationLabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLDivElement>(null);
  const defaultCheckpoint = checkpoint ?? (locale === 'zh' ? 'zh-tang-poetry' : 'en-shakespeare');
  const schema = useMemo(() => quantizationSchema(defaultCheckpoint), [defaultCheckpoint]);
  const { params: p, issues, setParam, reset, fromUrl } = useWidgetParams(QUANTIZATION_ID, schema);
  const q = useQuantizationRun(rootRef);
  const [ranWith, setRanWith] = useState<QuantRequest | null>(null);
  const ready = q.report !== null;
  const running = q.status === 'running';

  const start = useCallback(() => {
    if (!ready || running) return;
    const request = requestOf(p);
    setRanWith(request);
    q.run(request);
  }, [ready, running, p, q]);
  // Measure the defaults (or the link's settings) once the engine is up: the table is the point.
  const autoRan = useRef(false);
  useEffect(() => {
    if (!fromUrl || !ready || autoRan.current) return;
    autoRan.current = true;
    start();
  }, [fromUrl, ready, start]);

  const keys = useMemo(() => ({ toggleRun: () => (running ? q.stop() : start()), help: [['Space', t.keys.run]] as [string, string][] }), [running, q, start, t]);
  const stale = ranWith !== null && q.results.length > 0 && typeof window !== 'undefined' && !sameRequest(ranWith, requestOf(p));
  const float32 = q.results.find((r) => r.variant === 'float32');
  const shown = q.results.find((r) => r.variant === p.show);
  const layers = float32 ? new Set(float32.histograms.map((h) => h.name.match(/^h\.(\d+)\./)?.[1]).filter(Boolean)).size : 12;
  const layer = Math.min(p.layer, layers - 1);
  const name = matrixName(p.matrix, layer);
  const hist = shown?.histograms.find((h) => h.name === name);
  const params = CHECKPOINTS[p.checkpoint].params;
  const labelOf = (variant: string, bits: number) => t.variant(variant, bits, ranWith?.groupSize ?? groupSize(p.group));

  return (
    <WidgetFrame
      className="ql"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'quantization', QUANTIZATION_ID, schema, p)}
      onReset={() => {
        if (running) q.stop();
        reset();
      }}
      keys={keys}
      footer={
        <StatusLine
          items={[
            { label: t.status.backend, value: q.report ? `${q.report.backend}${q.report.inWorker ? '' : ' (main thread)'}` : '…', title: q.report?.details ?? q.report?.reason },
            { label: t.status.model, value: t.modelSize(params) },
            { label: t.status.heldOut, value: q.heldOutTokens !== null ? t.heldOut(q.heldOutTokens) : '…' },
          ]}
        />
      }
      dataAttrs={{ 'data-params': fromUrl ? 'url' : 'defaults', 'data-status': ready ? q.status : 'starting', 'data-results': String(q.results.length) }}
    >
      <div ref={rootRef} className="ql-controls">
        <Select label={t.checkpoint} value={p.checkpoint} disabled={running} options={schema.checkpoint.options.map((c) => ({ value: c, label: t.checkpoints[c] }))} onChange={(c) => setParam('checkpoint', c)}>
          <ParamIssue issue={issues.checkpoint} locale={locale} />
        </Select>
        <Slider label={t.bits} value={p.bits} min={2} max={8} disabled={running} onChange={(v) => setParam('bits', v)}>
          <ParamIssue issue={issues.bits} locale={locale} />
        </Slider>
        <Select label={t.group} value={p.group} disabled={running} options={GROUPS.map((g) => ({ value: g, label: t.groups[g] }))} onChange={(g) => setParam('group', g)}>
          <ParamIssue issue={issues.group} locale={locale} />
        </Select>
        <Slider label={t.evalTokens} value={p.evalTokens} min={512} max={40_000} step={512} disabled={running} onChange={(v) => setParam('evalTokens', v)}>
          <ParamIssue issue={issues.evalTokens} locale={locale} />
        </Slider>
        <Slider label={t.seed} value={p.seed} min={0} max={999} disabled={running} onChange={(v) => setParam('seed', v)}>
          <ParamIssue issue={issues.seed} locale={locale} />
        </Slider>
        <div className="ql-run">
          <Toggle label={t.embeddings} checked={p.embeddings} disabled={running} onChange={(v) => setParam('embeddings', v)} />
          {running ? (
            <Button variant="danger" onClick={q.stop} shortcut={presenter ? 'Space' : undefined}>{t.stop}</Button>
          ) : (
            <Button variant="primary" onClick={start} disabled={!ready} shortcut={presenter ? 'Space' : undefined}>{t.run}</Button>
          )}
        </div>
      </div>
      {q.progress && running ? <ProgressBar done={q.progress.done} total={q.progress.total} etaMs={q.progress.etaMs} label={q.progress.message} locale={locale} /> : null}
      {q.error ? <p className="ui-issue" role="alert">{t.error(q.error)}</p> : null}
      {stale ? <p className="ql-stale" role="status">{t.stale}</p> : null}

      {/* Left: the table and the per-tensor errors; right: the histogram and the samples. In the
          chapter these wrappers vanish (display: contents) and CSS order keeps table, histogram,
          errors, samples; in presenter mode they are the two columns of one screen. */}
      <div className="ql-columns">
        <div className="ql-left">
          <table className="ql-table" data-testid="quant-table">
            <caption>{t.table}</caption>
            <thead>
              <tr>
                {Object.values(t.cols).map((c) => (
                  <th key={c} scope="col">{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(['float32', 'int8', 'intN'] as const).map((variant) => {
                const r = q.results.find((x) => x.variant === variant);
                const label = r ? labelOf(variant, r.bits) : t.variant(variant, variant === 'int8' ? 8 : p.bits, groupSize(p.group));
                return (
                  <tr key={variant} data-variant={variant} {...(r ? { 'data-bytes': String(r.bytes), 'data-perplexity': String(r.perplexity), 'data-quantized-bytes': String(r.quantizedBytes), 'data-quantized-float32-bytes': String(r.quantizedFloat32Bytes) } : {})}>
                    <th scope="row">{label}</th>
                    <td>{r ? r.bitsPerParam.toFixed(2) : variant === 'float32' ? '32.00' : t.pending}</td>
                    <td className="ql-bytes">{r ? r.bytes.toLocaleString('en') : variant === 'float32' ? (params * 4).toLocaleString('en') : t.pending}</td>
                    <td>{r ? t.ratio(r.bytes / r.float32Bytes) : t.pending}</td>
                    <td>{r && r.quantizedBytes ? `${r.quantizedBytes.toLocaleString('en')} (${r.quantizedFloat32Bytes.toLocaleString('en')})` : r ? '—' : t.pending}</td>
                    <td className="ql-ppl">{r ? r.perplexity.toFixed(3) : t.pending}</td>
                    <td>{r && float32 && variant !== 'float32' ? t.delta(r.perplexity / float32.perplexity - 1) : r ? '—' : t.pending}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="ql-errors">
            {shown ? (
              <>
                <h4 className="ql-h">{t.errors(labelOf(shown.variant, shown.bits))}</h4>
                <BarChart
                  testId="tensor-errors"
                  label={t.errorsLabel}
                  bars={shown.tensors
                    .filter((x) => x.quantized)
                    .map((x) => ({ key: x.name, label: x.name.replace(/\.weight$/, ''), value: x.meanAbsError, valueText: x.meanAbsError.toExponential(1), tone: x.name === name ? 'strong' : 'normal' }))}
                />
              </>
            ) : null}
          </div>
        </div>
        <div className="ql-right">
          <div className="ql-hist">
            <div className="ql-hist-controls">
              <Select label={t.matrix} value={p.matrix} options={MATRIX_KINDS.map((m) => ({ value: m, label: m }))} onChange={(m) => setParam('matrix', m)} />
              {p.matrix !== 'wte' ? <Select label={t.layer} value={String(layer)} options={Array.from({ length: layers }, (_, i) => ({ value: String(i), label: String(i + 1) }))} onChange={(l) => setParam('layer', Number(l))} /> : null}
              <Select label={t.show} value={p.show} options={(['int8', 'intN'] as const).map((v) => ({ value: v, label: labelOf(v, q.results.find((r) => r.variant === v)?.bits ?? (v === 'int8' ? 8 : p.bits)) }))} onChange={(v) => setParam('show', v)} />
            </div>
            {hist && shown ? (
              <>
                <Histogram
                  testId="weight-histogram"
                  edges={hist.edges}
                  filled={hist.before}
                  outlined={hist.after}
                  markers={hist.grid}
                  label={t.histogram(name)}
                  xLabel={`${t.histogramX} (${name})`}
                  legend={{ filled: t.before, outlined: t.after(labelOf(shown.variant, shown.bits)), markers: t.grid }}
                />
                <p className="wf-note">{hist.grid.length ? t.gridNote(hist.gridStep, hist.grid.length) : t.floatNote}</p>
              </>
            ) : (
              <p className="wf-note">{ready ? t.notRun : t.starting}</p>
            )}
          </div>
          {q.results.length ? (
            <section className="ql-samples" aria-label={t.samples(p.seed)}>
              <h4 className="ql-h">{t.samples(ranWith?.seed ?? p.seed)}</h4>
              <div className="ql-sample-grid">
                {q.results.map((r) => (
                  <figure key={r.variant} className="ql-sample" data-variant={r.variant}>
                    <figcaption>{labelOf(r.variant, r.bits)}</figcaption>
                    <pre>
                      <span className="ql-prompt">{CHECKPOINTS[p.checkpoint].prompt}</span>
                      {r.sample}
                    </pre>
                  </figure>
                ))}
              </div>
            </section>
          ) : null}
        </div>
      </div>
    </WidgetFrame>
  );
}
