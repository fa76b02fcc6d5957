// Token streams → training batches: random contiguous windows, a train/validation split and
// a fixed set of validation windows (so every evaluation measures the same thing).
import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../sample/rng';

export interface TokenSplit {
  train: Int32Array;
  val: Int32Array;
}

/** The first (1 − valFraction) of the stream trains, the rest validates (nanoGPT's split: no window straddles it). */
export function splitTrainVal(ids: ArrayLike<number>, valFraction = 0.1): TokenSplit {
  if (!(valFraction > 0 && valFraction < 1)) throw new Error(`valFraction = ${valFraction} must be in (0, 1)`);
  const all = Int32Array.from(ids);
  const cut = Math.floor(all.length * (1 - valFraction));
  return { train: all.subarray(0, cut), val: all.subarray(cut) };
}

/** Check that a stream holds at least one window of `contextLength` inputs plus its next-token target. */
export function assertLongEnough(name: string, stream: ArrayLike<number>, contextLength: number): void {
  if (stream.length < contextLength + 1) {
    throw new Error(`${name} split has ${stream.length} tokens; it needs at least contextLength + 1 = ${contextLength + 1}`);
  }
}

/**
 * Check that every id of a split is a row of the embedding: 0 ≤ id < vocabSize. Names the split,
 * the first offending id and its position (tfjs gather does not check on webgl/webgpu).
 */
export function assertTokenIds(name: string, stream: ArrayLike<number>, vocabSize: number): void {
  for (let i = 0; i < stream.length; i++) {
    const id = stream[i];
    if (!(id >= 0 && id < vocabSize)) {
      throw new Error(`${name} split: token id ${id} at position ${i} is outside the model's vocabulary (ids 0…${vocabSize - 1}, vocabSize = ${vocabSize})`);
    }
  }
}

/** inputs[b, t] = stream[start_b + t], targets[b, t] = stream[start_b + t + 1]; both int32 [B, T]. */
export function windowsAt(stream: Int32Array, starts: number[], T: number): { inputs: tf.Tensor2D; targets: tf.Tensor2D } {
  const B = starts.length;
  const x = new Int32Array(B * T);
  const y = new Int32Array(B * T);
  starts.forEach((start, b) => {
    x.set(stream.subarray(start, start + T), b * T);
    y.set(stream.subarray(start + 1, start + T + 1), b * T);
  });
  return { inputs: tf.tensor2d(x, [B, T], 'int32'), targets: tf.tensor2d(y, [B, T], 'int32') };
}

/** B window starts drawn uniformly from the stream. */
export function randomStarts(stream: Int32Array, B: number, T: number, rng: Rng): number[] {
  const span = stream.length - T; // valid starts: 0 … length − T − 1
  return Array.from({ length: B }, () => rng.int(span));
}
