// The KV cache's memory at real model sizes (chapter 7, "What the cache costs"): pure
// arithmetic, no tensors. Every layer keeps one key and one value vector per KV head for every
// cached position of every sequence being served, so
//
//   cache bytes = 2 (K and V) · layers · kvHeads · headDim · cachedPositions · sequences · bytes
//
// where cachedPositions = tokens, or the sliding window when attention only looks that far back
// (Mistral 7B: the rolling buffer never holds more than the window). With kvHeads · headDim =
// d_model (plain multi-head attention) this is the chapter's 2·L·T·d_model·b; with fp32 and one
// sequence it is lib/model/kv-cache.ts's kvCacheBytes for the book's own tiny model.

/** Bytes per stored number, by precision (4-bit packs two values per byte). */
export const BYTES_PER_VALUE = { fp32: 4, fp16: 2, int8: 1, int4: 0.5 } as const;
export type Precision = keyof typeof BYTES_PER_VALUE;

export interface KvCacheShape {
  layers: number;
  /** Key/value heads: = query heads for MHA, fewer for GQA, 1 for MQA. */
  kvHeads: number;
  /** Width of one head (d_model / query heads in all the presets). */
  headDim: number;
  /** Tokens in each sequence (prompt + generated). */
  tokens: number;
  /** Sequences held in memory at once. */
  sequences: number;
  bytesPerValue: number;
  /** Sliding-window attention: positions older than this are never read again, so never kept. */
  window?: number;
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`kvCacheBytes: ${name} must be a whole number ≥ 1, got ${value}`);
}

function requirePositive(where: string, name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${where}: ${name} must be a positive number, got ${value}`);
}

/** Positions actually held per sequence: all tokens, or at most the sliding window. */
export function cachedPositions(tokens: number, window?: number): number {
  return window && window > 0 ? Math.min(tokens, window) : tokens;
}

/** Bytes of keys and values kept for all sequences (see the header for the formula). */
export function kvCacheBytes(shape: KvCacheShape): number {
  const { layers, kvHeads, headDim, tokens, sequences, bytesPerValue, window } = shape;
  requirePositiveInteger('layers', layers);
  requirePositiveInteger('kvHeads', kvHeads);
  requirePositiveInteger('headDim', headDim);
  requirePositiveInteger('tokens', tokens);
  requirePositiveInteger('sequences', sequences);
  requirePositive('kvCacheBytes', 'bytesPerValue', bytesPerValue);
  if (window !== undefined && window !== 0) requirePositiveInteger('window', window);
  return 2 * layers * kvHeads * headDim * cachedPositions(tokens, window) * sequences * bytesPerValue;
}

/** Bytes of the weights: parameters × bytes per weight. */
export function weightBytes(params: number, bytesPerWeight: number): number {
  requirePositive('weightBytes', 'params', params);
  requirePositive('weightBytes', 'bytesPerWeight', bytesPerWeight);
  return params * bytesPerWeight;
}

export interface ServingPlanInput extends KvCacheShape {
  params: number;
  bytesPerWeight: number;
  /** The accelerator's memory in bytes (vendors count decimal GB: 80 GB = 80·10⁹ B). */
  gpuBytes: number;
}

/** Everything the calculator draws, as named intermediates, so the UI never redoes the math. */
export interface ServingPlan {
  /** K and V for one token of one sequence, all layers. */
  bytesPerToken: number;
  /** Positions held per sequence (tokens, capped by the window). */
  positions: number;
  cachePerSequence: number;
  cacheAllSequences: number;
  weights: number;
  /** weights + cache for all sequences. */
  total: number;
  gpuBytes: number;
  /** Whether weights and cache together fit. */
  fits: boolean;
  /** Memory left for the cache once the weights are loaded (0 when they do not fit). */
  freeForCache: number;
  /** Full-length sequences that fit beside the weights: floor(free / cache per sequence). */
  sequencesThatFit: number;
  /** True when the weights alone are larger than the GPU: then nothing fits. */
  weightsTooBig: boolean;
}

export function servingPlan(input: ServingPlanInput): ServingPlan {
  requirePositive('servingPlan', 'gpuBytes', input.gpuBytes);
  const cachePerSequence = kvCacheBytes({ ...input, sequences: 1 });
  const cacheAllSequences = kvCacheBytes(input);
  const weights = weightBytes(input.params, input.bytesPerWeight);
  const positions = cachedPositions(input.tokens, input.window);
  const total = weights + cacheAllSequences;
  const weightsTooBig = weights > input.gpuBytes;
  const freeForCache = weightsTooBig ? 0 : input.gpuBytes - weights;
  return {
    bytesPerToken: cachePerSequence / positions,
    positions,
    cachePerSequence,
    cacheAllSequences,
    weights,
    total,
    gpuBytes: input.gpuBytes,
    fits: total <= input.gpuBytes,
    freeForCache,
    sequencesThatFit: Math.floor(freeForCache / cachePerSequence),
    weightsTooBig,
  };
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** Binary units, as the chapter counts the cache (2 GiB, 512 MiB): "2 GiB", "1.25 GiB", "192 KiB". */
export function formatBinaryBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = Number.isInteger(value) ? 0 : value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits)).toLocaleString('en')} ${BINARY_UNITS[unit]}`;
}

/** Decimal gigabytes, as GPU makers count memory (80 GB) and as the chapter counts weights (13.4 GB). */
export function formatDecimalGB(bytes: number): string {
  const gb = bytes / 1e9;
  if (gb >= 1000) return `${(gb / 1000).toFixed(2)} TB`;
  if (gb >= 100) return `${gb.toFixed(0)} GB`;
  if (gb >= 1) return `${gb.toFixed(1)} GB`;
  const mb = bytes / 1e6;
  return mb >= 1 ? `${mb.toFixed(mb >= 100 ? 0 : 1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}
