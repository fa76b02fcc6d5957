// The typed messages between a widget (through lib/engine/client) and the engine's worker.
// Everything here is plain structured-cloneable data: commands go in, a stream of events comes
// back. Widgets never see tfjs; the worker never sees React.
import type { TokenizerJSON } from '../tokenizer/types';
import { FEATURE_COMMAND_TYPES } from './features/command-types';
import type { FeatureCommand, FeatureEvent } from './features/protocol';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
/** 'auto' = hardware WebGPU first, else the fastest measured of the others (lib/backend). */
export type BackendRequest = 'auto' | BackendName;
export const BACKEND_REQUESTS: readonly BackendRequest[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface BackendReport {
  backend: BackendName;
  /** Why this one, in plain words (e.g. "WebGPU adapter is a software fallback (swiftshader); WASM measured faster"). */
  reason: string;
  /** False when the backend had to run on the page's main thread. */
  inWorker: boolean;
  /** Adapter description, when WebGPU was probed. */
  adapter?: string;
  /** Bytes the engine will allow one training run to use on this backend. */
  memoryBudgetBytes: number;
  /** Every backend and why it was or was not used (lib/backend/choose describeChoice). */
  details?: string;
  /** The measured choice to remember in the page's localStorage (a worker has none). */
  backendCache?: Record<string, string>;
}

/** Where the training text comes from: a URL the worker fetches (shipped corpora) or pasted text. */
export type CorpusSource = { kind: 'url'; url: string; name: string } | { kind: 'text'; text: string; name: string };

/** Pasted or uploaded text above this many UTF-8 bytes is refused (the shipped Tang corpus is 1.2 MB). */
export const MAX_CORPUS_BYTES = 2_000_000;

export type TokenizerRequest = { kind: 'char' } | { kind: 'bpe'; vocabSize: number };

export interface ModelShape {
  nLayer: number;
  nHead: number;
  dModel: number;
  contextLength: number;
  /** Seed of the initial weights. */
  seed: number;
}

export interface TrainRequest {
  steps: number;
  batchSize: number;
  learningRate: number;
  warmupSteps: number;
  weightDecay: number;
  /** Seed of batch order and validation windows. */
  seed: number;
  /** Validation loss every this many steps (and at the last). */
  evalEvery: number;
  /** Print a sample every this many steps (0 = never). */
  sampleEvery: number;
  /** Length of each printed sample, in tokens. */
  sampleTokens: number;
}

/** Start from random weights, from a shipped checkpoint (fine-tune), or from the model loaded last. */
export type StartFrom = { kind: 'scratch' } | { kind: 'checkpoint'; url: string } | { kind: 'loaded' };

/** Commands every widget shares; the labs' own commands live in ./features (prefixed `<feature>/…`). */
export type CoreCommand =
  | { type: 'init'; backend: BackendRequest; wasmPath?: string; backendCache?: Record<string, string> }
  | {
      type: 'train';
      runId: number;
      corpus: CorpusSource;
      tokenizer: TokenizerRequest;
      model: ModelShape;
      train: TrainRequest;
      start: StartFrom;
      /** Pause after the first step (presenter's "one step" from idle). */
      startPaused?: boolean;
    }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'step' }
  | { type: 'stop' }
  /**
   * After a `diverged` error of run `runId` that carried `resume`: undo the last good step's update
   * (the one that blew the weights up), set the peak learning rate, and go on with the same run.
   */
  | { type: 'continue'; runId: number; learningRate: number }
  | { type: 'sample'; prompt: string; tokens: number; temperature: number; seed: number }
  | { type: 'save' }
  | { type: 'load'; modelJson: string; weights: ArrayBuffer }
  /** Every layer's and head's attention on `text`, from a checkpoint URL or the model the engine holds. */
  | { type: 'attention'; text: string; checkpointUrl?: string };

export type EngineCommand = CoreCommand | FeatureCommand;

export type EngineErrorCode = 'diverged' | 'device-lost' | 'too-big' | 'bad-input' | 'internal';

export type RunPhase = 'corpus' | 'tokenizer' | 'model' | 'compile' | 'train' | 'eval';

