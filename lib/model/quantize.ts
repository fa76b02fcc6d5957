// Post-training weight quantization by round-to-nearest, as a reader would do it by hand:
// int8 absmax with one scale per output channel, and int4 with one scale (and zero point) per
// group of consecutive input rows. quantize → dequantize gives the float32 weights the model
// then runs with, plus what a widget draws: bytes (codes, scales and zero points really packed)
// against float32, the error per tensor and the weight histogram before and after.
//
// Layout: linear weights are GPT-2 Conv1D, [in, out] row-major, y = x · W. An output channel is
// a column; groups run down a column (along the input dimension), which is what GPTQ and AWQ
// group. The tied wte [V, d] is read as the output head (logits = h · wteᵀ): a channel is a row
// (one token), groups run along d.
import type { GPTConfig } from './config';
import { paramSpecs } from './config';

export interface QuantScheme {
  /** Bits per stored code, 2…8. */
  bits: number;
  /** Weights per scale along the input dimension, or 'channel' for one scale per output channel. */
  groupSize: number | 'channel';
  /**
   * true: absmax, ŵ = s · q with q in ±(2^(b−1) − 1) (the grid is symmetric about 0; one code unused).
   * false: min–max, ŵ = s · (q − z) with q in 0…2^b − 1 and an integer zero point z per group
   * (the range is widened to include 0 so that 0 stays exact).
   */
  symmetric: boolean;
}

/** The chapter's int8: absmax, one scale per output channel. */
export const INT8_PER_CHANNEL: QuantScheme = { bits: 8, groupSize: 'channel', symmetric: true };
/** int4 with a scale and zero point per 32 input rows (asymmetric: see docs/inference.md). */
export const INT4_GROUP32: QuantScheme = { bits: 4, groupSize: 32, symmetric: false };

export interface QuantizedMatrix {
  shape: [number, number];
  /** 0: a channel is a row (wte as the head); 1: a channel is a column (Conv1D [in, out]). */
  channelAxis: 0 | 1;
  scheme: QuantScheme;
  /** Group length actually used (the channel length for 'channel'). */
  groupSize: number;
  /** Codes, `bits` each, packed little-endian in the tensor's row-major order. */
  codes: Uint8Array;
  /** One float32 step size per group; group g = channel · groupsPerChannel + ⌊k / groupSize⌋. */
  scales: Float32Array;
  /** Asymmetric only: one zero point per group, `bits` each, packed like the codes. */
  zeros: Uint8Array | null;
}

export function checkScheme(s: QuantScheme): void {
  if (!Number.isInteger(s.bits) || s.bits < 2 || s.bits > 8) throw new Error(`quantize: bits must be an integer in 2…8, got ${s.bits}`);
  if (s.groupSize !== 'channel' && !(Number.isInteger(s.groupSize) && s.groupSize >= 1)) throw new Error(`quantize: groupSize must be an integer ≥ 1 or 'channel', got ${s.groupSize}`);
  if (typeof s.symmetric !== 'boolean') throw new Error(`quantize: symmetric must be true or false, got ${s.symmetric}`);
}

function writeBits(buf: Uint8Array, index: number, bits: number, value: number): void {
  let bit = index * bits;
  for (let b = 0; b < bits; b++, bit++) if ((value >> b) & 1) buf[bit >> 3] |= 1 << (bit & 7);
}

function readBits(buf: Uint8Array, index: number, bits: number): number {
  let bit = index * bits;
  let value = 0;
  for (let b = 0; b < bits; b++, bit++) value |= ((buf[bit >> 3] >> (bit & 7)) & 1) << b;
  return value;
}

/** Where element (r, c) belongs: its channel and position along the channel. */
function geometry(shape: [number, number], channelAxis: 0 | 1, scheme: QuantScheme) {
  const [rows, cols] = shape;
  const channels = channelAxis === 1 ? cols : rows;
  const channelLength = channelAxis === 1 ? rows : cols;
  const groupSize = scheme.groupSize === 'channel' ? channelLength : Math.min(scheme.groupSize, channelLength);
  const groupsPerChannel = Math.ceil(channelLength / groupSize);
  const groupOf = (index: number) => {
    const r = Math.floor(index / cols);
    const c = index - r * cols;
    const [channel, k] = channelAxis === 1 ? [c, r] : [r, c];
    return channel * groupsPerChannel + Math.floor(k / groupSize);
  };
  return { groupSize, groups: channels * groupsPerChannel, groupOf };
}

/** Round half away from zero (so the grid is symmetric about 0). */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

