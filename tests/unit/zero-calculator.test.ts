// ZeroMemoryCalculator's presets and derived numbers against the papers they cite.
import { describe, expect, it } from 'vitest';
import { defaultValues } from '@/lib/state/params';
import { fewestGpusThatFit, formatGB, layoutProblem, memoryByStage, PRESETS, zeroSchema, type ZeroParams } from '@/components/widgets/ZeroMemoryCalculator/params';

const withPreset = (name: keyof typeof PRESETS, extra: Partial<ZeroParams> = {}): ZeroParams => ({ ...defaultValues(zeroSchema), ...PRESETS[name], ...extra });

describe('ZeroMemoryCalculator', () => {
  it('reproduces the ZeRO paper Figure 1 for 7.5B on 64 GPUs: 120, 31.4, 16.6, 1.88 GB', () => {
    const totals = memoryByStage(withPreset('zero-paper')).map((m) => formatGB(m.total));
    expect(totals).toEqual(['120 GB', '31.4 GB', '16.6 GB', '1.9 GB']);
  });

  it('finds the fewest GPUs at which ZeRO-3 fits 7.5B in 16 GB (16Ψ/N ≤ 16 GB → N = 8)', () => {
    expect(fewestGpusThatFit(withPreset('zero-paper'))).toBe(8);
    // Plain data parallelism never fits: every GPU holds all 120 GB.
    expect(fewestGpusThatFit(withPreset('zero-paper', { stage: '0' }))).toBeNull();
  });

  it('names the control at fault for a layout that cannot exist', () => {
    expect(layoutProblem(withPreset('zero-paper', { gpus: 60, tp: 8 }))?.key).toBe('gpus');
    expect(layoutProblem(withPreset('zero-paper', { gpus: 64, tp: 64 }))?.key).toBe('tp'); // 32 heads
    expect(layoutProblem(withPreset('gpt3-175b', { pp: 5, gpus: 40, tp: 8 }))?.key).toBe('pp'); // 96 layers
    expect(layoutProblem(withPreset('gpt3-175b'))).toBeNull();
  });

  it('GPT-3 on t 8 × p 8 has no data parallelism left, so every ZeRO stage is the same', () => {
    const stages = memoryByStage(withPreset('gpt3-175b'));
    expect(stages[0].dataParallel).toBe(1);
    expect(new Set(stages.map((s) => s.total)).size).toBe(1);
    expect(stages[0].activations).toBeGreaterThan(0);
  });
});
