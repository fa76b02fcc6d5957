import { describe, expect, it } from 'vitest';
import { formatBytes, formatFlops, trainingFlopsPerStep, trainingMemoryBytes } from '@/lib/engine/estimates';
import { countParams, validateConfig } from '@/lib/model/config';

const small = validateConfig({ vocabSize: 65, contextLength: 64, nLayer: 2, nHead: 4, dModel: 64 });

describe('training cost estimates', () => {
  it('FLOPs per step = 6·N·tokens + 6·nLayer·T·d·tokens (Kaplan et al. 2020)', () => {
    const N = countParams(small);
    expect(N).toBe(2 * (12 * 64 * 64 + 13 * 64) + 65 * 64 + 64 * 64 + 2 * 64);
    const tokens = 16 * 64;
    const f = trainingFlopsPerStep({ config: small, batchSize: 16 });
    expect(f.params).toBe(6 * N * tokens);
    expect(f.attention).toBe(6 * 2 * 64 * 64 * tokens);
    expect(f.total).toBe(f.params + f.attention);
    // Doubling the batch doubles the work; doubling the context more than doubles it (attention).
    expect(trainingFlopsPerStep({ config: small, batchSize: 32 }).total).toBe(2 * f.total);
    const wide = validateConfig({ ...small, contextLength: 128 });
    expect(trainingFlopsPerStep({ config: wide, batchSize: 16 }).total).toBeGreaterThan(2 * f.total);
  });

  it('memory = 16 bytes per parameter (weights, grads, Adam m and v) + activations', () => {
    const m = trainingMemoryBytes({ config: small, batchSize: 16 });
    const N = countParams(small);
    expect(m.weights).toBe(4 * N);
    expect(m.grads).toBe(4 * N);
    expect(m.adam).toBe(8 * N);
    expect(m.total).toBe(16 * N + m.activations);
    // Activations grow linearly with the batch; the parameter terms do not.
    const m2 = trainingMemoryBytes({ config: small, batchSize: 32 });
    expect(m2.activations).toBe(2 * m.activations);
    expect(m2.weights).toBe(m.weights);
    // The book's small config is far below any budget (a few tens of MB) …
    expect(m.total).toBeLessThan(100e6);
    // … and the largest one the sliders allow is far above 1.5 GiB, so the engine refuses it.
    const huge = validateConfig({ vocabSize: 2048, contextLength: 256, nLayer: 8, nHead: 8, dModel: 512 });
    expect(trainingMemoryBytes({ config: huge, batchSize: 64 }).total).toBeGreaterThan(1.5 * 1024 ** 3);
    // The biggest tensor of a wide context is the attention probabilities [B, nh, T, T].
    expect(trainingMemoryBytes({ config: huge, batchSize: 64 }).largestTensor).toBe(4 * 64 * 8 * 256 * 256);
  });

  it('formats sizes for people', () => {
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(12_345_678_901)).toBe('12 GB');
    expect(formatFlops(3.4e9)).toBe('3.40 GFLOP');
  });
});
