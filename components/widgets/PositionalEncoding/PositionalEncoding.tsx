'use client';
// PositionalEncoding: the sinusoidal table of Vaswani et al. 2017 as a heatmap (position ×
// dimension) and as cosine similarity between positions, next to the same two views of a
// trained checkpoint's learned positions `wpe`. Pure arrays on canvases: no engine, no tfjs.
import './PositionalEncoding.css';
import { useMemo } from 'react';
import { Heatmap } from '@/components/ui/Heatmap';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { cosineSimilarityMatrix, sinusoidalEncoding } from '@/lib/model/positional';
import { POSITIONS_ID, positionsSchema, type ShippedCheckpoint } from './params';
import { STRINGS } from './strings';
import { useLearnedPositions } from './useLearnedPositions';

/** An encoding table (position × dimension) beside its position-by-position cosine similarity. */
function EncodingPair({ testId, values, similarity, rows, d, limit, t }: {
  testId: string;
  values: Float32Array;
  similarity: Float32Array;
  rows: number;
  d: number;
  limit: number;
  t: (typeof STRINGS)[keyof typeof STRINGS];
}) {
  return (
    <div className="pe-pair">
      <Heatmap
        testId={`${testId}-encoding`}
        values={values}
        rows={rows}
        cols={d}
        scale="diverging"
        limit={limit}
        label={t.encoding}
        xLabel={`${t.dimension} 0 … ${d - 1} →`}
        yLabel={`${t.position} ↓`}
        describe={(r, c, v) => t.cell(r, c, v)}
      />
      <Heatmap
        testId={`${testId}-similarity`}
        values={similarity}
        rows={rows}
        cols={rows}
        scale="diverging"
        limit={1}
        label={t.similarity}
        xLabel={`${t.position} →`}
        yLabel={`${t.position} ↓`}
        describe={(r, c, v) => t.pair(r, c, v)}
      />
    </div>
  );
}

export interface PositionalEncodingProps {
  /** The checkpoint whose learned positions are shown by default. */
  checkpoint?: ShippedCheckpoint;
  /** Checkpoints this build has (checked at build time; unknown in presenter mode: then try to fetch). */
  shipped?: readonly ShippedCheckpoint[];
  presenter?: boolean;
}

const maxAbs = (v: Float32Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

export default function PositionalEncoding({ checkpoint = 'en-shakespeare', shipped, presenter = false }: PositionalEncodingProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const schema = useMemo(() => positionsSchema(checkpoint), [checkpoint]);
  const { params, issues, setParam, reset } = useWidgetParams(POSITIONS_ID, schema);
  const d = params.dims + (params.dims % 2); // sin/cos pairs
  const T = params.positions;
  const sinusoid = useMemo(() => sinusoidalEncoding(T, d), [T, d]);
  const sinusoidSim = useMemo(() => cosineSimilarityMatrix(sinusoid, T, d), [sinusoid, T, d]);
  const learned = useLearnedPositions(params.checkpoint, shipped ? shipped.includes(params.checkpoint) : true);
  const learnedSim = useMemo(() => (learned.status === 'ready' ? cosineSimilarityMatrix(learned.values, learned.rows, learned.d) : null), [learned]);
  const learnedLimit = learned.status === 'ready' ? Number(maxAbs(learned.values).toPrecision(2)) : 1;

  return (
    <WidgetFrame
      className="pe"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'positions', POSITIONS_ID, schema, params)}
      onReset={reset}
    >
      <div className="wf-row">
        <Slider label={t.positions} value={params.positions} min={4} max={256} onChange={(v) => setParam('positions', v)}>
          <ParamIssue issue={issues.positions} locale={locale} />
        </Slider>
        <Slider label={t.dims} value={params.dims} min={4} max={512} step={2} onChange={(v) => setParam('dims', v)}>
          <ParamIssue issue={issues.dims} message={params.dims % 2 ? t.oddDims : undefined} locale={locale} />
        </Slider>
        <Select label={t.checkpoint} value={params.checkpoint} options={schema.checkpoint.options.map((c) => ({ value: c, label: t.checkpoints[c] }))} onChange={(v) => setParam('checkpoint', v)} />
      </div>
      <section className="pe-row" aria-label={t.sinusoidal}>
        <h4 className="pe-row-title">{t.sinusoidal} <code className="pe-formula">{t.formula}</code></h4>
        <EncodingPair testId="sinusoid" values={sinusoid} similarity={sinusoidSim} rows={T} d={d} limit={1} t={t} />
      </section>
      <section className="pe-row" aria-label={t.learned(params.checkpoint)}>
        <h4 className="pe-row-title">{t.learned(params.checkpoint)}</h4>
        {learned.status === 'ready' && learnedSim ? (
          <>
            <EncodingPair testId="learned" values={learned.values} similarity={learnedSim} rows={learned.rows} d={learned.d} limit={learnedLimit} t={t} />
            <p className="wf-note">{t.learnedShape(learned.rows, learned.d)}</p>
          </>
        ) : (
          <p className={`pe-message${learned.status === 'loading' ? '' : ' pe-message-warn'}`} role="status">
            {learned.status === 'missing' ? t.missing(learned.message) : learned.status === 'error' ? t.failed(learned.message) : t.loading}
          </p>
        )}
      </section>
    </WidgetFrame>
  );
}
