// The KV-cache harness page: on the WebGPU backend (SwiftShader in tests), decode with the WGSL
// kernel store and with the composed-op store, compare both with a full recompute at every step,
// and count tensors and GPU buffers per step. Called from the browser test and the bench as
// `await kvHarness.check(spec)` / `await kvHarness.time(spec)` / `await kvHarness.timeAt(spec)`.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { GPTConfigInput } from '@/lib/model/config';
import { createGPT, type GPT } from '@/lib/model/gpt';
import { ComposedKVStore, KVCache, type KVStore } from '@/lib/model/kv-cache';
import { WebGPUKVStore } from '@/lib/model/kv-webgpu';
import { decodeAfterPrompt, decodeTimes } from './decode-times';

export interface CheckSpec {
  config: GPTConfigInput;
  prompt: number[];
  steps: number;
}

interface BufferCounts {
  used: number;
  free: number;
}

function buffers(): BufferCounts {
  const manager = (tf.backend() as unknown as { bufferManager?: { getNumUsedBuffers(): number; getNumFreeBuffers(): number } }).bufferManager;
  return manager ? { used: manager.getNumUsedBuffers(), free: manager.getNumFreeBuffers() } : { used: -1, free: -1 };
}

/** Larger logits than N(0, 0.02) init gives, so a tolerance means something. */
async function sharpenedModel(config: GPTConfigInput): Promise<GPT> {
  const model = createGPT(config);
  const weights = await model.weights();
  for (const [name, values] of weights) if (!name.endsWith('.bias') && !name.includes('ln_')) for (let i = 0; i < values.length; i++) values[i] *= 10;
  model.setWeights(weights);
  return model;
}

async function switchBackend(name: string) {
  if (name === 'wasm') setWasmPaths('/tfjs/');
  if (!(await tf.setBackend(name))) throw new Error(`backend ${name} did not start`);
  await tf.ready();
}

function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return worst;
}

/** Greedy decode with the kernel store, compared at every step with the composed store and a full recompute. */
async function check({ config, prompt, steps }: CheckSpec) {
  await switchBackend('webgpu');
  const model = await sharpenedModel(config);
  // Tensors and GPU buffers over a long decode, each store alone (same model, same tokens), measured
  // first: the composed store's concatenations then meet sizes the buffer pool has never seen.
  const growth = async (store: KVStore) => {
    const cache = new KVCache(model, store);
    await cache.extendAndRead(prompt);
    const perStep: { tensors: number; used: number; free: number }[] = [];
    for (let t = prompt.length; t < model.config.contextLength; t++) {
      await cache.extendAndRead([t % model.config.vocabSize]);
      perStep.push({ tensors: tf.memory().numTensors, ...buffers() });
    }
    cache.dispose();
    return perStep;
  };
  const tensorsBefore = tf.memory().numTensors;
  const kernelSteps = await growth(new WebGPUKVStore(model.config));
  const composedSteps = await growth(new ComposedKVStore(model.config.nLayer));
  const kernel = new KVCache(model, new WebGPUKVStore(model.config));
  const composed = new KVCache(model, new ComposedKVStore(model.config.nLayer));
  const ids = prompt.slice();
  let a = await kernel.extendAndRead(ids);
  let b = await composed.extendAndRead(ids);
  let worstVsComposed = 0;
  let worstVsRecompute = 0;
  for (let step = 0; step < steps; step++) {
    const full = tf.tidy(() => model.forward(tf.tensor2d([ids], [1, ids.length], 'int32')).logits.slice([0, ids.length - 1, 0], [1, 1, model.config.vocabSize]));
    const r = (await full.data()) as Float32Array;
    full.dispose();
    worstVsComposed = Math.max(worstVsComposed, maxRelDiff(a, b));
    worstVsRecompute = Math.max(worstVsRecompute, maxRelDiff(a, r));
    if (ids.length === model.config.contextLength) break;
    let next = 0;
    for (let i = 1; i < a.length; i++) if (a[i] > a[next]) next = i;
    ids.push(next);
    a = await kernel.extendAndRead([next]);
    b = await composed.extendAndRead([next]);
  }
  kernel.dispose();
  composed.dispose();
  const tensorsAfter = tf.memory().numTensors;
  model.dispose();
  return { backend: tf.getBackend(), tokens: ids.length, worstVsComposed, worstVsRecompute, kernelSteps, composedSteps, tensorsBefore, tensorsAfter };
}

export interface TimeSpec {
  config: GPTConfigInput;
  backend: string;
  lane: 'recompute' | 'composed' | 'kernel';
  length: number;
}

/** ms per generated token of one lane (the bench's browser half; see ./decode-times.ts). */
async function time({ config, backend, lane, length }: TimeSpec) {
  await switchBackend(backend);
  const model = createGPT(config);
  try {
    const ms = await decodeTimes(model, lane === 'recompute' ? 'recompute' : 'cache', length, lane === 'kernel' ? new WebGPUKVStore(model.config) : undefined);
    return { backend: tf.getBackend(), ms };
  } finally {
    model.dispose();
  }
}

/** ms per token at one length, after an (L − 8)-token prompt (the bench's "prefill L-8, decode 8"). */
async function timeAt({ config, backend, lane, length }: TimeSpec) {
  await switchBackend(backend);
  const model = createGPT(config);
  try {
    const r = await decodeAfterPrompt(model, lane === 'recompute' ? 'recompute' : 'cache', length, lane === 'kernel' ? new WebGPUKVStore(model.config) : undefined);
    return { backend: tf.getBackend(), ...r };
  } finally {
    model.dispose();
  }
}

Object.assign(globalThis, { kvHarness: { check, time, timeAt } });
document.title = 'kv harness ready';
