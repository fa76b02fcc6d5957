// Decoding strategies over one position's logits: greedy, temperature, top-k, top-p (nucleus)
// and their combination. Pure functions of (logits, options, rng): each returns every
// intermediate a sampling widget draws, so the UI never redoes the math.
//
// Order (as in Hugging Face's generate and nanoGPT's sample): divide by the temperature, cut
// to the top k, cut to the nucleus of the *remaining* distribution, renormalise, draw.

import type { Rng } from './rng';

export interface SamplingOptions {
  /** Divide logits by this before softmax. 1 leaves them; → 0 approaches greedy; 0 is greedy. */
  temperature?: number;
  /** Keep only the k most likely tokens (ties: lower id first). Unset: no cut. */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability mass is ≥ p, 0 < p ≤ 1. Unset: no cut. */
  topP?: number;
}

export interface SamplingStep {
  /** logits / temperature (the logits themselves for greedy). */
  scaledLogits: Float32Array;
  /** scaledLogits where kept, −Infinity elsewhere. */
  filteredLogits: Float32Array;
  /** softmax(filteredLogits): the distribution the token is drawn from (0 outside the kept set). */
  probs: Float32Array;
  /** Kept token ids, most likely first (ties: lower id first). */
  keptIds: number[];
  /** Probability mass of the kept set under softmax(scaledLogits), before any cut. */
  keptMass: number;
  /** The chosen token. */
  token: number;
}

// Top-p compares a running float sum with p; without slack, probabilities like 0.5 + 0.2
// computed through exp/log can land at 0.69999999 and pull in one token too many.
const MASS_SLACK = 1e-9;

/** Softmax in float64 with the max subtracted; −Infinity logits get probability 0. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i] > max) max = logits[i];
  const out = new Float64Array(logits.length);
  if (max === -Infinity) throw new Error('softmax: every logit is −Infinity, there is nothing to sample');
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    out[i] = logits[i] === -Infinity ? 0 : Math.exp(logits[i] - max);
    sum += out[i];
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** Ids sorted by probability, highest first; ties by lower id (so results never depend on sort stability). */
function rankByProbability(probs: ArrayLike<number>): number[] {
  return Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[b] - probs[a] || a - b);
}

function checkLogits(logits: Float32Array): void {
  if (logits.length === 0) throw new Error('sampling: logits are empty (vocabulary of size 0)');
  for (let i = 0; i < logits.length; i++) {
    if (Number.isNaN(logits[i]) || logits[i] === Infinity) throw new Error(`sampling: logit ${i} is ${logits[i]}; logits must be finite or −Infinity`);
  }
}

function checkOptions({ temperature, topK, topP }: SamplingOptions): void {
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= 0)) {
    throw new Error(`sampling: temperature must be a finite number ≥ 0, got ${temperature}`);
  }
  if (topK !== undefined && !(Number.isInteger(topK) && topK >= 1)) throw new Error(`sampling: topK must be an integer ≥ 1, got ${topK}`);
  if (topP !== undefined && !(topP > 0 && topP <= 1)) throw new Error(`sampling: topP must be in (0, 1], got ${topP}`);
}

/** Draw an id from `probs` (summing to 1 up to rounding) by inverting the CDF at one uniform number. */
function draw(probs: ArrayLike<number>, rng: Rng): number {
  const u = rng.next();
  let cumulative = 0;
  let last = -1;
  for (let i = 0; i < probs.length; i++) {
    if (probs[i] <= 0) continue;
    cumulative += probs[i];
    last = i;
    if (u < cumulative) return i;
  }
  return last; // u fell in the rounding gap above the final cumulative sum
}

/** The most likely token (ties: lowest id). No randomness. */
export function greedy(logits: Float32Array): SamplingStep {
  checkLogits(logits);
  const full = softmax(logits);
  const token = rankByProbability(logits)[0];
  const filteredLogits = new Float32Array(logits.length).fill(-Infinity);
  filteredLogits[token] = logits[token];
  const probs = new Float32Array(logits.length);
  probs[token] = 1;
  return { scaledLogits: Float32Array.from(logits), filteredLogits, probs, keptIds: [token], keptMass: full[token], token };
}

/** Temperature, then top-k, then top-p, then a draw. With temperature 0 this is `greedy`. */
export function sample(logits: Float32Array, options: SamplingOptions, rng: Rng): SamplingStep {
  checkLogits(logits);
  checkOptions(options);
  const temperature = options.temperature ?? 1;
  if (temperature === 0) return greedy(logits);

  const scaledLogits = logits.map((l) => l / temperature);
  const full = softmax(scaledLogits);
  let kept = rankByProbability(full).filter((id) => full[id] > 0);

  if (options.topK !== undefined) kept = kept.slice(0, options.topK);
  if (options.topP !== undefined && options.topP < 1) {
    // The nucleus is taken on the distribution that survived top-k, renormalised.
    const mass = kept.reduce((s, id) => s + full[id], 0);
    let cumulative = 0;
    let n = 0;
    while (n < kept.length) {
      cumulative += full[kept[n]] / mass;
      n++;
      if (cumulative >= options.topP - MASS_SLACK) break;
    }
    kept = kept.slice(0, n);
  }

  const filteredLogits = new Float32Array(logits.length).fill(-Infinity);
  for (const id of kept) filteredLogits[id] = scaledLogits[id];
  const probs = Float32Array.from(softmax(filteredLogits));
  const keptMass = kept.reduce((s, id) => s + full[id], 0);
  return { scaledLogits, filteredLogits, probs, keptIds: kept, keptMass, token: draw(softmax(filteredLogits), rng) };
}

/** Plain sampling from softmax(logits / temperature). */
export function sampleWithTemperature(logits: Float32Array, temperature: number, rng: Rng): SamplingStep {
  return sample(logits, { temperature }, rng);
}

/** Sampling among the k most likely tokens. */
export function sampleTopK(logits: Float32Array, k: number, rng: Rng, temperature = 1): SamplingStep {
  return sample(logits, { temperature, topK: k }, rng);
}

/** Nucleus sampling: among the smallest set of most likely tokens with mass ≥ p. */
export function sampleTopP(logits: Float32Array, p: number, rng: Rng, temperature = 1): SamplingStep {
  return sample(logits, { temperature, topP: p }, rng);
}
