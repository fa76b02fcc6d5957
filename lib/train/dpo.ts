// Direct Preference Optimization (Rafailov et al. 2023). For a prompt x with a chosen response
// y_w and a rejected one y_l, and a frozen reference policy π_ref:
//   loss = −log σ(β·[(log πθ(y_w|x) − log π_ref(y_w|x)) − (log πθ(y_l|x) − log π_ref(y_l|x))])
// The implicit rewards r = β·(log πθ(y|x) − log π_ref(y|x)) are what the reader watches: the
// margin r_w − r_l grows and the accuracy mean(r_w > r_l) rises while the policy learns the preference.
import * as tf from '@tensorflow/tfjs';
import type { ForwardOptions, GPT, LinearAdapter } from '../model/gpt';
import { type RewindableRng, rewindableRng } from './rollback';
import type { Tokenizer } from '../tokenizer/types';
import { disposeBatch, type MaskedBatch, targetLogProbs } from './logprobs';
import { type ObjectiveOptions, ObjectiveOptimizer } from './objective';
import { type ChatTemplate, type FormattedExample, formatExample, sftBatch } from './sft';

export interface PreferencePair {
  prompt: string;
  chosen: string;
  rejected: string;
}

export interface FormattedPreference {
  chosen: FormattedExample;
  rejected: FormattedExample;
}

export function formatPreference(template: ChatTemplate, tokenizer: Tokenizer, pair: PreferencePair): FormattedPreference {
  return {
    chosen: formatExample(template, tokenizer, { prompt: pair.prompt, response: pair.chosen }),
    rejected: formatExample(template, tokenizer, { prompt: pair.prompt, response: pair.rejected }),
  };
}

/** One batch of 2B rows: chosen responses in rows 0…B−1, the matching rejected ones in rows B…2B−1. */
export function preferenceBatch(pairs: FormattedPreference[], T: number): MaskedBatch {
  return sftBatch([...pairs.map((p) => p.chosen), ...pairs.map((p) => p.rejected)], T);
}

export interface DPOTerms {
  /** Mean DPO loss over the pairs. */
  loss: tf.Scalar;
  /** β·(log πθ(y_w|x) − log π_ref(y_w|x)), [B] */
  chosenRewards: tf.Tensor1D;
  /** β·(log πθ(y_l|x) − log π_ref(y_l|x)), [B] */
  rejectedRewards: tf.Tensor1D;
  /** chosen − rejected reward, [B] */
  margins: tf.Tensor1D;
  /** Fraction of pairs with chosen reward > rejected reward (ties count as wrong). */
  accuracy: tf.Scalar;
}

/** The DPO loss and its implicit rewards from sequence log-probabilities (each [B], nats). */
export function dpoLoss(
  policyChosen: tf.Tensor1D,
  policyRejected: tf.Tensor1D,
  referenceChosen: tf.Tensor1D,
  referenceRejected: tf.Tensor1D,
  beta: number,
): DPOTerms {
  if (!(beta > 0)) throw new Error(`DPO: beta = ${beta} — must be > 0`);
  return tf.tidy(() => {
    const chosenRewards = tf.mul(tf.sub(policyChosen, referenceChosen), beta) as tf.Tensor1D;
    const rejectedRewards = tf.mul(tf.sub(policyRejected, referenceRejected), beta) as tf.Tensor1D;
    const margins = tf.sub(chosenRewards, rejectedRewards) as tf.Tensor1D;
    // −log σ(m) = softplus(−m), stable for large |m|
    const loss = tf.mean(tf.softplus(tf.neg(margins))) as tf.Scalar;
    const accuracy = tf.mean(tf.cast(tf.greater(chosenRewards, rejectedRewards), 'float32')) as tf.Scalar;
    return { loss, chosenRewards, rejectedRewards, margins, accuracy } as unknown as tf.TensorContainer;
  }) as unknown as DPOTerms;
}

/**
 * The frozen reference: another model, or the same base with another adapter (or none) — the
 * LoRA case, where the reference costs no extra weights: the base without the adapter.
 */
export type ReferencePolicy = GPT | { model: GPT; adapter: LinearAdapter | null };

/** Reference logits [2B, T, V] for a batch, computed with no gradient tape involvement. */
export function referenceLogits(reference: ReferencePolicy, inputs: tf.Tensor2D): tf.Tensor3D {
  if ('forward' in reference) return reference.forward(inputs).logits;
  const active = reference.model.adapter;
  reference.model.setAdapter(reference.adapter);
  try {
    return reference.model.forward(inputs).logits;
  } finally {
    reference.model.setAdapter(active);
  }
}

/**
 * The whole DPO objective on a preference batch, given the reference's logits on it.
 * aux: per-pair rewards and margins, accuracy, and the KL to the reference — the exact
 * KL(πθ ‖ π_ref) of the next-token distributions (a sum over the vocabulary, not a sampled
 * estimate), summed over a sequence's response positions and averaged over all 2B sequences.
 */
