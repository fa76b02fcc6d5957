// The sweep's plan: which five model sizes train, for how many steps, on how many tokens, at what
// compute. Pure arithmetic (no tfjs), shared by the page (estimates before anything runs), the
// worker (what it trains) and the bench. Kaplan et al. 2020 count N without embeddings and
// C = 6·N·D; we do the same, and say so in every label.
import { countParams, type GPTConfig } from '../../../model/config';
import { trainingFlopsPerStep } from '../../estimates';

/** One model of the ladder: its shape. Every model of a sweep shares context, batch and seeds. */
export interface SweepShape {
  nLayer: number;
  nHead: number;
  dModel: number;
}

/** How the five runs share out the work. */
export type SweepMode =
  /** Every model reads the same tokens (same steps, same batches): Kaplan's L(N) at fixed D. */
  | 'tokens'
  /** Every model gets the same 6·N·D: a smaller model reads more tokens (Chinchilla's IsoFLOP slice). */
  | 'compute';

export type SweepLength = 'tiny' | 'quick' | 'long';

export interface SweepModelPlan extends SweepShape {
  /** Optimiser steps for this model. */
  steps: number;
  /** Peak learning rate of this model (default: the plan's). */
  learningRate?: number;
}

/** Everything the worker needs to run a sweep (sent as the `sweep/run` command's plan). */
export interface SweepPlan {
  mode: SweepMode;
  length: SweepLength;
  contextLength: number;
  batchSize: number;
  learningRate: number;
  /** Warm-up as a fraction of each model's steps (then cosine decay to lr/10). */
  warmupFraction: number;
  weightDecay: number;
  /** Seed of the initial weights, batch order and validation windows — the same for every model. */
  seed: number;
  /** Fixed validation windows every evaluation averages over (the same windows for every model). */
  evalWindows: number;
  /** Validation evaluations per model (the last at its final step). */
  evalsPerModel: number;
  models: SweepModelPlan[];
}

/** Kaplan's N: every parameter except the token and position embeddings (wte, wpe). */
export function nonEmbeddingParams(config: GPTConfig): number {
  return countParams(config) - config.vocabSize * config.dModel - config.contextLength * config.dModel;
}

/** Training compute by Kaplan's rule, C = 6·N·D, with N non-embedding. */
export function kaplanCompute(nonEmbedding: number, tokens: number): number {
  return 6 * nonEmbedding * tokens;
}

/**
 * The five shapes per length. Only the width changes within a sweep (depth fixed, 8 dimensions per
 * head), as in the chapter's recipe: N grows ≈ as 12·L·d², so each ladder spans 1–1.5 decades.
 */
const LADDERS: Record<SweepLength, SweepShape[]> = {
  tiny: widths(2, [8, 16, 24, 32, 48]),
  quick: widths(2, [16, 24, 32, 48, 64]),
  long: widths(3, [16, 32, 48, 64, 96]),
};

function widths(nLayer: number, ds: number[]): SweepShape[] {
  return ds.map((dModel) => ({ nLayer, nHead: dModel / 8, dModel }));
}

/**
 * Per length: context, batch, steps of the fixed-token sweep (= the middle model's steps at equal
 * compute), one learning rate for every size, and validation windows. The tiny one is what the
 * browser test runs (≈ 1 minute of WASM on an idle 2-core machine); see docs/scaling-sweep.md.
 */
const SETTINGS: Record<SweepLength, { contextLength: number; batchSize: number; steps: number; learningRate: number; evalWindows: number }> = {
  tiny: { contextLength: 32, batchSize: 16, steps: 200, learningRate: 5e-3, evalWindows: 64 },
  quick: { contextLength: 32, batchSize: 16, steps: 600, learningRate: 5e-3, evalWindows: 128 },
  long: { contextLength: 64, batchSize: 16, steps: 1500, learningRate: 3e-3, evalWindows: 128 },
};

/** The shipped sweeps: `mode` × `length`. The vocabulary comes from the corpus (it only scales the head). */
export function sweepPlan(mode: SweepMode, length: SweepLength, vocabSize: number, seed = 0): SweepPlan {
  const s = SETTINGS[length];
  const shapes = LADDERS[length];
  let models: SweepModelPlan[];
  if (mode === 'tokens') {
    models = shapes.map((shape) => ({ ...shape, steps: s.steps }));
  } else {
    // Equal compute: the middle model gets the fixed-token steps; the others the steps that give
    // the same 6·N·D (rounded, at least 10 so the smallest ones still warm up and decay).
    const n = shapes.map((shape) => nonEmbeddingParams(configOf(shape, s.contextLength, vocabSize, seed)));
    const budget = n[2] * s.steps;
    models = shapes.map((shape, i) => ({ ...shape, steps: Math.max(10, Math.round(budget / n[i])) }));
  }
  return { mode, length, contextLength: s.contextLength, batchSize: s.batchSize, learningRate: s.learningRate, warmupFraction: 0.1, weightDecay: 0.1, seed, evalWindows: s.evalWindows, evalsPerModel: 4, models };
}

