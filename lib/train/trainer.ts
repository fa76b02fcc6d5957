// The training loop. It reports through an async iterator (or a callback), one StepMetrics per
// optimiser step, and yields to the event loop between steps so a worker stays responsive:
// pause / resume / cancel take effect at the next step boundary. Nothing here touches a UI.
import * as tf from '@tensorflow/tfjs';
import type { GPT } from '../model/gpt';
import { createRng } from '../sample/rng';
import { AdamW, type AdamWSnapshot, decayMask, globalNorm } from './adamw';
import { assertLongEnough, assertTokenIds, randomStarts, type TokenSplit, windowsAt } from './data';
import { nextMacrotask } from './macrotask';
import { type RewindableRng, rewindableRng, StepRollback } from './rollback';
import { learningRateAt } from './schedule';

export { DivergenceError } from './divergence';

export interface TrainOptions {
  /** Optimiser steps to run in total. */
  steps: number;
  /** Windows per micro-batch. */
  batchSize: number;
  /** Peak learning rate (after warm-up). */
  learningRate: number;
  /** Floor of the cosine decay (default learningRate / 10). */
  minLearningRate: number;
  warmupSteps: number;
  /** Decoupled weight decay on linear-layer matrices only. */
  weightDecay: number;
  beta1: number;
  beta2: number;
  /** Clip the global gradient norm to this (0 = no clipping). */
  gradClip: number;
  /** Micro-batches whose gradients are averaged into one step. */
  gradAccumSteps: number;
  /** Evaluate validation loss every this many steps and at the last step (0 = never). */
  evalEvery: number;
  /** Number of fixed validation windows each evaluation averages over. */
  evalWindows: number;
  /** Seed of batch order, validation windows and dropout. */
  seed: number;
  /** A gradient norm above this counts as divergence (before clipping). */
  maxGradNorm: number;
}

export const TRAIN_DEFAULTS: TrainOptions = {
  steps: 1000,
  batchSize: 16,
  learningRate: 1e-3,
  minLearningRate: 1e-4,
  warmupSteps: 100,
  weightDecay: 0.1,
  beta1: 0.9,
  beta2: 0.99,
  gradClip: 1,
  gradAccumSteps: 1,
  evalEvery: 100,
  evalWindows: 64,
  seed: 0,
  maxGradNorm: 1e4,
};

export interface StepMetrics {
  /** 1-based optimiser step just completed. */
  step: number;
  /** Mean training loss (nats/token) over the step's micro-batches, before the update. */
  loss: number;
  lr: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
  tokensPerSec: number;
  msPerStep: number;
  /** Validation loss, on the steps where it was evaluated. */
  valLoss?: number;
}

/** What a trainer updates when not the whole model (e.g. only a LoRA adapter's A and B). */
export interface TrainableOptions {
  /**
   * Variables to train, by name (default: model.params, full training). Anything else gets no
   * gradient and no optimiser state — this is how a LoRA run keeps the base weights frozen.
   * Weight decay: a name the model declares follows its spec; any other matrix (rank ≥ 2) decays.
   */
  trainable?: Map<string, tf.Variable>;
}

/** Options retune() may change between steps (e.g. after a DivergenceError). */
export type RetunableOptions = Pick<TrainOptions, 'learningRate' | 'minLearningRate' | 'maxGradNorm' | 'gradClip'>;

