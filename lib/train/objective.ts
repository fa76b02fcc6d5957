// One AdamW step on any objective over any set of variables: the part of Trainer that SFT and
// DPO share (gradient, global-norm clipping, divergence check, update, and the one-step rollback
// of ./rollback.ts). Trainer itself stays the pre-training loop over token windows; these
// objectives bring their own batches and metrics.
import * as tf from '@tensorflow/tfjs';
import { AdamW, globalNorm } from './adamw';
import { type RewindableRng, StepRollback } from './rollback';

export interface ObjectiveOptions {
  learningRate: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  /** Clip the global gradient norm to this (0 = no clipping). */
  gradClip: number;
  /** A gradient norm above this counts as divergence. */
  maxGradNorm: number;
}

export const OBJECTIVE_DEFAULTS: ObjectiveOptions = { learningRate: 1e-3, weightDecay: 0, beta1: 0.9, beta2: 0.99, gradClip: 1, maxGradNorm: 1e4 };

/** What an objective returns: the scalar to minimise and named side results (kept, read back as numbers). */
export interface ObjectiveValue {
  loss: tf.Scalar;
  aux?: Record<string, tf.Tensor>;
}

export class ObjectiveOptimizer {
  readonly options: ObjectiveOptions;
  private readonly optimizer: AdamW;
  private readonly varToName = new Map<string, string>();
  private readonly rollback: StepRollback;
  private steps = 0;

  /**
   * `trainable`: the only variables updated (e.g. a LoRA adapter's params); matrices (rank ≥ 2) get
   * weight decay. `rngs`: the streams the caller draws each step's batch from (and only there), so
   * a failed step puts them back and undoLastStep() rewinds them with the weights.
   */
  constructor(
    readonly trainable: Map<string, tf.Variable>,
    options: Partial<ObjectiveOptions> = {},
    rngs: readonly RewindableRng[] = [],
  ) {
    const o = { ...OBJECTIVE_DEFAULTS, ...options };
    for (const key of ['learningRate', 'weightDecay', 'gradClip', 'maxGradNorm'] as const) {
      if (!(o[key] >= 0) || !Number.isFinite(o[key])) throw new Error(`invalid option: ${key} = ${o[key]} — must be a finite number ≥ 0`);
    }
    if (trainable.size === 0) throw new Error('invalid option: trainable is empty — nothing to train');
    this.options = o;
    const decays = new Set([...trainable].filter(([, v]) => v.rank >= 2).map(([name]) => name));
    this.optimizer = new AdamW(trainable, decays, { beta1: o.beta1, beta2: o.beta2, eps: 1e-8, weightDecay: o.weightDecay });
    for (const [name, v] of trainable) this.varToName.set(v.name, name);
    this.rollback = new StepRollback(trainable, this.optimizer, rngs);
  }

  /** Updates applied so far. */
  get updates(): number {
    return this.steps;
  }

  /** Undo the last applied update (weights, AdamW state, the rngs' positions); see Trainer.undoLastStep. Returns the updates left. */
  undoLastStep(): number {
    this.steps = this.rollback.undo();
    return this.steps;
  }

  get state(): { tensors: number; bytes: number } {
    return this.optimizer.state;
  }

  /**
   * Minimise `objective()` by one step at `lr` (default options.learningRate). Returns the loss
   * before the update, the gradient norm before clipping and the aux values as plain arrays.
   * Throws DivergenceError on a non-finite loss or huge gradient, leaving the variables and the
   * optimiser untouched and the rngs back where they were before this step drew its batch.
   */
  async step(objective: () => ObjectiveValue, lr = this.options.learningRate): Promise<{ loss: number; gradNorm: number; aux: Record<string, Float32Array> }> {
    const kept: Record<string, tf.Tensor> = {};
    const { value, grads } = tf.variableGrads(() => {
      const { loss, aux } = objective();
      for (const [k, t] of Object.entries(aux ?? {})) kept[k] = tf.keep(t); // survive variableGrads' tidy
      return loss;
    }, [...this.trainable.values()]);
    const named = new Map(Object.entries(grads).map(([varName, g]) => [this.varToName.get(varName)!, g]));
    const normT = globalNorm([...named.values()]);
    const [lossArr, normArr] = await Promise.all([value.data(), normT.data()]);
    const aux: Record<string, Float32Array> = {};
    for (const [k, t] of Object.entries(kept)) aux[k] = (await t.data()) as Float32Array;
    tf.dispose([value, normT, ...Object.values(kept)]);
    const loss = lossArr[0];
    const gradNorm = normArr[0];
    const step = this.steps + 1;
    this.rollback.guardedUpdate(step, named, { loss, gradNorm, lr, maxGradNorm: this.options.maxGradNorm, gradClip: this.options.gradClip });
    this.steps = step;
    return { loss, gradNorm, aux };
  }

  dispose(): void {
    this.rollback.release();
    this.optimizer.dispose();
  }
}
