// Shared setup for lib/ tests: the tfjs cpu backend (or wasm where a test is about it) and small models.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect } from 'vitest';
import { createGPT, type GPT } from '@/lib/model/gpt';
import type { GPTConfigInput } from '@/lib/model/config';

export async function selectBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (tf.getBackend() !== name) {
    const ok = await tf.setBackend(name);
    if (!ok) throw new Error(`backend ${name} failed to initialise`);
  }
  await tf.ready();
}

export const TINY: GPTConfigInput = { vocabSize: 11, contextLength: 8, nLayer: 2, nHead: 2, dModel: 8, seed: 1 };

export function tinyModel(overrides: Partial<GPTConfigInput> = {}): GPT {
  return createGPT({ ...TINY, ...overrides });
}

/** Deterministic int32 [B, T] tokens in [0, vocab). */
export function tokenBatch(B: number, T: number, vocab: number, offset = 0): tf.Tensor2D {
  const ids = new Int32Array(B * T);
  for (let i = 0; i < ids.length; i++) ids[i] = (i * 7 + offset * 3 + 1) % vocab;
  return tf.tensor2d(ids, [B, T], 'int32');
}

/** Call at a test file's top level, after selectBackend: the file must end with the tensors it began with. */
export function expectFileLeavesNoTensors(): void {
  let before = 0;
  beforeAll(() => {
    before = tf.memory().numTensors;
  });
  afterAll(() => {
    expect(tf.memory().numTensors).toBe(before);
  });
}
