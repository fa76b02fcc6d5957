'use client';
// SamplingLab's link to the engine: the next-token distribution for the current prompt and
// settings (re-asked as sliders move; the worker caches the logits), token-by-token generation in
// one or two lanes that resumes from each lane's RNG state, and beam search. Only layout is left
// to the widget: every probability arrives computed.
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useEngine } from '@/components/widgets/shared/useEngine';
import type { BackendReport, EngineEvent } from '@/lib/engine/protocol';
import type { BeamView, GeneratedToken, NextDistribution, PromptInfo, SamplingSettings } from '@/lib/engine/features/decoding/protocol';
import { ALTERNATIVES_N, TOP_N } from './params';

export interface LaneView {
  tokens: GeneratedToken[];
  rngState: number | null;
}

export interface BeamState {
  step: number;
  beams: BeamView[];
  hypotheses: BeamView[];
  done: boolean;
}

export type RunStatus = 'starting' | 'ready' | 'running' | 'paused';

const EMPTY_LANES: [LaneView, LaneView] = [
  { tokens: [], rngState: null },
  { tokens: [], rngState: null },
];

/**
 * `textKey` names what the lanes' text continues (model, prompt, seed, lanes): when it changes,
 * the lanes read as empty and the next run starts from the seed.
 */
export function useSamplingEngine(rootRef: RefObject<HTMLElement | null>, textKey: string) {
  const [report, setReport] = useState<BackendReport | null>(null);
  const [status, setStatus] = useState<RunStatus>('starting');
  const [distribution, setDistribution] = useState<(NextDistribution & { prompt: PromptInfo }) | null>(null);
  const [keyed, setKeyed] = useState<{ key: string; lanes: [LaneView, LaneView] }>({ key: textKey, lanes: EMPTY_LANES });
  const [beam, setBeam] = useState<BeamState | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; etaMs: number | null } | null>(null);
  const [tokensPerSec, setTokensPerSec] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The lanes as the next command must see them (updated with every token, ahead of React's render).
  const lanesRef = useRef<{ key: string; lanes: [LaneView, LaneView] }>({ key: textKey, lanes: EMPTY_LANES });
  const requestId = useRef(0);
  const runId = useRef(0);

  const onEvents = useCallback((events: EngineEvent[]) => {
    let nextLanes: { key: string; lanes: [LaneView, LaneView] } | null = null;
    for (const e of events) {
      if (e.type === 'ready') {
        setReport(e.report);
        setStatus('ready');
      } else if (e.type === 'decoding/next') {
        if (e.requestId !== requestId.current) continue; // a newer question is on its way
        setDistribution(e);
        setError(null);
      } else if (e.type === 'decoding/token') {
        if (e.runId !== runId.current) continue;
        const from: { key: string; lanes: [LaneView, LaneView] } = nextLanes ?? lanesRef.current;
        const { key, lanes: base } = from;
        const lane = base[e.lane];
        const updated: LaneView = { tokens: [...lane.tokens, e], rngState: e.rngState };
        nextLanes = { key, lanes: e.lane === 0 ? [updated, base[1]] : [base[0], updated] };
        lanesRef.current = nextLanes;
        setTokensPerSec(e.tokensPerSec);
      } else if (e.type === 'decoding/beam') {
        if (e.runId !== runId.current) continue;
        setBeam((b) => (e.done ? { step: e.step, beams: b?.beams ?? [], hypotheses: e.hypotheses, done: true } : { step: e.step, beams: e.beams, hypotheses: [], done: false }));
        if (e.done) setStatus('ready');
      } else if (e.type === 'progress') {
        if (e.runId === runId.current) setProgress({ done: e.done, total: e.total, etaMs: e.etaMs });
      } else if (e.type === 'paused') {
        if (e.runId === runId.current) setStatus('paused');
      } else if (e.type === 'done') {
        if (e.runId !== runId.current) continue;
        setStatus('ready');
        setProgress(null);
      } else if (e.type === 'error') {
        setError(e.message);
        if (e.runId === null || e.runId === runId.current) {
          setStatus((s) => (s === 'starting' ? s : 'ready'));
          setProgress(null);
        }
      }
    }
    if (nextLanes) setKeyed(nextLanes);
  }, []);

  const { send } = useEngine({ rootRef, backend: 'wasm', onEvents });

  /** The distribution after prompt + lane A's tokens under `settings`. */
  const askNext = useCallback(
    (checkpointUrl: string, prompt: string, generated: number[], settings: SamplingSettings) => {
      requestId.current++;
      send({ type: 'decoding/next', requestId: requestId.current, checkpointUrl, prompt, generated, settings, topN: TOP_N });
    },
    [send],
  );

  /** `tokens` more tokens in each lane (lane B only when `settings` has two entries). */
  const generate = useCallback(
    (key: string, checkpointUrl: string, prompt: string, seed: number, settings: SamplingSettings[], tokens: number) => {
      runId.current++;
      setStatus('running');
      setError(null);
      if (lanesRef.current.key !== key) lanesRef.current = { key, lanes: EMPTY_LANES };
      const current = lanesRef.current.lanes;
      send({
        type: 'decoding/generate',
        runId: runId.current,
        checkpointUrl,
        prompt,
        seed,
        tokens,
        topN: ALTERNATIVES_N,
        lanes: settings.map((s, i) => ({ settings: s, generated: current[i].tokens.map((t) => t.id), rngState: current[i].rngState })),
      });
    },
    [send],
  );

  const runBeam = useCallback(
    (checkpointUrl: string, prompt: string, width: number, lengthPenalty: number, maxTokens: number) => {
      runId.current++;
      setStatus('running');
      setError(null);
      setBeam({ step: 0, beams: [], hypotheses: [], done: false });
      send({ type: 'decoding/beam', runId: runId.current, checkpointUrl, prompt, width, lengthPenalty, maxTokens });
    },
    [send],
  );

  const clear = useCallback((key: string) => {
    runId.current++; // drop tokens still in flight from a run being replaced
    lanesRef.current = { key, lanes: EMPTY_LANES };
    setKeyed(lanesRef.current);
    setBeam(null);
    setTokensPerSec(null);
  }, []);

  const pause = useCallback(() => send({ type: 'pause' }), [send]);
  const resume = useCallback(() => {
    send({ type: 'resume' });
    setStatus('running');
  }, [send]);
  const stop = useCallback(() => send({ type: 'stop' }), [send]);

  const lanes = keyed.key === textKey ? keyed.lanes : EMPTY_LANES;
  return { report, status, distribution, lanes, beam, progress, tokensPerSec, error, askNext, generate, runBeam, clear, pause, resume, stop };
}
