'use client';
// TokenizerPlayground: the reader's text as characters and as byte-level BPE tokens side by side,
// with counts, and BPE's merge list stepped merge by merge (at merge k the text is tokenized with
// the first k merges). BPE trains on a 100k-character slice of a shipped corpus in a worker.
import './TokenizerPlayground.css';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { charPieces, tokensAtMerge } from '@/lib/tokenizer/merge-steps';
import { TOKENIZER_ID, tokenizerSchema, type PlaygroundCorpus } from './params';
import { STRINGS } from './strings';
import { TokenRow } from './TokenRow';
import { useBpeTraining } from './useBpeTraining';

export interface TokenizerPlaygroundProps {
  /** Corpus BPE trains on by default (a chapter in Chinese picks the Tang poems). */
  corpus?: PlaygroundCorpus;
  presenter?: boolean;
}

const MAX_TEXT = 4000;

export default function TokenizerPlayground({ corpus = 'tiny-shakespeare', presenter = false }: TokenizerPlaygroundProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const schema = useMemo(() => tokenizerSchema(corpus), [corpus]);
  const { params, issues, setParam, reset } = useWidgetParams(TOKENIZER_ID, schema);
  const [text, setText] = useState(t.defaultText);
  const [playing, setPlaying] = useState(false);
  const training = useBpeTraining(params.corpus, params.merges);
  const learned = training.merges.length;
  const k = Math.min(params.step, learned);

  const chars = useMemo(() => charPieces(text), [text]);
  const bpe = useMemo(() => tokensAtMerge(training.merges, k, text), [training.merges, k, text]);
  const byteCount = useMemo(() => new TextEncoder().encode(text).length, [text]);

  const step = useCallback((delta: number) => setParam('step', Math.max(0, Math.min(learned, k + delta))), [setParam, learned, k]);
  // Play: one merge every 350 ms from where the slider is (from 0 if it is at the end).
  const running = playing && !(k >= learned && training.status === 'done');
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => step(1), 350);
    return () => clearTimeout(timer);
  }, [running, k, step]);
  const togglePlay = useCallback(() => {
    if (!running && k >= learned) setParam('step', 0);
    setPlaying(!running);
  }, [running, k, learned, setParam]);
  const keys = useMemo(() => ({ step: () => step(1), toggleRun: togglePlay, help: [['→', t.stepKey], ['Space', t.playKey]] as [string, string][] }), [step, togglePlay, t]);

  const merge = k > 0 ? training.merges[k - 1] : null;
  const readable = (id: number) => (id < 256 ? tokensAtMerge([], 0, String.fromCharCode(id))[0]?.text ?? '' : training.merges[id - 256]?.text ?? '');
  const recent = training.merges.slice(Math.max(0, k - 8), k).map((m, i) => ({ m, index: Math.max(0, k - 8) + i + 1 })).reverse();
  const statusText =
    training.status === 'loading' ? t.loading
    : training.status === 'training' ? t.training(learned, params.merges)
    : training.status === 'error' ? t.failed(training.error ?? '')
    : t.trained(learned, training.ms ?? 0, t.corpora[params.corpus]);

  return (
    <WidgetFrame
      className="tp"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'tokenizer', TOKENIZER_ID, schema, params)}
      onReset={() => {
        reset();
        setText(t.defaultText);
        setPlaying(false);
      }}
      keys={keys}
      dataAttrs={{ 'data-bpe-status': training.status }}
    >
      <div className="ui-field">
        <label htmlFor="tp-text">{t.text}</label>
        <textarea id="tp-text" className="tp-text" value={text} maxLength={MAX_TEXT} rows={presenter ? 2 : 3} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="tp-compare">
        <div className="tp-panel">
          <h4 className="tp-panel-head">
            <span>{t.chars}</span>
            <span className="tp-count" data-testid="char-count">{t.tokens(chars.length)}</span>
          </h4>
          <TokenRow pieces={chars.map((c) => ({ text: c }))} label={t.chars} testId="char-tokens" />
        </div>
        <div className="tp-panel">
          <h4 className="tp-panel-head">
            <span>{t.bpe(k)}</span>
            <span className="tp-count" data-testid="bpe-count">{t.tokens(bpe.length)}</span>
          </h4>
          <TokenRow pieces={bpe} label={t.bpe(k)} testId="bpe-tokens" />
        </div>
      </div>
      <p className="wf-note">{`${t.bytes(byteCount)} · ${t.ratio(bpe.length ? (chars.length / bpe.length).toFixed(2) : '—')} (BPE)`} · {t.legendNote}</p>
      <div className="tp-stepper">
        <div className="tp-step-buttons">
          <Button onClick={() => step(-1)} disabled={k <= 0} aria-label={t.prev}>◀</Button>
          <Button variant="primary" onClick={togglePlay} disabled={learned === 0}>{running ? t.pause : t.play}</Button>
          <Button onClick={() => step(1)} disabled={k >= learned} aria-label={t.next}>▶</Button>
        </div>
        <Slider label={t.step} value={k} min={0} max={Math.max(1, learned)} onChange={(v) => setParam('step', v)}>
          <ParamIssue issue={issues.step} locale={locale} />
        </Slider>
      </div>
      <p className="tp-merge" aria-live="polite" data-testid="merge-line">
        {merge ? t.mergeLine(k, readable(merge.pair[0]), readable(merge.pair[1]), merge.text, merge.count) : t.noMerge}
      </p>
      <div className="tp-bottom">
        <div className="tp-settings">
          <Select label={t.corpus} value={params.corpus} options={schema.corpus.options.map((c) => ({ value: c, label: t.corpora[c] }))} onChange={(v) => setParam('corpus', v)} />
          <Slider label={t.merges} value={params.merges} min={10} max={1000} step={10} onChange={(v) => {
            setParam('merges', v);
            setParam('step', v);
          }}>
            <ParamIssue issue={issues.merges} locale={locale} />
          </Slider>
        </div>
        <div className="tp-merge-list">
          <h4>{t.mergeList}</h4>
          <ol>
            {recent.map(({ m, index }) => (
              <li key={index} className={index === k ? 'tp-current' : undefined}>
                <span className="tp-merge-index">{index}</span>
                <code>{`${readable(m.pair[0])} + ${readable(m.pair[1])}`}</code>
                <span aria-hidden="true">→</span>
                <code className="tp-merge-new">{m.text.replace(/ /g, '·')}</code>
              </li>
            ))}
          </ol>
        </div>
      </div>
      <p className={`tp-status${training.status === 'error' ? ' tp-status-error' : ''}`} role="status">{statusText}</p>
    </WidgetFrame>
  );
}
