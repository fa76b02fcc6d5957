'use client';
// SamplingLab: a shipped tiny GPT's next-token distribution as ranked bars that follow the
// temperature / top-k / top-p / repetition-penalty controls live (the cut drawn, the kept mass
// stated), generation token by token or in a run — in two lanes from the same seed to compare two
// settings — with every token coloured by its probability and its alternatives one click away,
// and beam search with its beams and scores. The engine's worker computes every number.
import '@/components/ui/ui.css';
import './SamplingLab.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BarChart } from '@/components/ui/BarChart';
import { Button } from '@/components/ui/Button';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { Select } from '@/components/ui/Select';
import { StatusLine, type StatusItem } from '@/components/ui/StatusLine';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { AlternativesChart, BeamPanel, LaneOutput, SettingsFields } from './parts';
import { CHECKPOINTS, laneSettings, SAMPLING_ID, samplingSchema, visibleToken, type SamplingCheckpoint } from './params';
import { STRINGS } from './strings';
import { useSamplingEngine } from './useSamplingEngine';

export interface SamplingLabProps {
  /** The model selected by default (the Chinese chapter picks the Tang poems). */
  checkpoint?: SamplingCheckpoint;
  presenter?: boolean;
}

const checkpointUrl = (c: SamplingCheckpoint) => new URL(CHECKPOINTS[c].url, window.location.href).href;

