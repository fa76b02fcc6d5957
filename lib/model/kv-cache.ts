// Incremental decoding with a key/value cache (composed tfjs ops, every backend).
//
// A decoder-only transformer's keys and values at position j depend only on tokens 0…j, so once
// computed they never change while the sequence grows. The cache keeps them per layer: the
// prompt is run once (prefill), then each new token runs through the model alone (one query),
// appends its K and V to every layer's cache and attends over everything cached. Per step that
// is O(T·d) attention work instead of a full O(T²·d + T·d²) recompute of the window.
//
// The same arithmetic as GPT.forward (lib/model/gpt.ts), with the same parameters and the same
// LoRA adapter, so the logits equal a full recompute to float32 rounding (tested at every step).
// On WebGPU the cache store and the single-query attention are custom WGSL kernels
// (./kv-webgpu.ts); elsewhere they are the composed ops below.
import * as tf from '@tensorflow/tfjs';
import type { GPT } from './gpt';
import { embedding, gelu, layerNorm, matMul, transposeLast2 } from './ops';

/** One layer's cached keys and values, each [1, nHead, t, dHead] (t = positions cached). */
export interface LayerKV {
  k: tf.Tensor4D;
  v: tf.Tensor4D;
}

/**
 * Where K and V live and how one query attends over them. The composed store below concatenates;
 * the WebGPU store (./kv-webgpu.ts) writes into preallocated [nHead, context, dHead] buffers.
 */
export interface KVStore {
  /** Forget every position (the buffers may be kept for reuse). */
  clear(): void;
  /** Store layer i's K and V for `count` new positions starting at `start`, each [1, nHead, count, dHead]. */
  write(layer: number, start: number, k: tf.Tensor4D, v: tf.Tensor4D): void;
  /**
   * Attention of queries q [1, nHead, Tn, dHead] at positions start…start+Tn−1 over keys
   * 0…start+Tn−1 (causal) → [1, nHead, Tn, dHead]. Called inside a tf.tidy after `write`.
   */
  attend(layer: number, start: number, q: tf.Tensor4D): tf.Tensor4D;
  dispose(): void;
}

/** Concatenating store: plain tfjs ops, used on cpu, wasm and webgl (and as the WebGPU reference). */
export class ComposedKVStore implements KVStore {
  private layers: (LayerKV | null)[];

  constructor(nLayer: number) {
    this.layers = new Array(nLayer).fill(null);
  }

  clear(): void {
    for (const kv of this.layers) if (kv) tf.dispose([kv.k, kv.v]);
    this.layers.fill(null);
  }

  write(layer: number, start: number, k: tf.Tensor4D, v: tf.Tensor4D): void {
    const old = this.layers[layer];
    const cached = old ? old.k.shape[2] : 0;
    if (cached !== start) throw new Error(`KV cache: layer ${layer} holds ${cached} positions, cannot write at ${start}`);
    // keep() so the caller's tidy does not free what the cache holds across steps.
    const next = old
      ? { k: tf.keep(tf.concat([old.k, k], 2)) as tf.Tensor4D, v: tf.keep(tf.concat([old.v, v], 2)) as tf.Tensor4D } // [1, nh, t+Tn, hs]
      : { k: tf.keep(k.clone()), v: tf.keep(v.clone()) };
    if (old) tf.dispose([old.k, old.v]);
    this.layers[layer] = next;
  }

  attend(layer: number, start: number, q: tf.Tensor4D): tf.Tensor4D {
    const kv = this.layers[layer];
    if (!kv) throw new Error(`KV cache: layer ${layer} is empty`);
    const [, , Tn, hs] = q.shape;
    const Tk = kv.k.shape[2];
    let scores = tf.mul(matMul(q, transposeLast2(kv.k)), 1 / Math.sqrt(hs)); // [1, nh, Tn, Tk]
    if (Tn > 1) scores = tf.add(scores, offsetCausalMask(Tn, Tk, start));
    return matMul(tf.softmax(scores, -1), kv.v) as tf.Tensor4D; // [1, nh, Tn, hs]
  }

  dispose(): void {
    this.clear();
  }
}

/** Additive mask [Tn, Tk] for queries at start…start+Tn−1: 0 where key ≤ query, −1e9 after (as causalMask). */
function offsetCausalMask(Tn: number, Tk: number, start: number): tf.Tensor2D {
  const values = new Float32Array(Tn * Tk);
  for (let i = 0; i < Tn; i++) for (let j = start + i + 1; j < Tk; j++) values[i * Tk + j] = -1e9;
  return tf.tensor2d(values, [Tn, Tk]);
}

/** Raised when a token is appended to a cache that already holds contextLength positions. */
export class ContextFullError extends Error {
  constructor(contextLength: number) {
    super(`KV cache: the cache already holds contextLength = ${contextLength} positions (the model has no position embedding beyond it)`);
    this.name = 'ContextFullError';
  }
}

/**
 * A KV cache for one sequence of one model. Positions are counted from the start of what the
 * cache holds: after `reset`, the next `prefill` starts again at position 0 (the model's learned
 * positions are absolute, so a window that moves must be re-prefilled; see ./decode-lanes.ts).
 */
export class KVCache {
  readonly model: GPT;
  private readonly store: KVStore;
  private filled = 0;

  constructor(model: GPT, store?: KVStore) {
    this.model = model;
    this.store = store ?? new ComposedKVStore(model.config.nLayer);
  }

