// Two ways to get next-token logits while a sequence grows, behind one interface, so KVCacheRace
// (and the bench) can run them side by side on the same tokens:
//   recompute — every step runs the whole window through GPT.forward (what generate() does);
//   cache     — the window's keys and values are cached (./kv-cache.ts); a step runs one token.
//
// What happens at the context length. The model has learned *absolute* positions (wpe): the key
// cached for the token at window position j was computed with wpe[j]. A sliding window that drops
// one token per step would move every cached token one position down, so every cached K and V
// would be wrong and the cache would have to be rebuilt at every step — no cache at all. Two
// policies keep the cache exact:
//   'stop'  — generation ends when the window holds contextLength tokens (the default: nothing
//             the model did not learn is asked of it, and nothing is thrown away silently);
//   'halve' — when a token arrives at a full window, keep only the last ⌈context/2⌉ tokens (the
//             new one included) and re-prefill them from position 0: one prefill of ⌈context/2⌉
//             positions every ⌊context/2⌋ + 1 tokens, and the model keeps at least half a
//             context of history.
// Both lanes apply the same policy to the same window, so they see the same tokens and, with the
// same seed, produce the same text.
import * as tf from '@tensorflow/tfjs';
import type { GPTConfig } from './config';
import type { GPT } from './gpt';
import { KVCache, type KVStore } from './kv-cache';

export type ContextPolicy = 'stop' | 'halve';
export const CONTEXT_POLICIES: readonly ContextPolicy[] = ['stop', 'halve'];

export interface LaneStep {
  /** Next-token logits given the window, [vocabSize]. */
  logits: Float32Array;
  /** Positions that went through the model in this step (1 for a cached decode step). */
  positionsComputed: number;
  /** FLOPs the step's matmuls did (forwardFlops). */
  flops: number;
  /** The window the logits condition on: ids[windowStart … windowStart + windowLength). */
  windowStart: number;
  windowLength: number;
  /** True when the window moved (policy 'halve') and the cache was rebuilt from it. */
  refilled: boolean;
}

export interface DecodeLane {
  readonly kind: 'cache' | 'recompute';
  /** Start a sequence from the prompt; the logits for the first new token. */
  begin(prompt: readonly number[]): Promise<LaneStep>;
  /** Append the chosen id; the logits for the next one, or null when the context is full under 'stop'. */
  push(id: number): Promise<LaneStep | null>;
  /** Every id so far (prompt included). */
  readonly ids: readonly number[];
  /** Bytes of keys and values held now (0 for recompute). */
  readonly cacheBytes: number;
  dispose(): void;
}

/**
 * Multiply-add FLOPs (2 per multiply-add) of a forward pass over `queries` new positions that
 * attend over `keys` positions, with logits computed at `headPositions` positions:
 *   per layer: 2·queries·(3d² + d² + 2·r·d²)  (c_attn, c_proj, c_fc, mlp c_proj)
 *            + 2·2·queries·keys·d               (QKᵀ and A·V; the causal mask saves nothing in tfjs)
 *   head:      2·headPositions·d·V             (tied wte)
 * LayerNorm, GELU, softmax and biases are O(T·d) and left out.
 */
export function forwardFlops(config: GPTConfig, queries: number, keys: number, headPositions: number): number {
  const { nLayer, dModel: d, mlpRatio: r, vocabSize: V } = config;
  const perLayer = 2 * queries * (4 + 2 * r) * d * d + 4 * queries * keys * d;
  return nLayer * perLayer + 2 * headPositions * d * V;
}

/** The window rule both lanes share. */
class Window {
  ids: number[] = [];
  start = 0;

  constructor(
    private readonly contextLength: number,
    private readonly policy: ContextPolicy,
  ) {
    if (!CONTEXT_POLICIES.includes(policy)) throw new Error(`context policy "${policy}" is not one of ${CONTEXT_POLICIES.join(', ')}`);
  }

  begin(prompt: readonly number[]): void {
    if (prompt.length === 0) throw new Error('decode: the prompt is empty (give at least one token id)');
    this.ids = prompt.slice();
    // A prompt longer than the context keeps its last contextLength tokens (as generate() does).
    this.start = Math.max(0, this.ids.length - this.contextLength);
  }

