// KVMemoryCalculator's declared params (?w.kvmem.<key>=…) and the published model shapes it starts
// from. The arithmetic is lib/inference/kv-memory.ts.
import { BYTES_PER_VALUE, servingPlan, type Precision, type ServingPlan } from '@/lib/inference/kv-memory';
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const KVMEM_ID = 'kvmem';

const PRECISIONS = ['fp32', 'fp16', 'int8', 'int4'] as const satisfies readonly Precision[];
export const PRESET_NAMES = ['llama2-7b', 'llama2-70b', 'mistral-7b', 'gpt3-175b', 'tang-tiny'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export const kvMemSchema = {
  preset: { kind: 'enum', default: 'llama2-7b', options: PRESET_NAMES },
  layers: { kind: 'number', default: 32, min: 1, max: 256, integer: true },
  heads: { kind: 'number', default: 32, min: 1, max: 256, integer: true },
  kvHeads: { kind: 'number', default: 32, min: 1, max: 256, integer: true },
  headDim: { kind: 'number', default: 128, min: 1, max: 1024, integer: true },
  tokens: { kind: 'number', default: 4096, min: 1, max: 131_072, integer: true },
  /** Sliding-window attention span; 0 = every token attends to all earlier ones. */
  window: { kind: 'number', default: 0, min: 0, max: 131_072, integer: true },
  sequences: { kind: 'number', default: 1, min: 1, max: 256, integer: true },
  cachePrecision: { kind: 'enum', default: 'fp16', options: PRECISIONS },
  weightPrecision: { kind: 'enum', default: 'fp16', options: PRECISIONS },
  /** Parameter count (sets the weights' size). */
  params: { kind: 'number', default: 6_738_415_616, min: 1000, max: 2e12, integer: true },
  /** Accelerator memory in decimal GB, as vendors state it. */
  gpuGB: { kind: 'number', default: 80, min: 1, max: 4096 },
} as const satisfies ParamSchema;
export type KvMemParams = ParamValues<typeof kvMemSchema>;

type Shape = Pick<KvMemParams, 'layers' | 'heads' | 'kvHeads' | 'headDim' | 'tokens' | 'window' | 'params' | 'cachePrecision' | 'weightPrecision'>;

/**
 * Published shapes. Parameter counts are exact where the architecture is public (embeddings +
 * per-layer attention, MLP and norms, untied output head), else the paper's headline figure.
 */
export const PRESETS: Record<PresetName, Shape> = {
  // Touvron et al. 2023 (Llama 2), Table 1: 7B, context 4k, no GQA; shape as LLaMA-7B (Touvron et
  // al. 2023, Table 2: 32 layers, d 4096, 32 heads). 32 × 202,383,360 + 2 × 32,000 × 4,096 + 4,096.
  'llama2-7b': { layers: 32, heads: 32, kvHeads: 32, headDim: 128, tokens: 4096, window: 0, params: 6_738_415_616, cachePrecision: 'fp16', weightPrecision: 'fp16' },
  // Llama 2, Table 1: 70B, context 4k, GQA. Shape as LLaMA-65B (Touvron et al. 2023, Table 2: 80
  // layers, d 8192, 64 heads); 8 KV heads per Meta's released config (num_key_value_heads: 8).
  // 80 × 855,654,400 + 2 × 32,000 × 8,192 + 8,192.
  'llama2-70b': { layers: 80, heads: 64, kvHeads: 8, headDim: 128, tokens: 4096, window: 0, params: 68_976_648_192, cachePrecision: 'fp16', weightPrecision: 'fp16' },
  // Jiang et al. 2023 (Mistral 7B), Table 1: dim 4096, 32 layers, head_dim 128, 32 heads, 8 KV
  // heads, window 4096, context 8192. 32 × 218,112,000 + 2 × 32,000 × 4,096 + 4,096.
  'mistral-7b': { layers: 32, heads: 32, kvHeads: 8, headDim: 128, tokens: 8192, window: 4096, params: 7_241_732_096, cachePrecision: 'fp16', weightPrecision: 'fp16' },
  // Brown et al. 2020, Table 2.1: 175.0B, 96 layers, d_model 12,288, 96 heads, d_head 128, n_ctx 2,048.
  'gpt3-175b': { layers: 96, heads: 96, kvHeads: 96, headDim: 128, tokens: 2048, window: 0, params: 175_000_000_000, cachePrecision: 'fp16', weightPrecision: 'fp16' },
  // The book's zh-tang-poetry checkpoint (public/checkpoints/zh-tang-poetry/model.json): 3 layers,
  // d 128, 4 heads, context 64, 987,264 parameters, float32 throughout.
  'tang-tiny': { layers: 3, heads: 4, kvHeads: 4, headDim: 32, tokens: 64, window: 0, params: 987_264, cachePrecision: 'fp32', weightPrecision: 'fp32' },
};

/** A preset's values plus the settings a preset does not own (sequences, GPU) left as they are. */
export function presetValues(name: PresetName): Partial<KvMemParams> {
  return { preset: name, ...PRESETS[name] };
}

/** Which shape fields differ from the named preset (the UI says "changed from …"). */
export function changedFromPreset(p: KvMemParams): (keyof Shape)[] {
  const preset = PRESETS[p.preset];
  return (Object.keys(preset) as (keyof Shape)[]).filter((k) => preset[k] !== p[k]);
}

export type ShapeProblem = { key: 'kvHeads'; en: string; zh: string };

/** Grouped-query attention shares each KV head among an equal group of query heads. */
export function shapeProblem(p: KvMemParams): ShapeProblem | null {
  if (p.kvHeads > p.heads) {
    return { key: 'kvHeads', en: `${p.kvHeads} KV heads is more than the ${p.heads} query heads: each KV head serves at least one query head.`, zh: `${p.kvHeads} 个键值头多于 ${p.heads} 个查询头：每个键值头至少要服务一个查询头。` };
  }
  if (p.heads % p.kvHeads !== 0) {
    return { key: 'kvHeads', en: `${p.heads} query heads cannot be split into ${p.kvHeads} equal groups: use a divisor of ${p.heads}.`, zh: `${p.heads} 个查询头无法平均分成 ${p.kvHeads} 组：请用 ${p.heads} 的约数。` };
  }
  return null;
}

export function planFor(p: KvMemParams, kvHeads = p.kvHeads): ServingPlan {
  return servingPlan({
    layers: p.layers,
    kvHeads,
    headDim: p.headDim,
    tokens: p.tokens,
    sequences: p.sequences,
    bytesPerValue: BYTES_PER_VALUE[p.cachePrecision],
    window: p.window || undefined,
    params: p.params,
    bytesPerWeight: BYTES_PER_VALUE[p.weightPrecision],
    gpuBytes: p.gpuGB * 1e9,
  });
}

/** The attention variants drawn side by side: MHA (= heads), GQA with 8, MQA (1), and the reader's own. */
export function kvHeadVariants(p: KvMemParams): number[] {
  return [...new Set([p.heads, 8, 1, p.kvHeads])].filter((h) => h <= p.heads && p.heads % h === 0).sort((a, b) => b - a);
}

/** Slider positions snap to 2^k and 1.5·2^k tokens (4,096, 6,144, 8,192 …); typed values stay as typed. */
export function snapTokens(v: number): number {
  const k = Math.floor(Math.log2(v));
  const candidates = [2 ** k, 1.5 * 2 ** k, 2 ** (k + 1)];
  return candidates.reduce((best, c) => (Math.abs(Math.log(c / v)) < Math.abs(Math.log(best / v)) ? c : best));
}

export const GPU_SIZES = [24, 40, 80, 141] as const;
