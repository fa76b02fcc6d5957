'use client';
// LoRALab's link to the engine: starts the worker near the viewport, folds the `lora/*` event
// stream into render state, and downloads the adapter files when they arrive.
import { useCallback, useEffect, useReducer, useRef, type RefObject } from 'react';
import type { LossPoint } from '@/components/ui/LossChart';
import { downloadFile, useEngine } from '@/components/widgets/shared/useEngine';
import type { LoraCommand, LoraEvent } from '@/lib/engine/features/lora/protocol';
import type { BackendReport, BackendRequest, EngineErrorState, EngineEvent, StepMetricsMessage } from '@/lib/engine/protocol';
import { engineError } from '@/lib/engine/protocol';

export type LoraStatus = 'loading-engine' | 'opening' | 'idle' | 'training' | 'paused' | 'busy' | 'error';

type Of<T extends LoraEvent['type']> = Extract<LoraEvent, { type: T }>;

export interface LoraRunState {
  status: LoraStatus;
  report: BackendReport | null;
  opened: Of<'lora/opened'> | null;
  budget: Of<'lora/budget'> | null;
  loraPoints: (LossPoint & { ms: number })[];
  fullPoints: (LossPoint & { ms: number })[];
  lastLora: StepMetricsMessage | null;
  lastFull: StepMetricsMessage | null;
  progress: { done: number; total: number; etaMs: number | null; message: string } | null;
  view: Of<'lora/state'> | null;
  delta: Of<'lora/delta'> | null;
  finished: { reason: 'finished' | 'stopped'; steps: number } | null;
  error: (EngineErrorState & { during: LoraStatus }) | null;
  runId: number;
  /** Bumped whenever the adapter may have been replaced (train, load, open): ΔW is stale then. */
  adapterGen: number;
  /** A `lora/load` is in flight: its `lora/state` replaces the adapter, its error leaves it. */
  loading: boolean;
}

const INITIAL: LoraRunState = {
  status: 'loading-engine',
  report: null,
  opened: null,
  budget: null,
  loraPoints: [],
  fullPoints: [],
  lastLora: null,
  lastFull: null,
  progress: null,
  view: null,
  delta: null,
  finished: null,
  error: null,
  runId: 0,
  adapterGen: 0,
  loading: false,
};

type Action = { kind: 'events'; events: EngineEvent[] } | { kind: 'sent'; status: LoraStatus; command: LoraCommand['type']; runId?: number } | { kind: 'restart' };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median ms/step over steps 2… (step 1 includes warm-up / shader compilation). */
export function medianStepMs(points: { ms: number }[]): number | null {
  return median(points.slice(1).map((p) => p.ms));
}

function reduceEvent(state: LoraRunState, e: EngineEvent): LoraRunState {
  if ('runId' in e && typeof e.runId === 'number' && e.runId > 0 && e.runId !== state.runId) return state; // a replaced run
  switch (e.type) {
    case 'ready':
      return { ...state, report: e.report, status: 'opening' };
    case 'lora/opened':
      return { ...state, opened: e, view: null, delta: null, budget: null, loraPoints: [], fullPoints: [], lastLora: null, lastFull: null, finished: null, progress: null };
    case 'lora/state':
      return {
        ...state,
        view: e,
        status: state.status === 'training' || state.status === 'paused' ? state.status : 'idle',
        ...(state.loading ? { loading: false, delta: null, adapterGen: state.adapterGen + 1 } : {}),
      };
    case 'lora/budget':
      return { ...state, budget: e };
    case 'lora/metrics': {
      const point = { step: e.metrics.step, loss: e.metrics.loss, valLoss: e.metrics.valLoss, ms: e.metrics.msPerStep };
      return e.run === 'lora' ? { ...state, lastLora: e.metrics, loraPoints: [...state.loraPoints, point] } : { ...state, lastFull: e.metrics, fullPoints: [...state.fullPoints, point] };
    }
    case 'progress':
      if (e.phase !== 'train') return state;
      return { ...state, progress: e, status: state.status === 'paused' ? 'paused' : 'training' };
    case 'paused':
      return { ...state, status: 'paused' };
    case 'lora/done':
      return { ...state, status: 'busy', finished: { reason: e.reason, steps: e.steps } };
    case 'lora/delta':
      return { ...state, delta: e, status: 'idle' };
    case 'lora/adapter':
      return { ...state, status: 'idle' };
    case 'error':
      return { ...state, loading: false, error: { ...engineError(e), during: state.status }, status: state.opened && e.code !== 'device-lost' ? 'idle' : 'error' };
    default:
      return state;
  }
}

function reduce(state: LoraRunState, action: Action): LoraRunState {
  if (action.kind === 'events') return action.events.reduce(reduceEvent, state);
  if (action.kind === 'restart') return { ...INITIAL };
  const training = action.runId !== undefined;
  const replacesAdapter = action.command === 'lora/train' || action.command === 'lora/open';
  return {
    ...state,
    status: action.status,
    // ΔW is fetched by the lab itself after any change: that must not hide the error shown.
    error: action.command === 'lora/delta' ? state.error : null,
    loading: action.command === 'lora/load',
    ...(replacesAdapter ? { delta: null, adapterGen: state.adapterGen + 1 } : {}),
    ...(training ? { runId: action.runId!, loraPoints: [], fullPoints: [], lastLora: null, lastFull: null, budget: null, finished: null, progress: null } : {}),
  };
}

export function useLoraRun(rootRef: RefObject<HTMLElement | null>, backend: BackendRequest) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const runCounter = useRef(0);
  const { near, send } = useEngine({
    rootRef,
    backend,
    onEvents: (events) => dispatch({ kind: 'events', events }),
    onEventNow: (event) => {
      if (event.type !== 'lora/adapter') return;
      downloadFile(event.adapterJson, 'adapter.json', 'application/json');
      downloadFile(event.adapterBin, 'adapter.bin');
    },
  });
  useEffect(() => () => dispatch({ kind: 'restart' }), [backend]);

  /** Send a `lora/*` command; `status` is what the lab shows until the answer arrives. */
  const command = useCallback(
    (cmd: LoraCommand, status: LoraStatus = 'busy', transfer?: Transferable[]) => {
      dispatch({ kind: 'sent', status, command: cmd.type });
      send(cmd, transfer);
    },
    [send],
  );
  const train = useCallback(
    (cmd: Omit<Extract<LoraCommand, { type: 'lora/train' }>, 'type' | 'runId'>) => {
      const runId = ++runCounter.current;
      dispatch({ kind: 'sent', status: 'training', command: 'lora/train', runId });
      send({ type: 'lora/train', runId, ...cmd });
    },
    [send],
  );
  return { state, near, send, command, train };
}
