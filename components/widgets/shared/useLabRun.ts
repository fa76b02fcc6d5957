'use client';
// A lab's run lifecycle over the engine, for labs whose runs are feature commands (SFTLab,
// DPOLab): engine start (useEngine), the backend report, run status (preparing → training ⇄
// paused → done | error), progress with ETA, the model summary, and the lab's own events folded
// by its reducer. Events of a replaced run are dropped by runId.
import { useCallback, useEffect, useReducer, useRef, type RefObject } from 'react';
import type { BackendReport, BackendRequest, EngineCommand, EngineErrorState, EngineEvent, ModelSummary, RunPhase } from '@/lib/engine/protocol';
import { engineError } from '@/lib/engine/protocol';
import { useEngine } from './useEngine';

export type LabStatus = 'loading-engine' | 'idle' | 'preparing' | 'training' | 'paused' | 'done' | 'error';

export interface LabRunState<D> {
  status: LabStatus;
  report: BackendReport | null;
  summary: ModelSummary | null;
  progress: { phase: RunPhase; done: number; total: number; etaMs: number | null; message: string } | null;
  error: EngineErrorState | null;
  finished: { reason: 'finished' | 'stopped'; steps: number } | null;
  runId: number;
  /** The lab's own view of its events. */
  data: D;
}

type Action<D> = { kind: 'events'; events: EngineEvent[] } | { kind: 'start'; runId: number; data: D } | { kind: 'restart' };

/** `reduceData` must be a stable (module-level) pure function. */
export function useLabRun<D>(rootRef: RefObject<HTMLElement | null>, backend: BackendRequest, initialData: D, reduceData: (data: D, event: EngineEvent) => D) {
  const reducer = useCallback(
    (state: LabRunState<D>, action: Action<D>): LabRunState<D> => {
      if (action.kind === 'restart') return { ...state, status: 'loading-engine', report: null, progress: null };
      if (action.kind === 'start') return { ...state, status: 'preparing', runId: action.runId, progress: null, error: null, finished: null, data: action.data };
      return action.events.reduce((s, e) => reduceEvent(s, e, reduceData), state);
    },
    [reduceData],
  );
  const [state, dispatch] = useReducer(reducer, { status: 'loading-engine', report: null, summary: null, progress: null, error: null, finished: null, runId: 0, data: initialData });
  const counter = useRef(0);
  const { send, near } = useEngine({ rootRef, backend, onEvents: (events) => dispatch({ kind: 'events', events }) });
  useEffect(() => () => dispatch({ kind: 'restart' }), [backend]);

  /** Start a run: `make(runId)` builds the command; the lab's data resets to `fresh`. */
  const start = useCallback(
    (make: (runId: number) => EngineCommand, fresh: D) => {
      const runId = ++counter.current;
      dispatch({ kind: 'start', runId, data: fresh });
      send(make(runId));
    },
    [send],
  );
  return { state, send, start, near };
}

function reduceEvent<D>(state: LabRunState<D>, e: EngineEvent, reduceData: (data: D, event: EngineEvent) => D): LabRunState<D> {
  const runId = 'runId' in e ? e.runId : undefined;
  if (runId !== undefined && runId !== null && runId !== -1 && runId !== state.runId) return state; // a replaced run's
  switch (e.type) {
    case 'ready':
      return { ...state, report: e.report, status: state.status === 'loading-engine' ? 'idle' : state.status };
    case 'progress':
      return { ...state, progress: e, status: state.status === 'paused' ? 'paused' : e.phase === 'train' || e.phase === 'compile' ? 'training' : 'preparing' };
    case 'model':
      return { ...state, summary: e.summary };
    case 'paused':
      return { ...state, status: 'paused' };
    case 'done':
      return { ...state, status: 'done', finished: { reason: e.reason, steps: e.steps } };
    case 'error': {
      const running = state.status === 'preparing' || state.status === 'training' || state.status === 'paused' || state.status === 'loading-engine';
      return { ...state, status: running || e.code === 'device-lost' ? 'error' : state.status, error: engineError(e) };
    }
    default:
      return { ...state, data: reduceData(state.data, e) };
  }
}
