// Autoregressive generation: feed the last contextLength tokens, turn the last position's
// logits into one id with a pluggable sampler, append, repeat. The sampler is a plain function
// over a logits vector, so the strategies in ./strategies.ts (greedy, top-k, top-p …) plug in.
import * as tf from '@tensorflow/tfjs';
import type { GPT } from '../model/gpt';
import type { Rng } from './rng';
import { checkStopOptions, matchStop, type StopOptions } from './stop';

/** Picks the next id from one position's logits [vocabSize]. */
export type Sampler = (logits: Float32Array, rng: Rng) => number;

/** `eos` and `stopSequences` (lib/sample/stop.ts) end generation; the stop tokens are kept in the output. */
export interface GenerateOptions extends StopOptions {
  /** Number of new tokens to produce. */
  maxTokens: number;
  sampler: Sampler;
  rng: Rng;
  /** Called after each new token; return false to stop early. */
  onToken?: (id: number, index: number) => void | boolean;
}

/** Returns the new ids (the prompt excluded). */
export async function generate(model: GPT, promptIds: number[], opts: GenerateOptions): Promise<number[]> {
  const { vocabSize, contextLength } = model.config;
  if (promptIds.length === 0) throw new Error('generate: the prompt is empty (give at least one token id)');
  for (const id of promptIds) {
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new Error(`generate: prompt id ${id} is outside 0…${vocabSize - 1}`);
  }
  if (!Number.isInteger(opts.maxTokens) || opts.maxTokens < 0) throw new Error(`generate: maxTokens = ${opts.maxTokens} must be an integer ≥ 0`);
  checkStopOptions(opts, vocabSize);
  const ids = promptIds.slice();
  const out: number[] = [];
  for (let i = 0; i < opts.maxTokens; i++) {
    const window = ids.slice(-contextLength);
    const last = tf.tidy(() => {
      const { logits } = model.forward(tf.tensor2d([window], [1, window.length], 'int32')); // [1, T, V]
      return logits.slice([0, window.length - 1, 0], [1, 1, vocabSize]).reshape([vocabSize]);
    });
    const logits = (await last.data()) as Float32Array;
    last.dispose();
    const next = opts.sampler(logits, opts.rng);
    if (!Number.isInteger(next) || next < 0 || next >= vocabSize) throw new Error(`generate: the sampler returned ${next}, not an id in 0…${vocabSize - 1}`);
    ids.push(next);
    out.push(next);
    if (opts.onToken?.(next, i) === false) break;
    if (matchStop(out, opts)) break;
  }
  return out;
}

/**
 * The built-in sampler: softmax(logits / temperature) restricted to the topK largest logits
 * (topK 0 = all). temperature 0 means greedy (argmax; the lowest id wins a tie).
 */
export function temperatureTopKSampler(temperature = 1, topK = 0): Sampler {
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new Error(`temperature = ${temperature} must be a finite number ≥ 0`);
  if (!Number.isInteger(topK) || topK < 0) throw new Error(`topK = ${topK} must be an integer ≥ 0`);
  return (logits, rng) => {
    let best = 0;
    for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
    if (temperature === 0) return best;
    let candidates = Array.from(logits.keys());
    if (topK > 0 && topK < logits.length) candidates = candidates.sort((a, b) => logits[b] - logits[a] || a - b).slice(0, topK);
    const max = logits[best];
    const weights = candidates.map((i) => Math.exp((logits[i] - max) / temperature));
    const total = weights.reduce((a, b) => a + b, 0);
    let u = rng.next() * total;
    for (let j = 0; j < candidates.length; j++) {
      u -= weights[j];
      if (u < 0) return candidates[j];
    }
    return candidates[candidates.length - 1];
  };
}
