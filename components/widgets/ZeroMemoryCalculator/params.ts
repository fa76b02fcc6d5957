// ZeroMemoryCalculator's declared params (?w.zero.<key>=…), the models it knows and the presets
// that reproduce the papers' setups. The arithmetic itself is lib/distributed/memory.ts.
import { memoryPerGpu, type MemoryPerGpu, type ParallelLayout, type ZeroStage } from '@/lib/distributed/memory';
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const ZERO_ID = 'zero';

/** Parameter counts and the shape activations need (layers L, hidden h, heads a). */
export const MODELS = {
  // Rajbhandari et al. 2020, Figure 1 / Table 1: Ψ = 7.5B. The figure counts model states only;
  // the shape here (h 4096, 36 layers: 12·L·h² ≈ 7.2B + embeddings) is ours, for the activation bars.
  'zero-7.5b': { params: 7.5e9, layers: 36, hidden: 4096, heads: 32, seqLen: 2048 },
  // Touvron et al. 2023, Table 2: 6.7B, 32 layers, d 4096, 32 heads, context 2048.
  'llama-7b': { params: 6.74e9, layers: 32, hidden: 4096, heads: 32, seqLen: 2048 },
  // Brown et al. 2020 / Korthikanti et al. 2022, Table 3: 96 layers, h 12288, 96 heads, s 2048.
  'gpt3-175b': { params: 175e9, layers: 96, hidden: 12288, heads: 96, seqLen: 2048 },
} as const;
export type ModelName = keyof typeof MODELS;

export const zeroSchema = {
  model: { kind: 'enum', default: 'zero-7.5b', options: ['zero-7.5b', 'llama-7b', 'gpt3-175b'] },
  gpus: { kind: 'number', default: 64, min: 1, max: 4096, integer: true },
  stage: { kind: 'enum', default: '3', options: ['0', '1', '2', '3'] },
  tp: { kind: 'number', default: 1, min: 1, max: 64, integer: true },
  pp: { kind: 'number', default: 1, min: 1, max: 128, integer: true },
  precision: { kind: 'enum', default: 'mixed', options: ['mixed', 'fp32'] },
  gpuMemory: { kind: 'enum', default: '16', options: ['16', '24', '40', '80'] },
  activations: { kind: 'boolean', default: false },
  microBatch: { kind: 'number', default: 1, min: 1, max: 64, integer: true },
  recompute: { kind: 'enum', default: 'none', options: ['none', 'selective', 'full'] },
  sequenceParallel: { kind: 'boolean', default: false },
} as const satisfies ParamSchema;
export type ZeroParams = ParamValues<typeof zeroSchema>;

export const PRESETS: Record<'zero-paper' | 'llama-7b' | 'gpt3-175b', Partial<ZeroParams>> = {
  // ZeRO paper, Figure 1: 7.5B on 64 GPUs, mixed-precision Adam, model states only → 1.9 GB at stage 3.
  'zero-paper': { model: 'zero-7.5b', gpus: 64, stage: '3', tp: 1, pp: 1, precision: 'mixed', gpuMemory: '16', activations: false, microBatch: 1, recompute: 'none', sequenceParallel: false },
  // LLaMA-7B on one 8-GPU node of 80 GB cards with ZeRO-3 and activations counted.
  'llama-7b': { model: 'llama-7b', gpus: 8, stage: '3', tp: 1, pp: 1, precision: 'mixed', gpuMemory: '80', activations: true, microBatch: 1, recompute: 'selective', sequenceParallel: false },
  // Korthikanti et al. 2022, Table 3: GPT-3 175B on 64 GPUs, t = 8, p = 8, selective recompute + SP.
  'gpt3-175b': { model: 'gpt3-175b', gpus: 64, stage: '1', tp: 8, pp: 8, precision: 'mixed', gpuMemory: '80', activations: true, microBatch: 1, recompute: 'selective', sequenceParallel: true },
};

export type LayoutProblem = { key: 'gpus' | 'tp' | 'pp'; en: string; zh: string };

/** What makes the layout impossible, worded for the control at fault (null when it is fine). */
export function layoutProblem(p: ZeroParams): LayoutProblem | null {
  const m = MODELS[p.model as ModelName];
  const tp = p.tp * p.pp;
  if (p.gpus % tp !== 0) {
    return { key: 'gpus', en: `${p.gpus} GPUs cannot be split into groups of tensor × pipeline = ${p.tp} × ${p.pp} = ${tp}: use a multiple of ${tp}.`, zh: `${p.gpus} 块 GPU 无法按 张量 × 流水线 = ${p.tp} × ${p.pp} = ${tp} 分组：GPU 数须是 ${tp} 的倍数。` };
  }
  if (m.heads % p.tp !== 0) {
    return { key: 'tp', en: `${m.heads} attention heads cannot be shared evenly by ${p.tp} tensor-parallel GPUs.`, zh: `${m.heads} 个注意力头无法平均分给 ${p.tp} 块张量并行 GPU。` };
  }
  if (m.layers % p.pp !== 0) {
    return { key: 'pp', en: `${m.layers} layers cannot be cut into ${p.pp} equal pipeline stages.`, zh: `${m.layers} 层无法切成 ${p.pp} 个相等的流水线阶段。` };
  }
  return null;
}

export function layoutOf(p: ZeroParams, stage: ZeroStage = Number(p.stage) as ZeroStage, gpus = p.gpus): ParallelLayout {
  const m = MODELS[p.model as ModelName];
  return {
    params: m.params,
    gpus,
    tensorParallel: p.tp,
    pipelineParallel: p.pp,
    zeroStage: stage,
    precision: p.precision as ParallelLayout['precision'],
    activations: p.activations
      ? { layers: m.layers, hidden: m.hidden, heads: m.heads, seqLen: m.seqLen, microBatch: p.microBatch, recompute: p.recompute as 'none', sequenceParallel: p.sequenceParallel }
      : undefined,
  };
}

/** Per-GPU memory at each ZeRO stage (0 = plain data parallel) for the current layout. */
export function memoryByStage(p: ZeroParams): MemoryPerGpu[] {
  return ([0, 1, 2, 3] as const).map((stage) => memoryPerGpu(layoutOf(p, stage)));
}

/** The fewest GPUs (a multiple of t·p, at most 4096) at which the chosen stage fits, or null. */
export function fewestGpusThatFit(p: ZeroParams): number | null {
  const group = p.tp * p.pp;
  const budget = Number(p.gpuMemory) * 1e9;
  for (let n = group; n <= 4096; n += group) {
    if (memoryPerGpu(layoutOf(p, Number(p.stage) as ZeroStage, n)).total <= budget) return n;
  }
  return null;
}

/** Decimal gigabytes, as the ZeRO paper counts them (7.5B × 16 bytes = 120 GB). */
export function formatGB(bytes: number): string {
  const gb = bytes / 1e9;
  return `${gb >= 100 ? gb.toFixed(0) : gb >= 10 ? gb.toFixed(1) : gb.toFixed(gb < 0.1 ? 2 : 1)} GB`;
}