/** Quantize a row-major [rows, cols] matrix. */
export function quantizeMatrix(values: Float32Array, shape: [number, number], scheme: QuantScheme, channelAxis: 0 | 1 = 1): QuantizedMatrix {
  checkScheme(scheme);
  const [rows, cols] = shape;
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows > 0 && cols > 0) || values.length !== rows * cols) {
    throw new Error(`quantize: ${values.length} values do not form a [${shape}] matrix`);
  }
  const { groupSize, groups, groupOf } = geometry(shape, channelAxis, scheme);
  const lo = new Float64Array(groups).fill(0); // ranges include 0 (asymmetric: so 0 is exact)
  const hi = new Float64Array(groups).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`quantize: value ${i} is ${v}`);
    const g = groupOf(i);
    if (v < lo[g]) lo[g] = v;
    if (v > hi[g]) hi[g] = v;
  }
  const { bits, symmetric } = scheme;
  const scales = new Float32Array(groups);
  const zeros = symmetric ? null : new Uint8Array(Math.ceil((groups * bits) / 8));
  const zeroOf = new Int32Array(groups);
  const qMax = symmetric ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  for (let g = 0; g < groups; g++) {
    scales[g] = symmetric ? Math.max(-lo[g], hi[g]) / qMax : (hi[g] - lo[g]) / qMax;
    if (!symmetric && scales[g] > 0) {
      zeroOf[g] = Math.min(qMax, Math.max(0, Math.round(-lo[g] / scales[g])));
      writeBits(zeros!, g, bits, zeroOf[g]);
    }
  }
  const codes = new Uint8Array(Math.ceil((values.length * bits) / 8));
  const offset = symmetric ? 2 ** (bits - 1) : 0; // symmetric q in ±qMax is stored as q + offset
  for (let i = 0; i < values.length; i++) {
    const g = groupOf(i);
    const s = scales[g];
    let q = s > 0 ? roundHalfAway(values[i] / s) + zeroOf[g] : zeroOf[g];
    q = symmetric ? Math.min(qMax, Math.max(-qMax, q)) : Math.min(qMax, Math.max(0, q));
    writeBits(codes, i, bits, q + offset);
  }
  return { shape: [rows, cols], channelAxis, scheme: { ...scheme }, groupSize, codes, scales, zeros };
}

/** The float32 values a quantized matrix stands for: s · q (symmetric) or s · (q − z). */
export function dequantizeMatrix(m: QuantizedMatrix): Float32Array {
  const { bits, symmetric } = m.scheme;
  const { groupOf } = geometry(m.shape, m.channelAxis, m.scheme);
  const offset = symmetric ? 2 ** (bits - 1) : 0;
  const out = new Float32Array(m.shape[0] * m.shape[1]);
  for (let i = 0; i < out.length; i++) {
    const g = groupOf(i);
    const zero = m.zeros ? readBits(m.zeros, g, bits) : 0;
    out[i] = m.scales[g] * (readBits(m.codes, i, bits) - offset - zero);
  }
  return out;
}

/** The stored integers, unpacked: q in ±(2^(b−1) − 1) (symmetric) or 0…2^b − 1 (asymmetric). */
export function quantizedCodes(m: QuantizedMatrix): Int32Array {
  const offset = m.scheme.symmetric ? 2 ** (m.scheme.bits - 1) : 0;
  return Int32Array.from({ length: m.shape[0] * m.shape[1] }, (_, i) => readBits(m.codes, i, m.scheme.bits) - offset);
}

/** Bytes the quantized matrix occupies: packed codes + float32 scales + packed zero points. */
export function quantizedByteLength(m: QuantizedMatrix): number {
  return m.codes.byteLength + m.scales.byteLength + (m.zeros?.byteLength ?? 0);
}

export interface Histogram {
  /** bins + 1 edges, evenly spaced over [−max|w|, max|w|] of the float32 tensor. */
  edges: number[];
  before: number[];
  after: number[];
}

/** Counts of `before` and `after` over the same evenly spaced bins (values on the top edge go in the last bin). */
export function histogram(before: Float32Array, after: Float32Array, bins: number): Histogram {
  let max = 0;
  for (const v of before) max = Math.max(max, Math.abs(v));
  for (const v of after) max = Math.max(max, Math.abs(v)); // rounding may step just past the largest weight
  if (max === 0) max = 1;
  const edges = Array.from({ length: bins + 1 }, (_, i) => -max + (2 * max * i) / bins);
  const count = (values: Float32Array) => {
    const counts = new Array(bins).fill(0);
    for (const v of values) counts[Math.min(bins - 1, Math.floor(((v + max) / (2 * max)) * bins))]++;
    return counts;
  };
  return { edges, before: count(before), after: count(after) };
}

