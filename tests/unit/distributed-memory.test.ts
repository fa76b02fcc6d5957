import { describe, expect, it } from 'vitest';
import { activationBytesPerLayer, memoryPerGpu, type ParallelLayout } from '@/lib/distributed/memory';

const GB = 1e9; // the ZeRO paper reports decimal gigabytes

const zeroLayout = (params: number, gpus: number, zeroStage: 0 | 1 | 2 | 3): ParallelLayout => ({
  params,
  gpus,
  tensorParallel: 1,
  pipelineParallel: 1,
  zeroStage,
  precision: 'mixed',
});
const modelStatesGB = (layout: ParallelLayout) => memoryPerGpu(layout).total / GB;

describe('ZeRO model-state memory (Rajbhandari et al. 2020)', () => {
  it('reproduces Figure 1: a 7.5B-parameter model on 64 GPUs, K = 12', () => {
    expect(modelStatesGB(zeroLayout(7.5e9, 64, 0))).toBeCloseTo(120, 6); // baseline (2 + 2 + K)Ψ
    expect(modelStatesGB(zeroLayout(7.5e9, 64, 1))).toBeCloseTo(31.4, 1); // P_os
    expect(modelStatesGB(zeroLayout(7.5e9, 64, 2))).toBeCloseTo(16.6, 1); // P_os+g
    expect(modelStatesGB(zeroLayout(7.5e9, 64, 3))).toBeCloseTo(1.9, 1); // P_os+g+p
  });

  it('reproduces Table 1 rows for other data-parallel degrees and model sizes', () => {
    // 7.5B, DP = 4: 52.5 / 41.3 / 30 GB
    expect(modelStatesGB(zeroLayout(7.5e9, 4, 1))).toBeCloseTo(52.5, 1);
    expect(modelStatesGB(zeroLayout(7.5e9, 4, 2))).toBeCloseTo(41.25, 1);
    expect(modelStatesGB(zeroLayout(7.5e9, 4, 3))).toBeCloseTo(30, 6);
    // 1T parameters, DP = 1024, stage 3: 15.6 GB — a trillion parameters in a 32 GB GPU's share
    expect(modelStatesGB(zeroLayout(1e12, 1024, 3))).toBeCloseTo(15.6, 1);
  });

  it('splits weights, gradients and optimizer state the way each stage says', () => {
    const s2 = memoryPerGpu(zeroLayout(8e9, 8, 2));
    expect(s2.weights).toBe(16e9); // fp16 weights stay replicated in stage 2
    expect(s2.grads).toBe(2e9); // 2Ψ / 8
    expect(s2.optimizer).toBe(12e9); // 12Ψ / 8
  });

  it('divides model states by tensor × pipeline parallel before ZeRO shards over the data-parallel rest', () => {
    const m = memoryPerGpu({ ...zeroLayout(16e9, 64, 1), tensorParallel: 4, pipelineParallel: 2 });
    expect(m.dataParallel).toBe(8);
    expect(m.weights).toBe((2 * 16e9) / 8);
    expect(m.optimizer).toBe((12 * 16e9) / 8 / 8);
  });

  it('refuses layouts that cannot exist, naming the value', () => {
    expect(() => memoryPerGpu({ ...zeroLayout(1e9, 6, 0), tensorParallel: 4 })).toThrow(/gpus \(6\).*4 × 1/);
    expect(() => memoryPerGpu(zeroLayout(-1, 8, 0))).toThrow(/params/);
    expect(() => memoryPerGpu(zeroLayout(1e9, 2.5, 0))).toThrow(/gpus must be a positive integer \(got 2.5\)/);
  });
});

describe('activation memory (Korthikanti et al. 2022, Table 2)', () => {
  // GPT-3 175B shape from the paper: h = 12288, a = 96, s = 2048, L = 96, micro-batch 1.
  const gpt3 = { layers: 96, hidden: 12288, heads: 96, seqLen: 2048, microBatch: 1, sequenceParallel: false } as const;
  const sbh = 2048 * 12288;

  it('matches sbh(34 + 5as/h) without parallelism and drops the attention term with selective recompute', () => {
    expect(activationBytesPerLayer({ ...gpt3, recompute: 'none' }, 1)).toBe(sbh * (34 + (5 * 96 * 2048) / 12288));
    expect(activationBytesPerLayer({ ...gpt3, recompute: 'selective' }, 1)).toBe(sbh * 34);
    expect(activationBytesPerLayer({ ...gpt3, recompute: 'full' }, 1)).toBe(2 * sbh);
  });

  it('with t = 8 tensor parallel and sequence parallel, selective recompute keeps 34·sbh/t per layer', () => {
    const perLayer = activationBytesPerLayer({ ...gpt3, recompute: 'selective', sequenceParallel: true }, 8);
    expect(perLayer).toBe((34 * sbh) / 8);
    // Tensor parallel alone leaves 10·sbh replicated (layer norms, dropouts): more than with sequence parallel.
    expect(activationBytesPerLayer({ ...gpt3, recompute: 'selective' }, 8)).toBe(sbh * (10 + 24 / 8));
  });

  it('adds L layers of activations to the first pipeline stage', () => {
    const layout: ParallelLayout = {
      params: 175e9, gpus: 512, tensorParallel: 8, pipelineParallel: 8, zeroStage: 1, precision: 'mixed',
      activations: { ...gpt3, recompute: 'selective', sequenceParallel: true },
    };
    const m = memoryPerGpu(layout);
    expect(m.activations).toBe(96 * ((34 * sbh) / 8));
    expect(m.total).toBeCloseTo(m.weights + m.grads + m.optimizer + m.activations, 0);
  });
});