export function dpoObjective(policy: GPT, batch: MaskedBatch, refLogits: tf.Tensor3D, beta: number, opts: Pick<ForwardOptions, 'training' | 'rng'> = {}) {
  return tf.tidy(() => {
    const B = batch.inputs.shape[0] / 2;
    const { logits } = policy.forward(batch.inputs, opts); // [2B, T, V]
    const policySeq = tf.sum(tf.mul(targetLogProbs(logits, batch.targets), batch.mask), 1); // [2B]
    const refSeq = tf.sum(tf.mul(targetLogProbs(refLogits, batch.targets), batch.mask), 1); // [2B]
    const [pc, pr] = tf.split(policySeq, [B, B]) as tf.Tensor1D[];
    const [rc, rr] = tf.split(refSeq, [B, B]) as tf.Tensor1D[];
    const terms = dpoLoss(pc, pr, rc, rr, beta);
    const logP = tf.logSoftmax(logits, -1); // [2B, T, V]; aux only, so no gradient flows through it
    const logQ = tf.logSoftmax(refLogits, -1);
    const klPerPosition = tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), -1); // [2B, T]
    const kl = tf.mean(tf.sum(tf.mul(klPerPosition, batch.mask), 1)) as tf.Scalar;
    return {
      loss: terms.loss,
      aux: { chosenReward: terms.chosenRewards, rejectedReward: terms.rejectedRewards, margin: terms.margins, accuracy: terms.accuracy, kl },
    } as unknown as tf.TensorContainer;
  }) as unknown as { loss: tf.Scalar; aux: Record<string, tf.Tensor> };
}

export interface DPOOptions extends ObjectiveOptions {
  /** Strength of the pull towards the reference (the paper's β; 0.1 is common). */
  beta: number;
  /** Pairs per step. */
  batchSize: number;
  /** Seed of the batch order. */
  seed: number;
}

/** Means over the step's pairs (rewards in nats·β; kl in nats per sequence). */
export interface DPOMetrics {
  step: number;
  loss: number;
  chosenReward: number;
  rejectedReward: number;
  margin: number;
  accuracy: number;
  kl: number;
  gradNorm: number;
}

const mean = (a: Float32Array) => a.reduce((s, x) => s + x, 0) / a.length;

export class DPOTrainer {
  readonly options: DPOOptions;
  private readonly optimizer: ObjectiveOptimizer;
  private readonly rng: RewindableRng;

  /** `trainable`: what DPO updates (the whole policy, or only a LoRA adapter's params). */
  constructor(
    readonly policy: GPT,
    readonly reference: ReferencePolicy,
    readonly pairs: FormattedPreference[],
    trainable: Map<string, tf.Variable>,
    options: Partial<DPOOptions> = {},
  ) {
    this.options = { beta: 0.1, batchSize: 8, seed: 0, learningRate: 1e-3, weightDecay: 0, beta1: 0.9, beta2: 0.99, gradClip: 1, maxGradNorm: 1e4, ...options };
    if (!(this.options.beta > 0)) throw new Error(`DPO: beta = ${this.options.beta} — must be > 0`);
    if (!Number.isInteger(this.options.batchSize) || this.options.batchSize < 1) throw new Error(`DPO: batchSize = ${this.options.batchSize} — must be an integer ≥ 1`);
    if (pairs.length === 0) throw new Error('DPO: no preference pairs');
    this.rng = rewindableRng(this.options.seed);
    this.optimizer = new ObjectiveOptimizer(trainable, this.options, [this.rng]);
  }

  get step(): number {
    return this.optimizer.updates;
  }

  /** Undo the last update (policy weights, AdamW state, pair draws); after a DivergenceError, lower the rate and step again. */
  undoLastStep(): number {
    return this.optimizer.undoLastStep();
  }

  get optimizerState(): { tensors: number; bytes: number } {
    return this.optimizer.state;
  }

  /** One update on batchSize pairs drawn by the seeded rng; metrics are from before the update. */
  async trainStep(): Promise<DPOMetrics> {
    const drawn = Array.from({ length: this.options.batchSize }, () => this.pairs[this.rng.int(this.pairs.length)]);
    const batch = preferenceBatch(drawn, this.policy.config.contextLength);
    const refLogits = referenceLogits(this.reference, batch.inputs);
    try {
      const { loss, gradNorm, aux } = await this.optimizer.step(() => dpoObjective(this.policy, batch, refLogits, this.options.beta));
      return { step: this.optimizer.updates, loss, gradNorm, ...summarise(aux) };
    } finally {
      refLogits.dispose();
      disposeBatch(batch);
    }
  }

  /** Metrics over the given pairs (default: all) with no update, batchSize pairs at a time. */
  async evaluate(pairs: FormattedPreference[] = this.pairs): Promise<Omit<DPOMetrics, 'step' | 'gradNorm'>> {
    const totals = { loss: 0, chosenReward: 0, rejectedReward: 0, margin: 0, accuracy: 0, kl: 0 };
    for (let i = 0; i < pairs.length; i += this.options.batchSize) {
      const chunk = pairs.slice(i, i + this.options.batchSize);
      const batch = preferenceBatch(chunk, this.policy.config.contextLength);
      const refLogits = referenceLogits(this.reference, batch.inputs);
      const { loss, aux } = dpoObjective(this.policy, batch, refLogits, this.options.beta);
      const values: Record<string, Float32Array> = {};
      for (const [k, t] of Object.entries(aux)) values[k] = (await t.data()) as Float32Array;
      const s = { loss: (await loss.data())[0], ...summarise(values) };
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k] * chunk.length;
      tf.dispose([loss, refLogits, ...Object.values(aux)]);
      disposeBatch(batch);
    }
    for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] /= pairs.length;
    return totals;
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

function summarise(aux: Record<string, Float32Array>) {
  return {
    chosenReward: mean(aux.chosenReward),
    rejectedReward: mean(aux.rejectedReward),
    margin: mean(aux.margin),
    accuracy: aux.accuracy[0],
    kl: aux.kl[0],
  };
}
