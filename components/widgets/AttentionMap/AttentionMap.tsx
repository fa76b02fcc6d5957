'use client';
// AttentionMap: every layer × head of a shipped tiny GPT attending over the reader's text, one
// head enlarged with token labels; hovering a token shows where it attends. The engine's worker
// runs the forward pass (`attention` command); the page only draws the probabilities.
import './AttentionMap.css';
import { useCallback, useMemo, useState } from 'react';
import { Heatmap } from '@/components/ui/Heatmap';
import { Select } from '@/components/ui/Select';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { MiniMap } from './MiniMap';
import { ATTENTION_ID, attentionSchema, headMatrix, rowSumRange, type AttentionCheckpoint } from './params';
import { STRINGS } from './strings';
import { useAttention } from './useAttention';

export interface AttentionMapProps {
  checkpoint?: AttentionCheckpoint;
  /** Checkpoints this build has (checked at build time; unknown in presenter mode: then try). */
  shipped?: readonly AttentionCheckpoint[];
  presenter?: boolean;
}

const visible = (s: string) => s.replace(/ /g, '·').replace(/\\n|\n/g, '⏎');

export default function AttentionMap({ checkpoint = 'en-shakespeare', shipped, presenter = false }: AttentionMapProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const schema = useMemo(() => attentionSchema(checkpoint), [checkpoint]);
  const { params, setParam, setMany, reset } = useWidgetParams(ATTENTION_ID, schema);
  const [text, setText] = useState(t.defaultText);
  const [focus, setFocus] = useState<number | null>(null);
  // 'own': the reader's model from the Training Lab's saved files (not a URL param: files can't be).
  const [source, setSource] = useState<'shipped' | 'own'>('shipped');
  const { state: maps, own, loadError, loadFiles } = useAttention(params.checkpoint, text, shipped ? shipped.includes(params.checkpoint) : true, source);
  const masked = useCallback((r: number, c: number) => c > r, []);

  const ready = maps.status === 'ready' ? maps : null;
  const T = ready?.tokens.length ?? 0;
  const layer = ready ? Math.min(params.layer, ready.layers.length - 1) : 0;
  const head = ready ? Math.min(params.head, ready.nHead - 1) : 0;
  const big = useMemo(() => (ready ? headMatrix(ready.layers[layer], head, T) : null), [ready, layer, head, T]);
  const sums = useMemo(() => (ready ? rowSumRange(ready.layers, ready.nHead, T) : null), [ready, T]);

  return (
    <WidgetFrame
      className="am"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'attention', ATTENTION_ID, schema, params)}
      onReset={() => {
        reset();
        setText(t.defaultText);
      }}
      dataAttrs={{ 'data-status': maps.status, ...(sums ? { 'data-row-sums': `${sums[0].toFixed(5)},${sums[1].toFixed(5)}` } : {}) }}
    >
      <div className="am-inputs">
        <div className="ui-field am-text-field">
          <label htmlFor="am-text">{t.text}</label>
          <input id="am-text" className="am-text" value={text} maxLength={400} onChange={(e) => setText(e.target.value)} />
        </div>
        <Select
          label={t.checkpoint}
          value={source === 'own' ? 'own' : params.checkpoint}
          options={[...schema.checkpoint.options.map((c) => ({ value: c as string, label: t.checkpoints[c] })), ...(own ? [{ value: 'own', label: t.ownModel(own.summary.params, own.summary.nLayer, own.summary.nHead) }] : [])]}
          onChange={(v) => {
            if (v === 'own') return setSource('own');
            setSource('shipped');
            setParam('checkpoint', v);
          }}
        />
        <div className="ui-field am-load">
          <label htmlFor="am-load">{t.loadModel}</label>
          <input
            id="am-load"
            type="file"
            multiple
            accept=".json,.bin"
            data-testid="attention-load-model"
            onChange={async (e) => {
              if (e.target.files && (await loadFiles(e.target.files))) setSource('own');
              e.target.value = '';
            }}
          />
          {loadError ? <p className="ui-issue" role="alert">{t.loadFailed(loadError)}</p> : <p className="ui-hint">{t.loadHint}</p>}
        </div>
      </div>
      {ready && big ? (
        <>
          <p className="am-strip" onPointerLeave={() => setFocus(null)}>
            {ready.tokens.map((tok, i) => {
              const weight = focus !== null && i <= focus ? big[focus * T + i] : 0;
              return (
                <span
                  key={i}
                  className={`am-token${focus === i ? ' am-token-focus' : ''}`}
                  style={{ '--w': weight.toFixed(3) } as React.CSSProperties}
                  tabIndex={0}
                  onPointerEnter={() => setFocus(i)}
                  onFocus={() => setFocus(i)}
                  title={focus !== null ? t.cell(ready.tokens[focus], tok, weight) : undefined}
                >
                  {visible(tok)}
                </span>
              );
            })}
          </p>
          <p className="wf-note">{t.hoverHint}</p>
          <div className="am-layout">
            <Heatmap
              testId="attention-big"
              values={big}
              rows={T}
              cols={T}
              scale="sequential"
              limit={0.5}
              label={t.big(layer, head)}
              xLabel={t.key}
              yLabel={t.query}
              masked={masked}
              describe={(q, k, p) => (k > q ? '—' : t.cell(ready.tokens[q], ready.tokens[k], p))}
              onHover={(cell) => setFocus(cell ? cell.row : null)}
            />
            <div className="am-grid-wrap">
              <h4 className="am-grid-title">{t.grid}</h4>
              <div className="am-grid" style={{ gridTemplateColumns: `auto repeat(${ready.nHead}, minmax(0, 1fr))` }}>
                {ready.layers.map((values, l) => (
                  <div key={l} className="am-grid-row">
                    <span className="am-grid-label">{`L${l + 1}`}</span>
                    {Array.from({ length: ready.nHead }, (_, h) => (
                      <MiniMap key={h} values={headMatrix(values, h, T)} T={T} selected={l === layer && h === head} label={t.headLabel(l, h)} focusRow={focus} onSelect={() => setMany({ layer: l, head: h })} />
                    ))}
                  </div>
                ))}
              </div>
            </div>
          </div>
        </>
      ) : (
        <p className={`am-message${maps.status === 'starting' ? '' : ' am-message-warn'}`} role="status">
          {maps.status === 'missing' ? t.missing(maps.message) : maps.status === 'error' ? t.failed(maps.message) : t.starting}
        </p>
      )}
    </WidgetFrame>
  );
}
