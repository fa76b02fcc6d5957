// What a feature's command handler (./features/*) gets from the engine: a way to post events and
// progress, the backend report, the model this worker holds, cached shipped checkpoints, and the
// run control that routes pause / resume / step / stop to whichever long command is running.
import type { LoadedCheckpoint } from '../model/checkpoint-web';
import type { GPT } from '../model/gpt';
import type { Tokenizer } from '../tokenizer/types';
import type { BackendReport, EngineEvent, ModelSummary, RunPhase } from './protocol';

export type PostEvent = (event: EngineEvent, transfer?: Transferable[]) => void;

/** The model trained or loaded last in this worker (TrainingLab's; `sample` and `save` use it). */
export interface HeldModel {
  model: GPT;
  tokenizer: Tokenizer;
  trainedSteps: number;
  trainTokens?: number;
  valTokens?: number;
}

/** A long command's loop, as the engine's pause / resume / step / stop commands reach it. */
export interface RunControl {
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Steps done so far (reported in the `paused` event). */
  readonly step: number;
}

export interface EngineContext {
  post: PostEvent;
  /** The backend in use (set by `init`, before any feature command runs). */
  readonly report: BackendReport;
  /** A `progress` event; with `startedAt` (performance.now()) it carries an ETA. */
  progress(runId: number, phase: RunPhase, done: number, total: number, message: string, startedAt?: number): void;
  held(): HeldModel | null;
  /** Replace the held model (the previous one is disposed unless it is the same GPT). */
  hold(next: HeldModel | null): void;
  summary(): ModelSummary;
  /**
   * A shipped checkpoint by URL, fetched and built once per worker and kept (the book ships two,
   * ≈4 MB each). Never dispose its model: copy its weights (`model.weights()`) to train on them.
   */
  checkpoint(url: string): Promise<LoadedCheckpoint>;
  /**
   * Register a long run so pause / resume / step / stop reach it; `endRun` when it finishes.
   * Only one run at a time per worker: beginRun throws a BadInputError while another is going.
   */
  beginRun(runId: number, control: RunControl): void;
  endRun(runId: number): void;
  /** True once after the presenter's "one step": the loop should pause after this step. */
  takePauseRequest(): boolean;
}

/** One feature's commands (see ./features/README.md). */
export interface EngineFeature<C extends { type: string }> {
  commands: readonly C['type'][];
  handle(cmd: C, ctx: EngineContext): Promise<void>;
}