  /** Append id; 'full' under 'stop' when the window has no room, 'moved' when 'halve' dropped half. */
  push(id: number): 'fits' | 'moved' | 'full' {
    if (this.ids.length - this.start >= this.contextLength) {
      if (this.policy === 'stop') return 'full';
      this.ids.push(id);
      this.start = this.ids.length - Math.max(1, Math.ceil(this.contextLength / 2));
      return 'moved';
    }
    this.ids.push(id);
    return 'fits';
  }

  get window(): number[] {
    return this.ids.slice(this.start);
  }
}

function checkId(model: GPT, id: number): void {
  const V = model.config.vocabSize;
  if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`decode: token id ${id} is outside 0…${V - 1}`);
}

/** Full recompute: GPT.forward over the whole window at every step (logits at every position, as generate()). */
export class RecomputeLane implements DecodeLane {
  readonly kind = 'recompute';
  private readonly win: Window;

  constructor(
    private readonly model: GPT,
    policy: ContextPolicy = 'stop',
  ) {
    this.win = new Window(model.config.contextLength, policy);
  }

  get ids(): readonly number[] {
    return this.win.ids;
  }

  get cacheBytes(): number {
    return 0;
  }

  async begin(prompt: readonly number[]): Promise<LaneStep> {
    prompt.forEach((id) => checkId(this.model, id));
    this.win.begin(prompt);
    return this.run(false);
  }

  async push(id: number): Promise<LaneStep | null> {
    checkId(this.model, id);
    const fit = this.win.push(id);
    return fit === 'full' ? null : this.run(fit === 'moved');
  }

  private async run(refilled: boolean): Promise<LaneStep> {
    const window = this.win.window;
    const T = window.length;
    const V = this.model.config.vocabSize;
    const last = tf.tidy(() => {
      const { logits } = this.model.forward(tf.tensor2d([window], [1, T], 'int32')); // [1, T, V]
      return logits.slice([0, T - 1, 0], [1, 1, V]).reshape([V]);
    });
    const logits = (await last.data()) as Float32Array;
    last.dispose();
    return { logits, positionsComputed: T, flops: forwardFlops(this.model.config, T, T, T), windowStart: this.win.start, windowLength: T, refilled };
  }

  dispose(): void {}
}

/** KV cache: prefill the window once, then one position per step; re-prefill when the window moves. */
export class CacheLane implements DecodeLane {
  readonly kind = 'cache';
  private readonly win: Window;
  private readonly cache: KVCache;

  constructor(
    private readonly model: GPT,
    policy: ContextPolicy = 'stop',
    store?: KVStore,
  ) {
    this.win = new Window(model.config.contextLength, policy);
    this.cache = new KVCache(model, store);
  }

  get ids(): readonly number[] {
    return this.win.ids;
  }

  get cacheBytes(): number {
    return this.cache.usedBytes;
  }

  /** Bytes of a full cache for this model: 2 · layers · context · d_model · 4. */
  get capacityBytes(): number {
    return this.cache.capacityBytes;
  }

  async begin(prompt: readonly number[]): Promise<LaneStep> {
    prompt.forEach((id) => checkId(this.model, id));
    this.win.begin(prompt);
    return this.prefill(false);
  }

  async push(id: number): Promise<LaneStep | null> {
    checkId(this.model, id);
    const fit = this.win.push(id);
    if (fit === 'full') return null;
    if (fit === 'moved') return this.prefill(true);
    const keys = this.cache.length + 1;
    const logits = await this.cache.extendAndRead([id]);
    return { logits, positionsComputed: 1, flops: forwardFlops(this.model.config, 1, keys, 1), windowStart: this.win.start, windowLength: keys, refilled: false };
  }

  private async prefill(refilled: boolean): Promise<LaneStep> {
    const window = this.win.window;
    this.cache.reset();
    const logits = await this.cache.extendAndRead(window);
    const T = window.length;
    return { logits, positionsComputed: T, flops: forwardFlops(this.model.config, T, T, 1), windowStart: this.win.start, windowLength: T, refilled };
  }

  dispose(): void {
    this.cache.dispose();
  }
}
