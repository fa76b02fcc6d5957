'use client';
// KVCacheRace's link to the engine: the event stream of `kvcache/race` turned into render state.
import { useCallback, useEffect, useReducer, useRef, type RefObject } from 'react';
import { useEngine } from '@/components/widgets/shared/useEngine';
import type { KvCacheEvent, KvRaceRequest, LaneStepReport, RaceLaneName, RaceModelInfo } from '@/lib/engine/features/kvcache/protocol';
import type { BackendReport, BackendRequest, EngineErrorState, EngineEvent } from '@/lib/engine/protocol';
import { engineError } from '@/lib/engine/protocol';

export type RaceStatus = 'loading-engine' | 'idle' | 'preparing' | 'racing' | 'paused' | 'done' | 'error';

export interface RaceState {
  status: RaceStatus;
  report: BackendReport | null;
  model: RaceModelInfo | null;
  promptTokens: string[];
  prefill: Record<RaceLaneName, LaneStepReport> | null;
  steps: { index: number; lanes: Record<RaceLaneName, LaneStepReport> }[];
  progress: { done: number; total: number; etaMs: number | null } | null;
  done: Extract<KvCacheEvent, { type: 'kvcache/done' }> | null;
  error: EngineErrorState | null;
  runId: number;
}

const INITIAL: RaceState = { status: 'loading-engine', report: null, model: null, promptTokens: [], prefill: null, steps: [], progress: null, done: null, error: null, runId: 0 };

type Action = { kind: 'events'; events: EngineEvent[] } | { kind: 'start'; runId: number } | { kind: 'restart' } | { kind: 'clear' };

function reduce(state: RaceState, action: Action): RaceState {
  if (action.kind === 'events') return action.events.reduce(reduceEvent, state);
  if (action.kind === 'restart') return { ...INITIAL, runId: state.runId };
  const cleared = { ...state, model: null, promptTokens: [], prefill: null, steps: [], progress: null, done: null, error: null };
  if (action.kind === 'clear') return { ...cleared, status: state.report ? 'idle' : state.status };
  return { ...cleared, status: 'preparing', runId: action.runId };
}

function reduceEvent(state: RaceState, e: EngineEvent): RaceState {
  const current = !('runId' in e) || e.runId === null || e.runId === state.runId;
  if (!current) return state; // a stale event from a race that was replaced
  switch (e.type) {
    case 'ready':
      return { ...state, report: e.report, status: state.status === 'loading-engine' ? 'idle' : state.status };
    case 'kvcache/start':
      return { ...state, model: e.model, promptTokens: e.promptTokens, prefill: e.prefill, status: 'racing' };
    case 'kvcache/step':
      return { ...state, steps: [...state.steps, { index: e.index, lanes: e.lanes }], status: state.status === 'paused' ? 'paused' : 'racing' };
    case 'progress':
      return { ...state, progress: { done: e.done, total: e.total, etaMs: e.etaMs } };
    case 'paused':
      return { ...state, status: 'paused' };
    case 'kvcache/done':
      return { ...state, done: e, status: 'done' };
    case 'error':
      return { ...state, status: 'error', error: engineError(e) };
    default:
      return state;
  }
}

export function useKVRace(rootRef: RefObject<HTMLElement | null>, backend: BackendRequest) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const runCounter = useRef(0);
  const { send } = useEngine({ rootRef, backend, onEvents: (events) => dispatch({ kind: 'events', events }) });
  // A new backend restarts the engine: back to "starting the engine".
  useEffect(() => () => dispatch({ kind: 'restart' }), [backend]);

  const race = useCallback(
    (request: Omit<KvRaceRequest, 'runId'>) => {
      const runId = ++runCounter.current;
      dispatch({ kind: 'start', runId });
      send({ type: 'kvcache/race', runId, ...request });
    },
    [send],
  );
  const clear = useCallback(() => dispatch({ kind: 'clear' }), []);
  return { state, race, send, clear };
}
