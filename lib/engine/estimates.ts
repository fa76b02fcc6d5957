// What a training run will cost before it starts: parameters, FLOPs per step and memory. The
// widget shows these as sliders move, and the worker refuses a run whose memory estimate is
// over the backend's budget (error code `too-big`), so a reader never freezes the tab.
import { countParams, type GPTConfig } from '../model/config';

export interface RunShape {
  config: GPTConfig;
  /** Windows per step. */
  batchSize: number;
}

/**
 * Training FLOPs per optimiser step (Kaplan et al. 2020, "Scaling Laws", §2.1):
 *   C = 6·N·(B·T)  +  6·nLayer·T·dModel·(B·T)
 * 6·N per token = 2·N forward + 4·N backward, with N = every parameter (wte counts once and
 * stands for the tied output head's matmul, which really runs); the second term is attention
 * scores and mixing (QKᵀ and A·V: 2·nLayer·T·d per token forward, ×3 with the backward pass).
 * The causal mask does not save work here: tfjs computes the full T×T product.
 */
export function trainingFlopsPerStep({ config, batchSize }: RunShape): { total: number; params: number; attention: number } {
  const tokens = batchSize * config.contextLength;
  const params = 6 * countParams(config) * tokens;
  const attention = 6 * config.nLayer * config.contextLength * config.dModel * tokens;
  return { total: params + attention, params, attention };
}

export interface MemoryEstimate {
  /** float32 weights. */
  weights: number;
  /** One gradient per weight. */
  grads: number;
  /** AdamW's first and second moments. */
  adam: number;
  /** Activations kept for the backward pass (the dominant term for wide contexts). */
  activations: number;
  total: number;
  /** The largest single tensor (a WebGPU buffer must fit maxStorageBufferBindingSize). */
  largestTensor: number;
}

const F32 = 4;

/**
 * Bytes one training step needs, all float32. Activations: tfjs's tape keeps every
 * intermediate of the forward pass. Per block and token that is ≈ 16·d for the attention half
 * (LN, qkv, q/k/v transposed, mixed, merged, projection, residual), 2·nHead·T for scores and
 * probabilities, and ≈ 6·(r·d) + 2·d for the MLP half (fc output, the tanh-GELU's
 * intermediates, projection, residual); the head keeps ≈ 3·V per token (logits, softmax,
 * log-probabilities) plus a [V, B·T] one-hot for the embedding gradient on WASM.
 */
export function trainingMemoryBytes({ config, batchSize }: RunShape): MemoryEstimate {
  const P = countParams(config);
  const { dModel: d, nHead, contextLength: T, nLayer, vocabSize: V, mlpRatio: r } = config;
  const tokens = batchSize * T;
  const perBlockPerToken = 16 * d + 2 * nHead * T + 6 * r * d + 2 * d;
  const headPerToken = 3 * V + V;
  const activations = F32 * tokens * (nLayer * perBlockPerToken + headPerToken + 2 * d);
  const weights = F32 * P;
  const grads = F32 * P;
  const adam = 2 * F32 * P;
  const largestTensor = F32 * Math.max(batchSize * nHead * T * T, tokens * V, tokens * r * d, V * d);
  return { weights, grads, adam, activations, total: weights + grads + adam + activations, largestTensor };
}

/** "1.2 MB", "340 kB" — decimal units, as the widget prints them. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e10 ? 0 : 1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(0)} kB`;
  return `${bytes} B`;
}

/** "3.4 GFLOP", "820 MFLOP". */
export function formatFlops(flops: number): string {
  const units: [number, string][] = [[1e15, 'PFLOP'], [1e12, 'TFLOP'], [1e9, 'GFLOP'], [1e6, 'MFLOP'], [1e3, 'kFLOP']];
  for (const [scale, unit] of units) if (flops >= scale) return `${(flops / scale).toPrecision(3)} ${unit}`;
  return `${flops} FLOP`;
}

/** "112k", "1.3M" parameters. */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toPrecision(3)}B`;
  if (n >= 1e6) return `${(n / 1e6).toPrecision(3)}M`;
  if (n >= 1e3) return `${(n / 1e3).toPrecision(3)}k`;
  return String(n);
}