export interface TensorQuantReport {
  name: string;
  shape: number[];
  /** false: kept float32 (biases, LayerNorms, and embeddings unless asked). */
  quantized: boolean;
  float32Bytes: number;
  /** Stored bytes: quantizedByteLength, or float32Bytes for a tensor kept as is. */
  bytes: number;
  maxAbsError: number;
  meanAbsError: number;
  /** Largest step size among the tensor's groups (the error bound is half of it). */
  maxScale: number;
  histogram?: Histogram;
}

export interface QuantizeWeightsOptions {
  scheme: QuantScheme;
  /** Quantize wte (tied: embedding and output head) and wpe too. Default false: see docs/inference.md. */
  includeEmbeddings?: boolean;
  /** Histogram bins per quantized tensor (default 64; 0 = no histograms). */
  histogramBins?: number;
}

export interface QuantizedWeights {
  /** Every parameter: dequantized where quantized, the original array otherwise (ready for `new GPT(config, weights)`). */
  weights: Map<string, Float32Array>;
  /** The packed form of each quantized tensor. */
  matrices: Map<string, QuantizedMatrix>;
  tensors: TensorQuantReport[];
  /** The whole model: float32 bytes, stored bytes, their ratio and the bits per parameter. */
  totals: { float32Bytes: number; bytes: number; ratio: number; bitsPerParam: number };
}

/** Quantize → dequantize every 2-D weight matrix of a model's parameters (GPT-2 names). */
export function quantizeWeights(config: GPTConfig, weights: Map<string, Float32Array>, options: QuantizeWeightsOptions): QuantizedWeights {
  checkScheme(options.scheme);
  const bins = options.histogramBins ?? 64;
  if (!Number.isInteger(bins) || bins < 0) throw new Error(`quantize: histogramBins must be an integer ≥ 0, got ${bins}`);
  const out = new Map<string, Float32Array>();
  const matrices = new Map<string, QuantizedMatrix>();
  const tensors: TensorQuantReport[] = [];
  for (const spec of paramSpecs(config)) {
    const values = weights.get(spec.name);
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!values || values.length !== size) throw new Error(`quantize: tensor "${spec.name}" has ${values?.length ?? 0} values, expected ${size} ([${spec.shape}])`);
    const isEmbedding = spec.name === 'wte' || spec.name === 'wpe';
    const isMatrix = spec.shape.length === 2 && (spec.decay || isEmbedding);
    const float32Bytes = size * 4;
    if (!isMatrix || (isEmbedding && !options.includeEmbeddings)) {
      out.set(spec.name, values);
      tensors.push({ name: spec.name, shape: spec.shape, quantized: false, float32Bytes, bytes: float32Bytes, maxAbsError: 0, meanAbsError: 0, maxScale: 0 });
      continue;
    }
    // Embedding rows are tokens / positions: one channel per row. Linear layers: per column.
    const m = quantizeMatrix(values, spec.shape as [number, number], options.scheme, isEmbedding ? 0 : 1);
    const restored = dequantizeMatrix(m);
    let maxAbsError = 0;
    let sumAbsError = 0;
    for (let i = 0; i < size; i++) {
      const e = Math.abs(restored[i] - values[i]);
      sumAbsError += e;
      if (e > maxAbsError) maxAbsError = e;
    }
    out.set(spec.name, restored);
    matrices.set(spec.name, m);
    tensors.push({
      name: spec.name,
      shape: spec.shape,
      quantized: true,
      float32Bytes,
      bytes: quantizedByteLength(m),
      maxAbsError,
      meanAbsError: sumAbsError / size,
      maxScale: m.scales.reduce((a, b) => Math.max(a, b), 0),
      ...(bins > 0 && { histogram: histogram(values, restored, bins) }),
    });
  }
  const float32Bytes = tensors.reduce((s, t) => s + t.float32Bytes, 0);
  const bytes = tensors.reduce((s, t) => s + t.bytes, 0);
  return { weights: out, matrices, tensors, totals: { float32Bytes, bytes, ratio: bytes / float32Bytes, bitsPerParam: (8 * bytes) / (float32Bytes / 4) } };
}

/** Every value group `group` of a quantized matrix can hold, ascending: its quantization grid. */
export function quantizationGrid(m: QuantizedMatrix, group: number): number[] {
  const { bits, symmetric } = m.scheme;
  if (!Number.isInteger(group) || group < 0 || group >= m.scales.length) throw new Error(`quantize: group ${group} is not in 0…${m.scales.length - 1}`);
  const s = m.scales[group];
  if (symmetric) {
    const qMax = 2 ** (bits - 1) - 1;
    return Array.from({ length: 2 * qMax + 1 }, (_, i) => s * (i - qMax));
  }
  const zero = m.zeros ? readBits(m.zeros, group, bits) : 0;
  return Array.from({ length: 2 ** bits }, (_, q) => s * (q - zero));
}
