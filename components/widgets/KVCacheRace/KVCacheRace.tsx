'use client';
// KVCacheRace: one prompt decoded twice in the engine's worker — full recompute of the window for
// every token, and with the KV cache — with each lane's tokens, time per token against position,
// positions computed, FLOPs and the cache's bytes as they grow. Every number comes from the run
// (engine feature `kvcache`); only the formula beside the bytes is computed here, as a check.
import '@/components/ui/ui.css';
import './KVCacheRace.css';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { LineChart } from '@/components/ui/LineChart';
import { ParamIssue } from '@/components/ui/ParamIssue';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { Select } from '@/components/ui/Select';
import { Slider } from '@/components/ui/Slider';
import { StatusLine, type StatusItem } from '@/components/ui/StatusLine';
import { useLocale } from '@/components/ui/useLocale';
import { WidgetFrame } from '@/components/widgets/shared/WidgetFrame';
import { presentHref, useWidgetParams } from '@/components/widgets/shared/useWidgetParams';
import { formatBytes, formatCount, formatFlops } from '@/lib/engine/estimates';
import type { RaceLaneName, RaceModelName } from '@/lib/engine/features/kvcache/protocol';
import { Lane } from './Lane';
import { cacheBytes, CHECKPOINTS, KV_RACE_ID, kvRaceSchema, raceShape, type RaceCheckpoint, recentMedian, rollingMedian } from './params';
import { STRINGS } from './strings';
import { useKVRace } from './useKVRace';
import { EngineErrorText } from '../shared/EngineErrorText';

export interface KVCacheRaceProps {
  /** The chapter's checkpoint (the zh chapter races the Tang-poetry model). */
  checkpoint?: RaceCheckpoint;
  presenter?: boolean;
}

const BASE_SCHEMA = kvRaceSchema();
const LANES: RaceLaneName[] = ['recompute', 'cache'];