export default function SamplingLab({ checkpoint, presenter = false }: SamplingLabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLElement>(null);
  // Presenter mode has no chapter to pass the model: the page's language picks it.
  const defaultCheckpoint = checkpoint ?? (locale === 'zh' ? 'zh-tang-poetry' : 'en-shakespeare');
  const schema = useMemo(() => samplingSchema(defaultCheckpoint), [defaultCheckpoint]);
  const { params: p, issues, setParam, setMany, reset, fromUrl } = useWidgetParams(SAMPLING_ID, schema);
  // What the lanes' text continues: a new model, prompt, seed or lane set starts it over.
  const textKey = `${p.checkpoint}|${p.prompt}|${p.seed}|${p.compare}|${p.mode}`;
  const engine = useSamplingEngine(rootRef, textKey);
  const { status, distribution, lanes, beam, askNext, generate, runBeam, clear, pause, resume, stop } = engine;
  const [picked, setSelected] = useState<{ key: string; lane: number; index: number } | null>(null);
  const selected = picked?.key === textKey ? picked : null;
  const ready = engine.report !== null;
  const busy = status === 'running' || status === 'paused';
  const laneCount = p.compare && p.mode === 'sample' ? 2 : 1;

  // The distribution follows the settings and lane A's text (debounced while a slider moves).
  const settingsA = useMemo(() => laneSettings(p, 0), [p]);
  const generatedA = lanes[0].tokens;
  useEffect(() => {
    if (!ready || status === 'running') return;
    const timer = setTimeout(() => askNext(checkpointUrl(p.checkpoint), p.prompt, generatedA.map((tok) => tok.id), settingsA), 60);
    return () => clearTimeout(timer);
  }, [ready, status, p.checkpoint, p.prompt, generatedA, settingsA, askNext]);

  const settings = useCallback(() => (laneCount === 2 ? [laneSettings(p, 0), laneSettings(p, 1)] : [laneSettings(p, 0)]), [p, laneCount]);
  const oneToken = useCallback(() => {
    if (!ready || busy || p.mode !== 'sample') return;
    generate(textKey, checkpointUrl(p.checkpoint), p.prompt, p.seed, settings(), 1);
  }, [ready, busy, p, generate, settings, textKey]);
  const runOrPause = useCallback(() => {
    if (!ready) return;
    if (status === 'running') return pause();
    if (status === 'paused') return resume();
    if (p.mode === 'beam') return runBeam(checkpointUrl(p.checkpoint), p.prompt, p.width, p.alpha, p.beamTokens);
    generate(textKey, checkpointUrl(p.checkpoint), p.prompt, p.seed, settings(), p.tokens);
  }, [ready, status, p, pause, resume, runBeam, generate, settings, textKey]);
  const onReset = useCallback(() => {
    if (busy) stop();
    reset();
    clear(textKey);
    setSelected(null);
  }, [busy, stop, reset, clear, textKey]);
  const keys = useMemo(() => ({ toggleRun: runOrPause, step: oneToken, help: [['Space', t.keys.run], ['→', t.keys.step]] as [string, string][] }), [runOrPause, oneToken, t]);

  const shown = distribution?.candidates ?? [];
  const keptShown = shown.filter((c) => c.kept).length;
  const selectedToken = selected ? lanes[selected.lane].tokens[selected.index] : undefined;
  const info = distribution?.prompt;

  const status_: StatusItem[] = [
    { label: t.status.backend, value: engine.report ? `${engine.report.backend}${engine.report.inWorker ? '' : ' (main thread)'}` : '…', title: engine.report?.details ?? engine.report?.reason },
    { label: t.status.model, value: info ? t.modelSize(info.model.params, info.model.nLayer, info.model.dModel, info.model.vocabSize) : '…' },
    { label: t.status.prompt, value: info ? t.promptInfo(info.tokens, info.dropped) : '…', tone: info?.dropped ? 'warning' : 'normal' },
    { label: t.status.speed, value: engine.tokensPerSec !== null ? t.tokensPerSec(engine.tokensPerSec) : '—' },
  ];

  return (
    <WidgetFrame
      className="sl"
      title={t.title}
      subtitle={t.subtitle}
      locale={locale}
      presenter={presenter}
      presentHref={() => presentHref(locale, 'sampling', SAMPLING_ID, schema, p)}
      onReset={onReset}
      keys={keys}
      footer={<StatusLine items={status_} />}
      dataAttrs={{
        'data-params': fromUrl ? 'url' : 'defaults',
        'data-status': ready ? status : 'starting',
        ...(distribution ? { 'data-kept-count': String(distribution.keptCount), 'data-kept-mass': String(distribution.keptMass) } : {}),
      }}
    >
      <div ref={rootRef as React.RefObject<HTMLDivElement>} className="sl-top">
        <div className="ui-field sl-prompt">
          <label htmlFor="sl-prompt">{t.prompt}</label>
          <textarea id="sl-prompt" rows={2} value={p.prompt} maxLength={200} onChange={(e) => setParam('prompt', e.target.value)} disabled={busy} />
          <ParamIssue issue={issues.prompt} locale={locale} />
        </div>
        <Select
          label={t.checkpoint}
          value={p.checkpoint}
          disabled={busy}
          options={schema.checkpoint.options.map((c) => ({ value: c, label: t.checkpoints[c] }))}
          onChange={(c) => setMany({ checkpoint: c, prompt: CHECKPOINTS[c].prompt })}
        >
          <ParamIssue issue={issues.checkpoint} locale={locale} />
        </Select>
        <Select label={t.mode} value={p.mode} disabled={busy} options={(['sample', 'beam'] as const).map((m) => ({ value: m, label: t.modes[m] }))} onChange={(m) => setParam('mode', m)}>
          <ParamIssue issue={issues.mode} locale={locale} />
        </Select>
      </div>

      <div className="sl-main">
        <div className="sl-settings">
          <SettingsFields lane={0} p={p} issues={issues} setParam={setParam} t={t} locale={locale} mode={p.mode} />
          {p.mode === 'sample' && p.compare ? <SettingsFields lane={1} p={p} issues={issues} setParam={setParam} t={t} locale={locale} mode={p.mode} /> : null}
        </div>
        <figure className="sl-chart">
          <figcaption className="sl-chart-title">{info ? t.chartTitle(visibleToken([...(info.text + generatedA.map((g) => g.text).join(''))].slice(-16).join(''))) : t.starting}</figcaption>
          {distribution ? (
            <>
              <BarChart
                testId="next-token-chart"
                label={t.chartLabel}
                max={Math.max(...shown.map((c) => Math.max(c.before, c.after)))}
                cutAfter={keptShown > 0 && keptShown < shown.length ? keptShown : undefined}
                cutLabel={t.cut(distribution.keptCount)}
                bars={shown.map((c) => ({
                  key: c.id,
                  label: visibleToken(c.text),
                  value: c.after,
                  ghost: c.before,
                  tone: c.kept ? 'normal' : 'muted',
                  valueText: (c.kept ? c.after : c.before).toFixed(3),
                  data: { 'data-before': String(c.before), 'data-after': String(c.after), 'data-kept': String(c.kept) },
                }))}
              />
              {distribution.keptCount > keptShown ? <p className="wf-note">{t.moreKept(distribution.keptCount - keptShown)}</p> : null}
              <p className="sl-kept" data-testid="kept-mass">{t.kept(distribution.keptCount, distribution.keptMass, distribution.vocabSize)}</p>
              <p className="wf-legend">
                <span><span className="wf-swatch sl-swatch-after" />{t.legendAfter}</span>
                <span><span className="wf-swatch sl-swatch-before" />{t.legendBefore}</span>
              </p>
            </>
          ) : (
            <p className="sl-message" role="status">{engine.error ? t.error(engine.error) : t.starting}</p>
          )}
        </figure>
      </div>

      {/* What the lanes produce; in presenter mode a column of its own beside the distribution. */}
      <div className="sl-output">
        <div className="sl-actions">
          {p.mode === 'sample' ? (
            <Button onClick={oneToken} disabled={!ready || busy} shortcut={presenter ? '→' : undefined}>{t.step}</Button>
          ) : null}
          <Button variant="primary" onClick={runOrPause} disabled={!ready} shortcut={presenter ? 'Space' : undefined}>
            {status === 'running' ? t.pause : status === 'paused' ? t.resume : p.mode === 'beam' ? t.runBeam : t.run}
          </Button>
          {busy ? <Button variant="danger" onClick={stop}>{t.stop}</Button> : null}
          <Button variant="ghost" onClick={() => (clear(textKey), setSelected(null))} disabled={busy}>{t.clear}</Button>
        </div>
        {engine.progress && busy ? <ProgressBar done={engine.progress.done} total={engine.progress.total} etaMs={engine.progress.etaMs} label={t.generating(engine.progress.done, engine.progress.total)} locale={locale} /> : null}
        {engine.error && distribution ? <p className="ui-issue" role="alert">{t.error(engine.error)}</p> : null}

        {p.mode === 'sample' ? (
          <>
            <div className={`sl-lanes${laneCount === 2 ? ' sl-lanes-two' : ''}`}>
              {lanes.slice(0, laneCount).map((lane, i) => (
                <LaneOutput key={i} lane={i} name={laneCount === 2 ? (i === 0 ? t.laneA : t.laneB) : null} prompt={info?.text ?? p.prompt} tokens={lane.tokens} selected={selected?.lane === i ? selected.index : null} onSelect={(index) => setSelected({ key: textKey, lane: i, index })} t={t} />
              ))}
            </div>
            <p className="wf-note">{t.outputHint}</p>
            {selectedToken && selected ? <AlternativesChart token={selectedToken} lane={laneCount === 2 ? (selected.lane === 0 ? t.laneA : t.laneB) : ''} t={t} /> : null}
          </>
        ) : (
          <BeamPanel beam={beam} prompt={info?.text ?? p.prompt} t={t} />
        )}
      </div>
    </WidgetFrame>
  );
}