/** Throws naming the first option that is out of range. */
function validateTrainOptions(o: TrainOptions): void {
  for (const key of ['steps', 'batchSize', 'gradAccumSteps', 'evalWindows'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new Error(`invalid training option: ${key} = ${o[key]} — must be an integer ≥ 1`);
  }
  for (const key of ['learningRate', 'minLearningRate', 'warmupSteps', 'weightDecay', 'gradClip', 'evalEvery'] as const) {
    if (!(o[key] >= 0) || !Number.isFinite(o[key])) throw new Error(`invalid training option: ${key} = ${o[key]} — must be a finite number ≥ 0`);
  }
  for (const key of ['beta1', 'beta2'] as const) {
    if (!(o[key] >= 0 && o[key] < 1)) throw new Error(`invalid training option: ${key} = ${o[key]} — must be in [0, 1)`);
  }
  if (!(o.maxGradNorm > 0)) throw new Error(`invalid training option: maxGradNorm = ${o.maxGradNorm} — must be > 0`);
}

export class Trainer {
  private o: TrainOptions;
  private readonly optimizer: AdamW;
  private readonly batchRng: RewindableRng;
  private readonly dropoutRng: RewindableRng;
  private readonly rollback: StepRollback;
  private readonly evalStarts: { train: number[]; val: number[] };
  private readonly varToParam = new Map<string, string>();
  /** The variables this trainer updates (model.params unless options.trainable says otherwise). */
  readonly trainable: Map<string, tf.Variable>;
  private completed = 0;
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | null = null;

  constructor(
    readonly model: GPT,
    readonly data: TokenSplit,
    options: Partial<TrainOptions> & TrainableOptions = {},
  ) {
    const { trainable, ...numeric } = options;
    const o: TrainOptions = { ...TRAIN_DEFAULTS, minLearningRate: (options.learningRate ?? TRAIN_DEFAULTS.learningRate) / 10, ...numeric };
    validateTrainOptions(o);
    this.o = o;
    const T = model.config.contextLength;
    assertLongEnough('train', data.train, T);
    if (o.evalEvery > 0) assertLongEnough('validation', data.val, T);
    // An id ≥ vocabSize would make the embedding gather read garbage silently on webgl/webgpu.
    assertTokenIds('train', data.train, model.config.vocabSize);
    assertTokenIds('validation', data.val, model.config.vocabSize);
    this.trainable = trainable ?? model.params;
    if (this.trainable.size === 0) throw new Error('invalid training option: trainable is empty — nothing to train');
    this.optimizer = new AdamW(this.trainable, decayMask(model.specs, this.trainable), { beta1: o.beta1, beta2: o.beta2, eps: 1e-8, weightDecay: o.weightDecay });
    for (const [name, v] of this.trainable) this.varToParam.set(v.name, name);
    // Separate streams, so e.g. the number of eval windows never changes the batch order.
    this.batchRng = rewindableRng(o.seed);
    this.dropoutRng = rewindableRng(o.seed + 2);
    this.rollback = new StepRollback(this.trainable, this.optimizer, [this.batchRng, this.dropoutRng]);
    const evalRng = createRng(o.seed + 1);
    this.evalStarts = {
      val: data.val.length > T ? randomStarts(data.val, o.evalWindows, T, evalRng) : [],
      train: randomStarts(data.train, o.evalWindows, T, evalRng),
    };
  }

  get options(): Readonly<TrainOptions> {
    return this.o;
  }

  /**
   * Change the learning rate, its floor, the divergence threshold or the clip between steps —
   * e.g. after a DivergenceError, then run() again to retry the same step from the kept state.
   * A new learningRate without a minLearningRate sets the floor to learningRate / 10, as the
   * constructor does.
   */
  retune(changes: Partial<RetunableOptions>): void {
    const minLearningRate = changes.minLearningRate ?? (changes.learningRate !== undefined ? changes.learningRate / 10 : this.o.minLearningRate);
    const next: TrainOptions = { ...this.o, ...changes, minLearningRate };
    validateTrainOptions(next);
    this.o = next;
  }

  /**
   * Undo the last applied step as well: weights, Adam state and RNGs go back to before it, and
   * run() redoes it. This is what makes a lower learning rate help after a DivergenceError at step
   * N: that step's loss was measured on the weights step N − 1 produced, so retrying N alone fails
   * the same way. One level deep; returns the steps completed now (N − 2).
   */
  undoLastStep(): number {
    this.completed = this.rollback.undo();
    return this.completed;
  }

  /** Steps completed before the last applied update (what undoLastStep() would return), or null. */
  get undoableTo(): number | null {
    return this.rollback.undoableTo;
  }

  /** Steps completed so far. */
  get step(): number {
    return this.completed;
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  /** Stop after the step in progress (or right away when paused); the run then ends normally. */
  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Mean loss over the split's fixed evaluation windows (evalWindows of them, drawn once). */
  async evaluate(split: 'train' | 'val' = 'val'): Promise<number> {
    const T = this.model.config.contextLength;
    const fixed = this.evalStarts[split];
    if (fixed.length === 0) throw new Error('evaluate: the validation split is too short for one window');
    let total = 0;
    const B = this.o.batchSize;
    for (let i = 0; i < fixed.length; i += B) {
      // One batch at a time, so an evaluation never blocks the worker for longer than a step does.
      await nextMacrotask();
      const starts = fixed.slice(i, i + B);
      const { inputs, targets } = windowsAt(this.data[split], starts, T);
      const loss = this.model.loss(inputs, targets);
      total += (await loss.data())[0] * starts.length;
      tf.dispose([inputs, targets, loss]);
    }
    return total / fixed.length;
  }

  /**
   * One optimiser step. On a bad step throws DivergenceError and keeps the state from before it:
   * weights, Adam's m, v and step count, and the batch and dropout RNGs (so a retry after
   * retune() draws the same batch).
   */
  private async trainStep(): Promise<StepMetrics> {
    const o = this.o;
    const T = this.model.config.contextLength;
    const step = this.completed + 1;
    const lr = learningRateAt(step, o);
    const start = performance.now();
    const vars = [...this.trainable.values()];
    let grads: Map<string, tf.Tensor> | null = null;
    let lossSum: tf.Tensor | null = null;
    for (let micro = 0; micro < o.gradAccumSteps; micro++) {
      const { inputs, targets } = windowsAt(this.data.train, randomStarts(this.data.train, o.batchSize, T, this.batchRng), T);
      const { value, grads: g } = tf.variableGrads(
        () => this.model.loss(inputs, targets, { training: true, rng: this.dropoutRng }),
        vars,
      );
      tf.dispose([inputs, targets]);
      if (!grads || !lossSum) {
        grads = new Map(Object.entries(g).map(([varName, t]) => [this.varToParam.get(varName)!, t]));
        lossSum = value;
      } else {
        for (const [varName, t] of Object.entries(g)) {
          const name = this.varToParam.get(varName)!;
          const old = grads.get(name)!;
          grads.set(name, tf.add(old, t));
          tf.dispose([old, t]);
        }
        const old: tf.Tensor = lossSum;
        lossSum = tf.add(old, value);
        tf.dispose([old, value]);
      }
    }
    if (o.gradAccumSteps > 1) {
      for (const [name, g] of grads!) {
        grads!.set(name, tf.div(g, o.gradAccumSteps));
        g.dispose();
      }
    }
    const normT = globalNorm([...grads!.values()]);
    const [lossArr, normArr] = await Promise.all([lossSum!.data(), normT.data()]);
    const loss = lossArr[0] / o.gradAccumSteps;
    const gradNorm = normArr[0];
    tf.dispose([lossSum!, normT]);
    this.rollback.guardedUpdate(step, grads!, { loss, gradNorm, lr, maxGradNorm: o.maxGradNorm, gradClip: o.gradClip });
    // Wait for the update itself, so ms/step measures work done rather than work queued.
    await vars[0].data();
    this.completed = step;
    const msPerStep = performance.now() - start;
    return { step, loss, lr, gradNorm, msPerStep, tokensPerSec: (o.batchSize * o.gradAccumSteps * T * 1000) / msPerStep };
  }

  /** Run until `options.steps` are done or cancel(); yields one StepMetrics per step. */
  async *run(): AsyncGenerator<StepMetrics> {
    const o = this.o;
    while (this.completed < o.steps && !this.cancelled) {
      while (this.paused && !this.cancelled) await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
      if (this.cancelled) break;
      const metrics = await this.trainStep();
      if (o.evalEvery > 0 && (metrics.step % o.evalEvery === 0 || metrics.step === o.steps)) {
        metrics.valLoss = await this.evaluate();
      }
      yield metrics;
      await nextMacrotask(); // let pause/cancel messages in before the next step
    }
  }

  /** Callback form of run(). Resolves with the metrics of every completed step. */
  async train(onStep?: (m: StepMetrics) => void | Promise<void>): Promise<StepMetrics[]> {
    const all: StepMetrics[] = [];
    for await (const m of this.run()) {
      all.push(m);
      await onStep?.(m);
    }
    return all;
  }

  /** Copies of Adam's step count and moments (m, v per trainable variable stepped so far). */
  optimizerSnapshot(): Promise<AdamWSnapshot> {
    return this.optimizer.snapshot();
  }

  /** Optimiser state held now: tensors and bytes (Adam's m and v for each trainable variable once stepped). */
  get optimizerState(): { tensors: number; bytes: number } {
    return this.optimizer.state;
  }

  /** Free the optimiser state and the kept pre-update state (the model stays). */
  dispose(): void {
    this.rollback.release();
    this.optimizer.dispose();
  }
}
