// QuantizationLab's run in the worker: one shipped checkpoint as float32, int8 per channel and
// intN group-wise (lib/model/quantize round-to-nearest), each evaluated on the checkpoint's own
// held-out text and sampled with the same seed. Every number the lab draws comes from here.
import type { GPTConfig } from '../../../model/config';
import { GPT } from '../../../model/gpt';
import { histogram, quantizationGrid, quantizeWeights, type QuantScheme, type QuantizedWeights } from '../../../model/quantize';
import { decode } from '../../../sample/decode';
import { modelScorer } from '../../../sample/score-model';
import { encodeKnownChars, type Tokenizer } from '../../../tokenizer/index';
import { evaluateStream } from '../../../train/evaluate';
import type { QuantVariant, QuantVariantResult } from './protocol';

/** The three models the lab compares. intN's group size 0 = one scale per output channel. */
export function variantScheme(variant: QuantVariant, bits: number, groupSize: number): QuantScheme | null {
  if (variant === 'float32') return null;
  if (variant === 'int8') return { bits: 8, groupSize: 'channel', symmetric: true };
  // Asymmetric min–max per group, as lib/model/quantize's INT4_GROUP32 (docs/inference.md says why).
  return { bits, groupSize: groupSize > 0 ? groupSize : 'channel', symmetric: false };
}

export function variantLabel(variant: QuantVariant, bits: number, groupSize: number): string {
  if (variant === 'float32') return 'float32';
  if (variant === 'int8') return 'int8 per channel';
  return `int${bits} ${groupSize > 0 ? `g${groupSize}` : 'per channel'}`;
}

/**
 * The held-out ids: the last `valTokens` tokens of the corpus (the split the checkpoint was
 * validated on; scripts/quantize-eval.ts reads the same), cut to the first `evalTokens`.
 */
export function heldOutIds(tokenizer: Tokenizer, corpus: string, valTokens: number | undefined, evalTokens: number): Int32Array {
  const ids = Int32Array.from(encodeKnownChars(tokenizer, corpus));
  const val = typeof valTokens === 'number' && valTokens > 0 && valTokens < ids.length ? ids.subarray(ids.length - valTokens) : ids.subarray(Math.floor(ids.length * 0.9));
  return val.subarray(0, Math.min(evalTokens, val.length));
}

export interface VariantRunOptions {
  config: GPTConfig;
  weights: Map<string, Float32Array>;
  /** The float32 model (the cached checkpoint's: used as is for the float32 row, never disposed). */
  float32Model: GPT;
  tokenizer: Tokenizer;
  heldOut: Int32Array;
  variant: QuantVariant;
  bits: number;
  groupSize: number;
  includeEmbeddings: boolean;
  promptIds: number[];
  seed: number;
  sampleTokens: number;
  /** Called after each evaluation batch; throwing from it stops the run (tensors are already freed). */
  onProgress(done: number, total: number): void;
}

const HISTOGRAM_BINS = 48;

/** The coarsest group's grid of `matrix` (the widest step in the tensor), and that step. */
function gridOf(q: QuantizedWeights, matrix: string): { grid: number[]; gridStep: number } {
  const m = q.matrices.get(matrix);
  if (!m) return { grid: [], gridStep: 0 };
  let widest = 0;
  for (let g = 1; g < m.scales.length; g++) if (m.scales[g] > m.scales[widest]) widest = g;
  return { grid: quantizationGrid(m, widest), gridStep: m.scales[widest] };
}

/** Quantize (or not), evaluate perplexity on the held-out ids, sample with the seed. */
export async function runVariant(o: VariantRunOptions): Promise<QuantVariantResult> {
  const scheme = variantScheme(o.variant, o.bits, o.groupSize);
  const q = scheme ? quantizeWeights(o.config, o.weights, { scheme, includeEmbeddings: o.includeEmbeddings, histogramBins: HISTOGRAM_BINS }) : null;
  const tensors = q
    ? q.tensors.map(({ name, shape, quantized, float32Bytes, bytes, maxAbsError, meanAbsError }) => ({ name, shape, quantized, float32Bytes, bytes, maxAbsError, meanAbsError }))
    : [];
  const quantizedRows = tensors.filter((t) => t.quantized);
  const histograms = histogramMatrices(o.weights).map((name) => {
    const original = o.weights.get(name)!;
    const report = q?.tensors.find((t) => t.name === name);
    const h = report?.histogram ?? histogram(original, original, HISTOGRAM_BINS);
    return { name, edges: h.edges, before: h.before, after: h.after, ...(q ? gridOf(q, name) : { grid: [], gridStep: 0 }) };
  });
  const float32Bytes = o.float32Model.numParams * 4;

  const model = q ? new GPT(o.config, q.weights) : o.float32Model;
  try {
    const { loss, tokens } = await evaluateStream(model, o.heldOut, 16, o.onProgress);
    const sample = await decode(modelScorer(model), o.promptIds, { maxTokens: o.sampleTokens, temperature: 0.8, seed: o.seed });
    return {
      variant: o.variant,
      label: variantLabel(o.variant, o.bits, o.groupSize),
      bits: scheme?.bits ?? 32,
      bytes: q?.totals.bytes ?? float32Bytes,
      float32Bytes,
      quantizedBytes: quantizedRows.reduce((s, t) => s + t.bytes, 0),
      quantizedFloat32Bytes: quantizedRows.reduce((s, t) => s + t.float32Bytes, 0),
      bitsPerParam: q?.totals.bitsPerParam ?? 32,
      tensors,
      histograms,
      valLoss: loss,
      perplexity: Math.exp(loss),
      evalTokens: tokens,
      sample: o.tokenizer.decode(sample.tokens),
    };
  } finally {
    if (model !== o.float32Model) model.dispose();
  }
}

/** The 2-D matrices a reader can pick for the histogram (the linear layers, then the embeddings). */
export function histogramMatrices(weights: Map<string, Float32Array>): string[] {
  return [...weights.keys()].filter((n) => /\.(c_attn|c_proj|c_fc)\.weight$|^(wte|wpe)(\.weight)?$/.test(n));
}