/** The GPT config of one model of a plan. */
export function configOf(shape: SweepShape, contextLength: number, vocabSize: number, seed: number): GPTConfig {
  return { nLayer: shape.nLayer, nHead: shape.nHead, dModel: shape.dModel, contextLength, vocabSize, mlpRatio: 4, dropout: 0, seed };
}

/** What one model of a plan costs: parameters, tokens, Kaplan compute and the FLOPs tfjs really runs. */
export interface SweepModelCost {
  params: number;
  nonEmbeddingParams: number;
  tokens: number;
  /** 6·N·D with N non-embedding (the x axis of the compute chart). */
  compute: number;
  /** Every FLOP of training, head and attention included (for time estimates). */
  trainingFlops: number;
}

export function modelCost(plan: SweepPlan, index: number, vocabSize: number): SweepModelCost {
  const m = plan.models[index];
  const config = configOf(m, plan.contextLength, vocabSize, plan.seed);
  const nonEmbedding = nonEmbeddingParams(config);
  const tokens = m.steps * plan.batchSize * plan.contextLength;
  return {
    params: countParams(config),
    nonEmbeddingParams: nonEmbedding,
    tokens,
    compute: kaplanCompute(nonEmbedding, tokens),
    trainingFlops: trainingFlopsPerStep({ config, batchSize: plan.batchSize }).total * m.steps,
  };
}

/**
 * Seconds a plan should take at a sustained FLOP rate plus a fixed cost per step (kernel launches,
 * readbacks: the floor that dominates tiny models on a GPU). Evaluations add ≈ 1/3 of a step's
 * FLOPs per window batch (forward only).
 */
export function estimateSeconds(plan: SweepPlan, vocabSize: number, flopsPerSecond: number, msPerStepOverhead: number): number {
  let seconds = 0;
  plan.models.forEach((m, i) => {
    const cost = modelCost(plan, i, vocabSize);
    const evalBatches = plan.evalsPerModel * Math.ceil(plan.evalWindows / plan.batchSize);
    const evalFlops = (cost.trainingFlops / m.steps / 3) * evalBatches;
    seconds += (cost.trainingFlops + evalFlops) / flopsPerSecond + ((m.steps + evalBatches) * msPerStepOverhead) / 1000;
  });
  return seconds;
}

/** Steps at which model `m` is evaluated: evenly spaced, the last at its final step. */
export function evalSteps(plan: SweepPlan, m: SweepModelPlan): number[] {
  const k = Math.max(1, Math.min(plan.evalsPerModel, m.steps));
  return Array.from({ length: k }, (_, i) => Math.round(((i + 1) * m.steps) / k));
}

/** Checks a plan that arrived from a page: throws with the field that is wrong. */
export function validatePlan(plan: SweepPlan): void {
  const int = (name: string, v: unknown, lo: number, hi: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new Error(`sweep plan: ${name} = ${JSON.stringify(v)} — must be an integer in ${lo}…${hi}`);
  };
  if (!plan || typeof plan !== 'object' || !Array.isArray(plan.models)) throw new Error('sweep plan: expected an object with a models array');
  if (plan.models.length < 2 || plan.models.length > 8) throw new Error(`sweep plan: ${plan.models.length} models — a fit needs 2 to 8`);
  int('contextLength', plan.contextLength, 4, 256);
  int('batchSize', plan.batchSize, 1, 64);
  int('seed', plan.seed, 0, 1e9);
  int('evalWindows', plan.evalWindows, 1, 1024);
  int('evalsPerModel', plan.evalsPerModel, 1, 20);
  if (!(plan.learningRate > 0 && plan.learningRate < 1)) throw new Error(`sweep plan: learningRate = ${plan.learningRate} — must be in (0, 1)`);
  if (!(plan.warmupFraction >= 0 && plan.warmupFraction < 1)) throw new Error(`sweep plan: warmupFraction = ${plan.warmupFraction} — must be in [0, 1)`);
  if (!(plan.weightDecay >= 0 && plan.weightDecay <= 1)) throw new Error(`sweep plan: weightDecay = ${plan.weightDecay} — must be in [0, 1]`);
  plan.models.forEach((m, i) => {
    int(`models[${i}].nLayer`, m.nLayer, 1, 12);
    int(`models[${i}].nHead`, m.nHead, 1, 16);
    int(`models[${i}].dModel`, m.dModel, 4, 1024);
    int(`models[${i}].steps`, m.steps, 1, 100_000);
    if (m.learningRate !== undefined && !(m.learningRate > 0 && m.learningRate < 1)) throw new Error(`sweep plan: models[${i}].learningRate = ${m.learningRate} — must be in (0, 1)`);
  });
}
