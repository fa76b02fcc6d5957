// QuantizationLab's declared params (?w.quantization.<key>=…).
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const QUANTIZATION_ID = 'quantization';

export const CHECKPOINTS = {
  'en-shakespeare': { url: '/checkpoints/en-shakespeare/', corpus: '/corpora/tiny-shakespeare.txt', prompt: 'ROMEO:\n', params: 809_472 },
  'zh-tang-poetry': { url: '/checkpoints/zh-tang-poetry/', corpus: '/corpora/tang-poetry.txt', prompt: '春', params: 987_264 },
} as const;
export type QuantCheckpoint = keyof typeof CHECKPOINTS;

export const GROUPS = ['16', '32', '64', '128', 'channel'] as const;
export const MATRIX_KINDS = ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj', 'wte'] as const;

export function quantizationSchema(checkpoint: QuantCheckpoint = 'en-shakespeare') {
  return {
    checkpoint: { kind: 'enum', default: checkpoint, options: ['en-shakespeare', 'zh-tang-poetry'] },
    /** Bits of the group-wise variant (int8 per channel is always shown beside it). */
    bits: { kind: 'number', default: 4, min: 2, max: 8, integer: true },
    group: { kind: 'enum', default: '32', options: GROUPS },
    /** Quantize wte / wpe too: the honest file size (docs/inference.md). */
    embeddings: { kind: 'boolean', default: true },
    /** Held-out tokens the perplexity is measured on. */
    evalTokens: { kind: 'number', default: 8192, min: 512, max: 40_000, integer: true },
    seed: { kind: 'number', default: 1, min: 0, max: 999_999, integer: true },
    /** The matrix whose histogram is drawn. */
    matrix: { kind: 'enum', default: 'mlp.c_fc', options: MATRIX_KINDS },
    layer: { kind: 'number', default: 0, min: 0, max: 11, integer: true },
    /** Which quantized model the histogram compares with float32. */
    show: { kind: 'enum', default: 'intN', options: ['int8', 'intN'] },
  } as const satisfies ParamSchema;
}
export type QuantSchema = ReturnType<typeof quantizationSchema>;
export type QuantParams = ParamValues<QuantSchema>;

export const groupSize = (g: QuantParams['group']) => (g === 'channel' ? 0 : Number(g));

/** The tensor name of a matrix kind in a layer (GPT-2 names). */
export const matrixName = (kind: QuantParams['matrix'], layer: number) => (kind === 'wte' ? 'wte' : `h.${layer}.${kind}.weight`);

export const SAMPLE_TOKENS = 60;