  /** Positions cached. */
  get length(): number {
    return this.filled;
  }

  /** Bytes a full cache takes per sequence: 2 (K and V) · layers · context · d_model · 4 (float32). */
  get capacityBytes(): number {
    return kvCacheBytes(this.model.config.nLayer, this.model.config.contextLength, this.model.config.dModel);
  }

  /** Bytes of the positions cached so far: 2 · layers · length · d_model · 4. */
  get usedBytes(): number {
    return kvCacheBytes(this.model.config.nLayer, this.filled, this.model.config.dModel);
  }

  /** Forget every cached position. */
  reset(): void {
    this.store.clear();
    this.filled = 0;
  }

  /**
   * Run `ids` through the model after what is cached, cache their K and V, and return the last
   * new position's logits [vocabSize] (the caller disposes it). An empty cache + the prompt is
   * the prefill; one id at a time is a decode step.
   */
  extend(ids: readonly number[]): tf.Tensor1D {
    const { vocabSize, contextLength } = this.model.config;
    if (ids.length === 0) throw new Error('KV cache: nothing to add (give at least one token id)');
    for (const id of ids) if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new Error(`KV cache: token id ${id} is outside 0…${vocabSize - 1}`);
    if (this.filled + ids.length > contextLength) {
      if (this.filled === contextLength) throw new ContextFullError(contextLength);
      throw new Error(`KV cache: ${this.filled} cached + ${ids.length} new positions exceed contextLength = ${contextLength}`);
    }
    const start = this.filled;
    const logits = tf.tidy(() => this.forwardNew(ids, start));
    this.filled += ids.length;
    return logits;
  }

  /** Same as extend, reading the logits back. */
  async extendAndRead(ids: readonly number[]): Promise<Float32Array> {
    const logits = this.extend(ids);
    try {
      return (await logits.data()) as Float32Array;
    } finally {
      logits.dispose();
    }
  }

  dispose(): void {
    this.store.dispose();
    this.filled = 0;
  }

  private p(name: string): tf.Tensor {
    const v = this.model.params.get(name);
    if (!v) throw new Error(`KV cache: the model has no parameter "${name}"`);
    return v;
  }

  /** GPT.linear: x [N, in] · W [in, out] + b, plus the model's active adapter (LoRA). */
  private linear(name: string, x: tf.Tensor2D): tf.Tensor2D {
    const y = tf.add(matMul(x, this.p(`${name}.weight`)), this.p(`${name}.bias`)) as tf.Tensor2D; // [N, out]
    const adapter = this.model.adapter;
    return adapter && adapter.covers(name) ? tf.add(y, adapter.delta(name, x, {})) : y;
  }

  /** Positions start…start+Tn−1 through every block; logits of the last one, [V]. */
  private forwardNew(ids: readonly number[], start: number): tf.Tensor1D {
    const { nLayer, nHead: nh, dModel: d } = this.model.config;
    const Tn = ids.length;
    const hs = d / nh;
    const tokens = tf.tensor2d([ids as number[]], [1, Tn], 'int32');
    const positions = tf.slice(this.p('wpe'), [start, 0], [Tn, d]); // [Tn, d]
    let x = tf.add(embedding(this.p('wte') as tf.Tensor2D, tokens), positions).reshape([Tn, d]) as tf.Tensor2D; // [Tn, d]
    for (let i = 0; i < nLayer; i++) {
      const pre = `h.${i}`;
      const h = layerNorm(x, this.p(`${pre}.ln_1.weight`), this.p(`${pre}.ln_1.bias`)) as tf.Tensor2D;
      const qkv = this.linear(`${pre}.attn.c_attn`, h); // [Tn, 3d]
      const [q, k, v] = tf.split(qkv, 3, 1).map(
        (t) => tf.transpose(t.reshape([1, Tn, nh, hs]), [0, 2, 1, 3]) as tf.Tensor4D, // [1, nh, Tn, hs]
      );
      this.store.write(i, start, k, v);
      const mixed = this.store.attend(i, start, q); // [1, nh, Tn, hs]
      const merged = tf.transpose(mixed, [0, 2, 1, 3]).reshape([Tn, d]) as tf.Tensor2D; // [Tn, d]
      x = tf.add(x, this.linear(`${pre}.attn.c_proj`, merged));
      const h2 = layerNorm(x, this.p(`${pre}.ln_2.weight`), this.p(`${pre}.ln_2.bias`)) as tf.Tensor2D;
      x = tf.add(x, this.linear(`${pre}.mlp.c_proj`, gelu(this.linear(`${pre}.mlp.c_fc`, h2)) as tf.Tensor2D));
    }
    // Only the last position's logits are needed: [1, d] · wteᵀ [d, V] → [1, V]
    const last = tf.slice(x, [Tn - 1, 0], [1, d]);
    const final = layerNorm(last, this.p('ln_f.weight'), this.p('ln_f.bias'));
    return matMul(final, tf.transpose(this.p('wte'))).reshape([this.model.config.vocabSize]) as tf.Tensor1D;
  }
}

/** 2 (K and V) · layers · positions · d_model · 4 bytes (float32), for one sequence. */
export function kvCacheBytes(nLayer: number, positions: number, dModel: number): number {
  return 2 * nLayer * positions * dModel * 4;
}
