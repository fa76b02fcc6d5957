'use client';
// LiveScalingSweep's link to the engine: starts the worker near the viewport (shared useEngine),
// turns the sweep's events into render state (finished models, learning curves, progress), and
// offers run / pause / resume / step / stop.
import { useCallback, useEffect, useReducer, useRef, type RefObject } from 'react';
import { useEngine } from '@/components/widgets/shared/useEngine';
import type { SweepPlan } from '@/lib/engine/features/sweep/plan';
import type { SweepResult } from '@/lib/engine/features/sweep/protocol';
import type { BackendReport, BackendRequest, CorpusSource, EngineErrorState, EngineEvent, RunPhase } from '@/lib/engine/protocol';
import { engineError } from '@/lib/engine/protocol';

export type SweepStatus = 'loading-engine' | 'idle' | 'preparing' | 'training' | 'paused' | 'done' | 'error';

export interface CurvePoint {
  step: number;
  tokens: number;
  compute: number;
  valLoss: number;
}

export interface SweepState {
  status: SweepStatus;
  report: BackendReport | null;
  runId: number;
  /** The plan of the run in progress or last run (the table shows it). */
  plan: SweepPlan | null;
  /** Index of the model training now. */
  current: number | null;
  results: SweepResult[];
  /** Validation evaluations per model index: its learning curve against compute. */
  curves: CurvePoint[][];
  progress: { phase: RunPhase; done: number; total: number; etaMs: number | null; message: string } | null;
  tokensPerSec: number | null;
  /** Steps done by the model training now. */
  step: number;
  error: EngineErrorState | null;
  finished: { reason: 'finished' | 'stopped'; seconds: number } | null;
  startedAt: number;
}

const INITIAL: SweepState = { status: 'loading-engine', report: null, runId: 0, plan: null, current: null, results: [], curves: [], progress: null, tokensPerSec: null, step: 0, error: null, finished: null, startedAt: 0 };

type Action =
  | { kind: 'events'; events: EngineEvent[] }
  | { kind: 'start'; runId: number; plan: SweepPlan; at: number }
  | { kind: 'restart' }
  | { kind: 'clear' };

function reduce(state: SweepState, action: Action): SweepState {
  switch (action.kind) {
    case 'events':
      return action.events.reduce(reduceEvent, state);
    case 'start':
      return { ...state, status: 'preparing', runId: action.runId, plan: action.plan, current: null, results: [], curves: [], progress: null, tokensPerSec: null, step: 0, error: null, finished: null, startedAt: action.at };
    case 'restart':
      return { ...INITIAL, runId: state.runId };
    case 'clear':
      return { ...INITIAL, report: state.report, runId: state.runId, status: state.report ? 'idle' : state.status };
  }
}

function reduceEvent(state: SweepState, e: EngineEvent): SweepState {
  if ('runId' in e && e.runId !== null && e.runId !== state.runId) return state; // a replaced run's event
  switch (e.type) {
    case 'ready':
      return { ...state, report: e.report, status: state.status === 'loading-engine' ? 'idle' : state.status };
    case 'progress':
      return { ...state, progress: e, status: state.status === 'paused' ? 'paused' : e.phase === 'train' ? 'training' : 'preparing' };
    case 'sweep/model':
      return { ...state, current: e.index, step: 0, status: state.status === 'paused' ? 'paused' : 'training' };
    case 'sweep/eval': {
      const curves = state.curves.slice();
      curves[e.index] = [...(curves[e.index] ?? []), { step: e.step, tokens: e.tokens, compute: e.compute, valLoss: e.valLoss }];
      return { ...state, curves };
    }
    case 'sweep/result':
      return { ...state, results: [...state.results, e.result] };
    case 'metrics':
      return { ...state, tokensPerSec: e.metrics.tokensPerSec, step: e.metrics.step };
    case 'paused':
      return { ...state, status: 'paused' };
    case 'done':
      return { ...state, status: 'done', current: null, finished: { reason: e.reason, seconds: (performance.now() - state.startedAt) / 1000 } };
    case 'error':
      return { ...state, status: state.status === 'idle' || state.status === 'done' ? state.status : 'error', current: null, error: engineError(e) };
    default:
      return state;
  }
}

export function useSweepRun(rootRef: RefObject<HTMLElement | null>, backend: BackendRequest) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const runCounter = useRef(0);
  const { near, send } = useEngine({ rootRef, backend, onEvents: (events) => dispatch({ kind: 'events', events }) });
  useEffect(() => () => dispatch({ kind: 'restart' }), [backend]);

  const run = useCallback(
    (corpus: CorpusSource, plan: SweepPlan, startPaused = false) => {
      const runId = ++runCounter.current;
      dispatch({ kind: 'start', runId, plan, at: performance.now() });
      send({ type: 'sweep/run', runId, corpus, plan, startPaused });
    },
    [send],
  );
  return { state, near, send, run, clear: useCallback(() => dispatch({ kind: 'clear' }), []) };
}
