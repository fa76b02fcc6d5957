'use client';
// TrainingLab's link to the engine: starts the worker when the lab comes near the viewport,
// turns the event stream into render state, and offers the commands as functions.
import { useCallback, useEffect, useReducer, useRef, type RefObject } from 'react';
import { downloadFile, useEngine } from '@/components/widgets/shared/useEngine';
import type { BackendReport, BackendRequest, EngineCommand, EngineErrorCode, EngineEvent, ModelSummary, ResumePoint, RunPhase, StepMetricsMessage } from '@/lib/engine/protocol';
import type { LossPoint } from '@/components/ui/LossChart';

export type RunStatus = 'loading-engine' | 'idle' | 'preparing' | 'training' | 'paused' | 'done' | 'error';

export interface RunState {
  status: RunStatus;
  report: BackendReport | null;
  summary: ModelSummary | null;
  points: LossPoint[];
  samples: { step: number; prompt: string; text: string }[];
  progress: { phase: RunPhase; done: number; total: number; etaMs: number | null; message: string } | null;
  last: StepMetricsMessage | null;
  error: { code: EngineErrorCode; message: string; resume?: ResumePoint } | null;
  finished: { reason: 'finished' | 'stopped'; steps: number } | null;
  runId: number;
}

const INITIAL: RunState = { status: 'loading-engine', report: null, summary: null, points: [], samples: [], progress: null, last: null, error: null, finished: null, runId: 0 };

type Action = { kind: 'events'; events: EngineEvent[] } | { kind: 'start'; runId: number } | { kind: 'continue' } | { kind: 'restart' } | { kind: 'clear' };

function reduce(state: RunState, action: Action): RunState {
  if (action.kind === 'events') return action.events.reduce(reduceEvent, state);
  if (action.kind === 'restart') return { ...INITIAL, points: state.points, samples: state.samples, runId: state.runId };
  // The same run goes on: its curve and samples stay; the redone step's point is replaced as it arrives.
  if (action.kind === 'continue') return { ...state, status: 'training', error: null, finished: null };
  if (action.kind === 'clear') return { ...state, points: [], samples: [], progress: null, last: null, error: null, finished: null, status: state.report ? 'idle' : state.status };
  return { ...state, status: 'preparing', runId: action.runId, points: [], samples: [], progress: null, last: null, error: null, finished: null };
}

function reduceEvent(state: RunState, e: EngineEvent): RunState {
  const current = !('runId' in e) || e.runId === null || e.runId === -1 || e.runId === state.runId;
  if (!current) return state; // a stale event from a run that was replaced
  switch (e.type) {
    case 'ready':
      return { ...state, report: e.report, status: state.status === 'loading-engine' ? 'idle' : state.status };
    case 'progress':
      return { ...state, progress: e, status: state.status === 'paused' ? 'paused' : e.phase === 'train' || e.phase === 'compile' ? 'training' : 'preparing' };
    case 'model':
      return { ...state, summary: e.summary };
    case 'metrics': {
      // After `continue` the engine redoes a step already on the chart: it replaces that point (and any after it).
      const step = e.metrics.step;
      const kept = state.points.length > 0 && state.points[state.points.length - 1].step >= step ? state.points.filter((p) => p.step < step) : state.points;
      return { ...state, last: e.metrics, points: [...kept, { step, loss: e.metrics.loss, valLoss: e.metrics.valLoss }] };
    }
    case 'sample':
      return { ...state, samples: [{ step: e.step, prompt: e.prompt, text: e.text }, ...state.samples].slice(0, 12) };
    case 'paused':
      return { ...state, status: 'paused' };
    case 'done':
      return { ...state, status: 'done', finished: { reason: e.reason, steps: e.steps } };
    case 'loaded':
      return { ...state, summary: e.summary, status: 'idle', error: null };
    case 'error':
      return { ...state, status: state.status === 'training' || state.status === 'preparing' || state.status === 'paused' || e.code === 'device-lost' ? 'error' : state.status === 'loading-engine' ? 'error' : state.status, error: { code: e.code, message: e.message, resume: e.resume } };
    default: // checkpoint (downloaded as it arrives) and other widgets' events
      return state;
  }
}

export function useTrainingRun(rootRef: RefObject<HTMLElement | null>, backend: BackendRequest) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  const runCounter = useRef(0);
  const { near, send } = useEngine({
    rootRef,
    backend,
    onEvents: (events) => dispatch({ kind: 'events', events }),
    onEventNow: (event) => {
      if (event.type !== 'checkpoint') return;
      downloadFile(event.modelJson, 'model.json', 'application/json');
      downloadFile(event.weights, 'weights.bin');
    },
  });
  // A new backend restarts the engine: back to "starting the engine".
  useEffect(() => () => dispatch({ kind: 'restart' }), [backend]);

  const train = useCallback(
    (command: Omit<Extract<EngineCommand, { type: 'train' }>, 'type' | 'runId'>) => {
      const runId = ++runCounter.current;
      dispatch({ kind: 'start', runId });
      send({ type: 'train', runId, ...command });
    },
    [send],
  );
  /** Go on with the diverged run (state.error.resume) at peak learning rate `learningRate`. */
  const continueRun = useCallback(
    (learningRate: number) => {
      dispatch({ kind: 'continue' });
      send({ type: 'continue', runId: runCounter.current, learningRate });
    },
    [send],
  );
  const load = useCallback(
    async (files: FileList | File[]) => {
      const list = [...files];
      const json = list.find((f) => f.name.endsWith('.json'));
      const bin = list.find((f) => !f.name.endsWith('.json'));
      if (!json || !bin) return false;
      const weights = await bin.arrayBuffer();
      send({ type: 'load', modelJson: await json.text(), weights }, [weights]);
      return true;
    },
    [send],
  );
  return { state, near, send, train, continueRun, load, clear: () => dispatch({ kind: 'clear' }) };
}
