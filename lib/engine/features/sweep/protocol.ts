// Messages of the `sweep` feature: LiveScalingSweep (issue 7). The page sends a whole plan (five
// model shapes, steps, shared context / batch / seeds; ./plan.ts builds the shipped ones); the
// worker trains the models one after another and reports each model's validation curve and
// final loss. Pause / resume / step / stop are the core commands (they reach the sweep's loop).
import type { CorpusSource } from '../../protocol';
import type { SweepPlan } from './plan';

export type SweepCommand = {
  type: 'sweep/run';
  runId: number;
  corpus: CorpusSource;
  plan: SweepPlan;
  /** Pause after the first step (presenter's "one step" from idle). */
  startPaused?: boolean;
};

/** One finished model: the row of the results table and of the CSV. */
export interface SweepResult {
  index: number;
  nLayer: number;
  nHead: number;
  dModel: number;
  /** Every parameter (embeddings included). */
  params: number;
  /** Kaplan's N: without wte and wpe. */
  nonEmbeddingParams: number;
  steps: number;
  /** Training tokens read: steps × batch × context. */
  tokens: number;
  /** 6·N·D with N non-embedding. */
  compute: number;
  /** Mean loss (nats/token) on the sweep's fixed validation windows after the last step. */
  valLoss: number;
  /** Training loss of the last step. */
  trainLoss: number;
  /** Wall time of this model, evaluations included. */
  seconds: number;
}

export type SweepEvent =
  /** Model `index` of `total` is built and about to train. */
  | { type: 'sweep/model'; runId: number; index: number; total: number; params: number; nonEmbeddingParams: number; steps: number }
  /** A validation evaluation during model `index`'s run (its learning curve against compute). */
  | { type: 'sweep/eval'; runId: number; index: number; step: number; tokens: number; compute: number; valLoss: number }
  | { type: 'sweep/result'; runId: number; result: SweepResult };

export const SWEEP_COMMANDS: readonly SweepCommand['type'][] = ['sweep/run'];
