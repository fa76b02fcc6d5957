// Exact evaluation of a whole token stream, and the unigram baseline a model must beat.
import * as tf from '@tensorflow/tfjs';
import type { GPT } from '../model/gpt';

/**
 * Mean next-token loss (nats/token) over a stream cut into consecutive non-overlapping windows
 * of contextLength (the tail shorter than one window is dropped). Deterministic: no sampling.
 * `onProgress(done, total)` is called after each batch.
 */
export async function evaluateStream(
  model: GPT,
  stream: Int32Array,
  batchSize = 32,
  onProgress?: (done: number, total: number) => void,
): Promise<{ loss: number; tokens: number }> {
  const T = model.config.contextLength;
  const windows = Math.floor((stream.length - 1) / T);
  if (windows < 1) throw new Error(`evaluate: the stream has ${stream.length} tokens, fewer than one window (${T + 1})`);
  let total = 0;
  for (let w = 0; w < windows; w += batchSize) {
    const B = Math.min(batchSize, windows - w);
    const x = new Int32Array(B * T);
    const y = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      const start = (w + b) * T;
      x.set(stream.subarray(start, start + T), b * T);
      y.set(stream.subarray(start + 1, start + T + 1), b * T);
    }
    const inputs = tf.tensor2d(x, [B, T], 'int32');
    const targets = tf.tensor2d(y, [B, T], 'int32');
    const loss = model.loss(inputs, targets);
    total += (await loss.data())[0] * B;
    tf.dispose([inputs, targets, loss]);
    onProgress?.(Math.min(w + B, windows), windows);
  }
  return { loss: total / windows, tokens: windows * T };
}

/** Entropy (nats/token) of the stream's own unigram distribution: the loss of the best context-free model of it. */
export function unigramEntropy(stream: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < stream.length; i++) counts.set(stream[i], (counts.get(stream[i]) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) {
    const p = c / stream.length;
    h -= p * Math.log(p);
  }
  return h;
}
