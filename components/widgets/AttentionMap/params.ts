// AttentionMap's declared params (?w.attention.<key>=…). The text is component state.
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const ATTENTION_ID = 'attention';

export const CHECKPOINTS = {
  'en-shakespeare': '/checkpoints/en-shakespeare/',
  'zh-tang-poetry': '/checkpoints/zh-tang-poetry/',
} as const;
export type AttentionCheckpoint = keyof typeof CHECKPOINTS;

export function attentionSchema(checkpoint: AttentionCheckpoint = 'en-shakespeare') {
  return {
    checkpoint: { kind: 'enum', default: checkpoint, options: ['en-shakespeare', 'zh-tang-poetry'] },
    /** The head shown large (layer, head), from 0. */
    layer: { kind: 'number', default: 0, min: 0, max: 11, integer: true },
    head: { kind: 'number', default: 0, min: 0, max: 15, integer: true },
  } as const satisfies ParamSchema;
}
export type AttentionParams = ParamValues<ReturnType<typeof attentionSchema>>;

/** One head's [T, T] slice of a layer's [nHead, T, T] probabilities. */
export function headMatrix(layer: Float32Array, head: number, T: number): Float32Array {
  return layer.subarray(head * T * T, (head + 1) * T * T);
}

/** The smallest and largest row sum over every layer and head (≈1 for a softmax). */
export function rowSumRange(layers: Float32Array[], nHead: number, T: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const layer of layers) {
    for (let h = 0; h < nHead; h++) {
      for (let q = 0; q < T; q++) {
        let s = 0;
        for (let k = 0; k < T; k++) s += layer[h * T * T + q * T + k];
        lo = Math.min(lo, s);
        hi = Math.max(hi, s);
      }
    }
  }
  return [lo, hi];
}