export default function KVCacheRace({ checkpoint = 'en-shakespeare', presenter = false }: KVCacheRaceProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const rootRef = useRef<HTMLDivElement>(null);
  const schema = useMemo(() => kvRaceSchema(checkpoint), [checkpoint]);
  const { store, params, issues, setParam, reset, fromUrl } = useWidgetParams(KV_RACE_ID, schema);
  // The typed prompt belongs to the checkpoint it was typed for; another checkpoint starts from its default.
  const [typed, setTyped] = useState<{ checkpoint: RaceCheckpoint; text: string } | null>(null);
  const prompt = typed?.checkpoint === params.checkpoint ? typed.text : t.defaultPrompt[params.checkpoint];
  const setPrompt = (text: string) => setTyped({ checkpoint: params.checkpoint, text });
  const { state, race, send, clear } = useKVRace(rootRef, params.backend);
  const busy = state.status === 'preparing' || state.status === 'racing' || state.status === 'paused';
  const canRace = !busy && state.report !== null && prompt.trim().length > 0;

  const start = useCallback(
    (startPaused = false) => {
      const p = store.getState().params;
      race({
        checkpointUrl: new URL(CHECKPOINTS[p.checkpoint].url, window.location.href).href,
        model: p.model as RaceModelName,
        prompt,
        tokens: p.tokens,
        temperature: p.temperature,
        seed: p.seed,
        policy: p.policy,
        startPaused,
      });
    },
    [store, race, prompt],
  );
  const onReset = useCallback(() => {
    if (busy) send({ type: 'stop' });
    reset();
    clear();
    setTyped(null);
  }, [busy, send, reset, clear]);
  const keys = useMemo(
    () => ({
      toggleRun: () => {
        if (state.status === 'racing') send({ type: 'pause' });
        else if (state.status === 'paused') send({ type: 'resume' });
        else if (canRace) start();
      },
      step: () => {
        if (state.status === 'paused') send({ type: 'step' });
        else if (canRace) start(true);
      },
      help: [['Space', t.keyRace], ['→', t.keyStep]] as [string, string][],
    }),
    [state.status, canRace, send, start, t],
  );

  // What the run reported, per lane.
  const shape = state.model ?? raceShape(params.checkpoint, params.model as RaceModelName);
  const { steps } = state;
  const last = steps.at(-1);
  const lane = (name: RaceLaneName) => {
    const ms = steps.map((s) => s.lanes[name].ms);
    const total = ms.reduce((a, b) => a + b, 0);
    return {
      tokens: steps.map((s) => s.lanes[name].token),
      recentMs: recentMedian(ms),
      tokensPerSec: total > 0 ? (steps.length / total) * 1000 : null,
      flops: steps.reduce((a, s) => a + s.lanes[name].flops, 0),
      last: last?.lanes[name] ?? state.prefill?.[name] ?? null,
    };
  };
  const lanes = { recompute: lane('recompute'), cache: lane('cache') };
  const firstDifference = steps.findIndex((s) => s.lanes.cache.id !== s.lanes.recompute.id);
  const promptLength = state.promptTokens.length;
  // Raw per-token times, faint, under their rolling median (timings on a shared machine are spiky).
  const series = LANES.flatMap((name) => {
    const tone = name === 'cache' ? ('tip' as const) : ('warning' as const);
    const raw = steps.map((s) => ({ x: promptLength + s.index + 1, y: s.lanes[name].ms }));
    return [
      { key: `${name}-raw`, label: t[name], tone, points: raw, faint: true },
      { key: name, label: t[name], tone, points: rollingMedian(raw) },
    ];
  });
  const markers = steps.filter((s) => s.lanes.cache.refilled).map((s) => ({ x: promptLength + s.index + 1, label: t.refill }));
  const cacheLast = lanes.cache.last;
  const cachedPositions = cacheLast?.windowLength ?? 0;
  const speedup = lanes.recompute.recentMs && lanes.cache.recentMs ? lanes.recompute.recentMs / lanes.cache.recentMs : null;

  const report = state.report;
  const status: StatusItem[] = [
    { label: t.status.state, value: t.states[state.status] },
    { label: t.status.backend, value: report ? `${report.backend.toUpperCase()}${report.inWorker ? '' : ' (main thread)'}` : '—', title: report ? (report.details ?? report.reason) : undefined },
    { label: t.status.params, value: `${formatCount(shape.params)} · ${shape.nLayer}×${shape.nHead}×${shape.dModel}, ctx ${shape.contextLength}` },
    { label: t.status.kernels, value: state.model ? t.kernels[state.model.kernels] : report?.backend === 'webgpu' ? t.kernels.wgsl : t.kernels.composed },
    {
      label: t.status.speed,
      value: lanes.cache.tokensPerSec ? `${Math.round(lanes.recompute.tokensPerSec ?? 0)} / ${Math.round(lanes.cache.tokensPerSec)} ${t.tokensPerSec}` : '—',
    },
  ];

  return (
    <div ref={rootRef}>
      <WidgetFrame
        className="kvr"
        title={t.title}
        subtitle={t.subtitle}
        locale={locale}
        presenter={presenter}
        presentHref={() => presentHref(locale, 'kv-cache', KV_RACE_ID, BASE_SCHEMA, params)}
        onReset={onReset}
        keys={keys}
        footer={<StatusLine items={status} />}
        dataAttrs={{
          'data-status': state.status,
          'data-params': fromUrl ? 'url' : 'defaults',
          'data-steps': String(steps.length),
          'data-prompt-tokens': String(promptLength),
          'data-identical': steps.length ? String(firstDifference === -1) : '',
          'data-done': state.done?.reason ?? '',
          'data-kernels': state.model?.kernels ?? '',
          'data-backend': report?.backend ?? '',
        }}
      >
        <div className="kvr-setup">
          <div className="ui-field kvr-prompt">
            <label htmlFor="kvr-prompt">{t.prompt}</label>
            <textarea id="kvr-prompt" className="kvr-prompt-input" rows={2} value={prompt} maxLength={200} disabled={busy} onChange={(e) => setPrompt(e.target.value)} />
          </div>
          <fieldset className="wf-row kvr-controls" disabled={busy}>
            <Select label={t.model} value={params.model} options={schema.model.options.map((m) => ({ value: m, label: t.models(t.checkpoints[params.checkpoint])[m] }))} onChange={(v) => setParam('model', v)}>
              <ParamIssue issue={issues.model} locale={locale} />
            </Select>
            <Select label={t.checkpoint} value={params.checkpoint} options={schema.checkpoint.options.map((c) => ({ value: c, label: t.checkpoints[c] }))} onChange={(v) => setParam('checkpoint', v)}>
              <ParamIssue issue={issues.checkpoint} locale={locale} />
            </Select>
            <Slider label={t.tokens} value={params.tokens} min={schema.tokens.min} max={schema.tokens.max} onChange={(v) => setParam('tokens', v)}>
              <ParamIssue issue={issues.tokens} locale={locale} />
            </Slider>
            <Slider label={t.temperature} value={params.temperature} min={0} max={2} step={0.05} onChange={(v) => setParam('temperature', v)}>
              <ParamIssue issue={issues.temperature} locale={locale} />
            </Slider>
            <Slider label={t.seed} value={params.seed} min={0} max={999} onChange={(v) => setParam('seed', v)}>
              <ParamIssue issue={issues.seed} locale={locale} />
            </Slider>
            <Select label={t.policy} value={params.policy} options={schema.policy.options.map((p) => ({ value: p, label: t.policies[p] }))} onChange={(v) => setParam('policy', v)}>
              <ParamIssue issue={issues.policy} locale={locale} />
            </Select>
            <Select label={t.backend} value={params.backend} options={schema.backend.options.map((b) => ({ value: b, label: b === 'auto' ? 'auto' : b.toUpperCase() }))} onChange={(v) => setParam('backend', v)}>
              <ParamIssue issue={issues.backend} locale={locale} />
            </Select>
          </fieldset>
          <p className="wf-note kvr-policy" data-testid="kvr-policy">
            {t.policyWhy[params.policy](shape.contextLength)}
            {params.model !== 'checkpoint' ? ` ${t.randomNote}` : ''}
          </p>
          <div className="kvr-actions">
            {state.status === 'racing' ? (
              <Button variant="primary" onClick={() => send({ type: 'pause' })} shortcut={presenter ? 'Space' : undefined}>{t.pause}</Button>
            ) : state.status === 'paused' ? (
              <Button variant="primary" onClick={() => send({ type: 'resume' })} shortcut={presenter ? 'Space' : undefined}>{t.resume}</Button>
            ) : (
              <Button variant="primary" onClick={() => start()} disabled={!canRace} shortcut={presenter ? 'Space' : undefined}>{t.race}</Button>
            )}
            <Button onClick={keys.step} disabled={!(state.status === 'paused' || canRace)} shortcut={presenter ? '→' : undefined}>{t.step}</Button>
            <Button variant="danger" onClick={() => send({ type: 'stop' })} disabled={!busy}>{t.stop}</Button>
          </div>
          {state.progress && busy ? <ProgressBar done={state.progress.done} total={state.progress.total} etaMs={state.progress.etaMs} label={t.progress(state.progress.done, state.progress.total)} locale={locale} /> : null}
          {state.error ? (
            <div className="kvr-error" role="alert">
              <EngineErrorText error={state.error} titles={t.errors} locale={locale} />
              {state.error.code === 'device-lost' ? <Button onClick={() => setParam('backend', 'wasm')}>{t.continueOn}</Button> : null}
            </div>
          ) : null}
        </div>
        <div className="kvr-results">
          <div className="kvr-lanes">
            {LANES.map((name) => (
              <Lane key={name} name={name} locale={locale} promptTokens={state.promptTokens.length ? state.promptTokens : [prompt]} tokens={lanes[name].tokens} recentMs={lanes[name].recentMs} tokensPerSec={lanes[name].tokensPerSec} flops={formatFlops(lanes[name].flops)} positions={lanes[name].last?.positionsComputed ?? null}>
                {name === 'cache' ? (
                  <p className="kvr-bytes" data-testid="kvr-cache-bytes" data-bytes={cacheLast?.cacheBytes ?? 0} data-positions={cachedPositions}>
                    <strong>{t.cacheBytes}: {formatBytes(cacheLast?.cacheBytes ?? 0)}</strong>
                    <span className="kvr-formula">{t.formula(shape.nLayer, cachedPositions, shape.dModel, cacheBytes(shape.nLayer, cachedPositions, shape.dModel))}</span>
                    <span className="kvr-capacity">{t.capacity(formatBytes(cacheBytes(shape.nLayer, shape.contextLength, shape.dModel)))}</span>
                    <span className="kvr-meter" aria-hidden="true">
                      <span style={{ transform: `scaleX(${(cachedPositions / shape.contextLength).toFixed(4)})` }} />
                    </span>
                  </p>
                ) : (
                  <p className="kvr-bytes kvr-nocache">{t.noCache}</p>
                )}
              </Lane>
            ))}
          </div>
          {steps.length ? (
            <p className={`kvr-identical${firstDifference === -1 ? '' : ' kvr-differ'}`} data-testid="kvr-identical">
              {firstDifference === -1 ? `✓ ${t.identical(steps.length)}` : t.differ(firstDifference)}
            </p>
          ) : null}
          <figure className="kvr-chart">
            <LineChart series={series} xLabel={t.chartX} yLabel={t.chartY} xMax={promptLength + params.tokens} xMin={0} markers={markers} empty={t.chartEmpty} ariaLabel={t.chartAria} formatY={(y) => `${y.toFixed(1)} ms`} testId="kvr-chart" />
            {speedup && steps.length >= 5 ? <figcaption className="wf-note">{t.speedup(speedup.toFixed(1))}</figcaption> : null}
          </figure>
          {state.done ? (
            <p className="kvr-done" role="status">{state.done.reason === 'context' ? t.reasons.context(shape.contextLength) : t.reasons[state.done.reason]}</p>
          ) : null}
        </div>
      </WidgetFrame>
    </div>
  );
}