export interface StepMetricsMessage {
  step: number;
  loss: number;
  lr: number;
  gradNorm: number;
  tokensPerSec: number;
  msPerStep: number;
  valLoss?: number;
}

export interface ModelSummary {
  params: number;
  vocabSize: number;
  tokenizer: TokenizerJSON['kind'];
  nLayer: number;
  nHead: number;
  dModel: number;
  contextLength: number;
  /** Tokens in the train and validation splits. */
  trainTokens?: number;
  valTokens?: number;
  /** Steps the model has been trained for, including any checkpoint it started from. */
  trainedSteps: number;
}

export type CoreEvent =
  | { type: 'ready'; report: BackendReport }
  | { type: 'progress'; runId: number; phase: RunPhase; done: number; total: number; etaMs: number | null; message: string }
  | { type: 'model'; runId: number; summary: ModelSummary }
  | { type: 'metrics'; runId: number; metrics: StepMetricsMessage }
  | { type: 'sample'; runId: number; step: number; prompt: string; text: string }
  | { type: 'paused'; runId: number; step: number }
  | { type: 'done'; runId: number; reason: 'finished' | 'stopped'; steps: number }
  | { type: 'checkpoint'; modelJson: string; weights: ArrayBuffer }
  | { type: 'loaded'; summary: ModelSummary }
  /** layers[l]: probabilities [nHead, T, T] row-major (row = query, column = key). */
  | { type: 'attention'; tokens: string[]; nHead: number; layers: Float32Array[] }
  | { type: 'error'; runId: number | null; code: EngineErrorCode; message: string; resume?: ResumePoint };

/** Where a diverged run can go on from (sent with its `diverged` error when the engine kept its state). */
export interface ResumePoint {
  /** The step whose check failed (N). */
  divergedStep: number;
  /** The first step `continue` runs: N − 1, whose update is redone at the new rate. */
  fromStep: number;
  /** The run's peak learning rate when it diverged. */
  peakLearningRate: number;
}

export type EngineEvent = CoreEvent | FeatureEvent;

const CORE_COMMAND_TYPES: readonly CoreCommand['type'][] = ['init', 'train', 'pause', 'resume', 'step', 'stop', 'continue', 'sample', 'save', 'load', 'attention'];
const COMMAND_TYPES = new Set<string>([...CORE_COMMAND_TYPES, ...FEATURE_COMMAND_TYPES]);

/** Check a message arriving at the worker before acting on it (a stray postMessage must not crash it). */
export function isEngineCommand(value: unknown): value is EngineCommand {
  return typeof value === 'object' && value !== null && COMMAND_TYPES.has((value as { type: EngineCommand['type'] }).type);
}

/**
 * Remaining time from the mean pace so far; null until two items are done (the first steps
 * include shader compilation and would make any estimate wildly wrong).
 */
export function estimateEtaMs(done: number, total: number, elapsedMs: number): number | null {
  if (done < 2 || total <= done || !(elapsedMs > 0)) return done >= total && total > 0 ? 0 : null;
  return (elapsedMs / done) * (total - done);
}

/** Classify anything thrown in the worker into the error code a widget reacts to. */
export function classifyError(error: unknown): { code: EngineErrorCode; message: string } {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'DivergenceError') return { code: 'diverged', message };
  if (name === 'TooBigError') return { code: 'too-big', message };
  if (name === 'DeviceLostError' || /device (was )?lost|GPUDevice.*lost|context lost/i.test(message)) return { code: 'device-lost', message };
  if (name === 'ConfigError' || name === 'BadInputError') return { code: 'bad-input', message };
  if (/out of memory|allocation failed|Array buffer allocation|RangeError: .*memory/i.test(`${name}: ${message}`)) return { code: 'too-big', message };
  return { code: 'internal', message: message || 'unknown error' };
}

/** Errors the worker raises on purpose; their names are what classifyError reads. */
export class BadInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadInputError';
  }
}

export class TooBigError extends Error {
  constructor(
    message: string,
    readonly estimatedBytes: number,
    readonly budgetBytes: number,
  ) {
    super(message);
    this.name = 'TooBigError';
  }
}

export class DeviceLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceLostError';
  }
}
