// Per-GPU training memory under data, tensor and pipeline parallelism and the ZeRO stages.
// Pure arithmetic over the published accounting, so the calculator widget and the training
// chapter can show where every byte goes:
// - model states: Rajbhandari et al. 2020 (ZeRO), §3 and Figure 1 — mixed-precision Adam keeps
//   2Ψ bytes of fp16 weights, 2Ψ of fp16 gradients and KΨ of optimizer state (K = 12: fp32
//   master weights, momentum and variance);
// - activations: Korthikanti et al. 2022 (Reducing Activation Recomputation), Table 2 — bytes per
//   transformer layer for 16-bit activations, with tensor parallel t, sequence parallel and
//   selective or full recomputation.

export type ZeroStage = 0 | 1 | 2 | 3;
export type Precision = 'mixed' | 'fp32';
export type Recompute = 'none' | 'selective' | 'full';

/** Bytes per parameter for each model state, before any sharding. */
export const BYTES_PER_PARAM: Record<Precision, { weights: number; grads: number; optimizer: number }> = {
  // fp16/bf16 weights and grads; fp32 master copy + Adam momentum + variance (K = 12).
  mixed: { weights: 2, grads: 2, optimizer: 12 },
  // fp32 weights and grads; Adam momentum + variance.
  fp32: { weights: 4, grads: 4, optimizer: 8 },
};

export interface ActivationShape {
  layers: number; // L
  hidden: number; // h (d_model)
  heads: number; // a
  seqLen: number; // s
  microBatch: number; // b
  recompute: Recompute;
  sequenceParallel: boolean;
}

export interface ParallelLayout {
  params: number; // Ψ, total parameters
  gpus: number; // N = data × tensor × pipeline
  tensorParallel: number; // t
  pipelineParallel: number; // p
  zeroStage: ZeroStage;
  precision: Precision;
  activations?: ActivationShape;
}

/** Bytes held by one GPU (the first pipeline stage, which holds the most activations). */
export interface MemoryPerGpu {
  dataParallel: number; // d = N / (t·p)
  weights: number;
  grads: number;
  optimizer: number;
  activations: number;
  total: number;
}

/** Throws with the value at fault if the layout cannot exist. */
export function validateLayout(layout: ParallelLayout): void {
  const { params, gpus, tensorParallel: t, pipelineParallel: p, zeroStage } = layout;
  const positiveInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer (got ${v})`);
  };
  if (!(params > 0) || !Number.isFinite(params)) throw new Error(`params must be a positive number (got ${params})`);
  positiveInt('gpus', gpus);
  positiveInt('tensorParallel', t);
  positiveInt('pipelineParallel', p);
  if (gpus % (t * p) !== 0) {
    throw new Error(`gpus (${gpus}) must be a multiple of tensorParallel × pipelineParallel (${t} × ${p} = ${t * p})`);
  }
  if (![0, 1, 2, 3].includes(zeroStage)) throw new Error(`zeroStage must be 0, 1, 2 or 3 (got ${zeroStage})`);
  const a = layout.activations;
  if (a) {
    for (const key of ['layers', 'hidden', 'heads', 'seqLen', 'microBatch'] as const) positiveInt(key, a[key]);
    if (a.layers % p !== 0) throw new Error(`layers (${a.layers}) must divide evenly into ${p} pipeline stages`);
    if (a.heads % t !== 0) throw new Error(`heads (${a.heads}) must divide evenly across ${t} tensor-parallel GPUs`);
  }
}

/**
 * Activation bytes of one transformer layer for one micro-batch on one GPU
 * (Korthikanti et al. 2022, Table 2; 16-bit activations, dropout masks included).
 */
export function activationBytesPerLayer(a: ActivationShape, tensorParallel: number): number {
  const { seqLen: s, microBatch: b, hidden: h, heads: heads } = a;
  const t = tensorParallel;
  const sbh = s * b * h;
  const attentionScores = (5 * heads * s) / h; // the a·s/h term: softmax input/output and dropout mask
  if (a.recompute === 'full') return (2 * sbh) / (a.sequenceParallel ? t : 1); // only each layer's input is kept
  if (a.sequenceParallel) {
    return a.recompute === 'selective' ? (sbh * 34) / t : (sbh / t) * (34 + attentionScores);
  }
  const perLayer = 10 + 24 / t; // layer norms and dropouts are replicated without sequence parallel
  return a.recompute === 'selective' ? sbh * perLayer : sbh * (perLayer + attentionScores / t);
}

export function memoryPerGpu(layout: ParallelLayout): MemoryPerGpu {
  validateLayout(layout);
  const { params, gpus, tensorParallel: t, pipelineParallel: p, zeroStage } = layout;
  const d = gpus / (t * p);
  const bytes = BYTES_PER_PARAM[layout.precision];
  const local = params / (t * p); // each model-parallel rank holds this share of the parameters
  const weights = (local * bytes.weights) / (zeroStage >= 3 ? d : 1);
  const grads = (local * bytes.grads) / (zeroStage >= 2 ? d : 1);
  const optimizer = (local * bytes.optimizer) / (zeroStage >= 1 ? d : 1);
  // With 1F1B the first stage keeps p micro-batches in flight over its L/p layers: L layers' worth.
  const activations = layout.activations ? layout.activations.layers * activationBytesPerLayer(layout.activations, t) : 0;
  return { dataParallel: d, weights, grads, optimizer, activations, total: weights + grads + optimizer + activations };
}
