// Sinusoidal encodings against the formula, similarity properties, and wpe read from a real
// checkpoint's bytes without tfjs equal to the model's own tensor.
import { describe, expect, it } from 'vitest';
import { parseCheckpoint, serializeCheckpoint } from '@/lib/model/checkpoint';
import { paramSpecs } from '@/lib/model/config';
import { readCheckpointTensor } from '@/lib/model/checkpoint-tensor';
import { cosineSimilarityMatrix, sinusoidalEncoding } from '@/lib/model/positional';

describe('sinusoidal positional encoding', () => {
  it('matches PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(…) at sampled entries', () => {
    const d = 128;
    const pe = sinusoidalEncoding(64, d);
    for (const [pos, i] of [[0, 0], [1, 0], [7, 3], [63, 31], [40, 63]]) {
      const angle = pos / Math.pow(10000, (2 * i) / d);
      expect(pe[pos * d + 2 * i]).toBeCloseTo(Math.sin(angle), 6);
      expect(pe[pos * d + 2 * i + 1]).toBeCloseTo(Math.cos(angle), 6);
    }
    // Position 0 is (0, 1, 0, 1, …); every position has norm √(d/2).
    expect(Array.from(pe.subarray(0, 4))).toEqual([0, 1, 0, 1]);
    let norm = 0;
    for (let k = 0; k < d; k++) norm += pe[37 * d + k] ** 2;
    expect(Math.sqrt(norm)).toBeCloseTo(8, 5);
  });

  it('similarity is 1 on the diagonal, symmetric, and falls off away from it', () => {
    const T = 64;
    const sim = cosineSimilarityMatrix(sinusoidalEncoding(T, 128), T, 128);
    for (let p = 0; p < T; p++) expect(sim[p * T + p]).toBeCloseTo(1, 6);
    expect(sim[3 * T + 40]).toBeCloseTo(sim[40 * T + 3], 6);
    // Depends only on the offset (a sum of cosines of offset × frequency): same for (10,15) and (30,35).
    expect(sim[10 * T + 15]).toBeCloseTo(sim[30 * T + 35], 5);
    expect(sim[20 * T + 21]).toBeGreaterThan(sim[20 * T + 30]);
  });

  it('rejects an odd dimension with a message naming it', () => {
    expect(() => sinusoidalEncoding(8, 7)).toThrow(/d must be an even integer/);
  });
});

describe('readCheckpointTensor', () => {
  const config = { vocabSize: 5, contextLength: 6, nLayer: 1, nHead: 2, dModel: 4, mlpRatio: 4, dropout: 0, seed: 0 };
  // Every parameter gets distinct values, so a wrong offset cannot pass.
  const weights = new Map<string, Float32Array>();
  let next = 0;
  for (const spec of paramSpecs(config)) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    weights.set(spec.name, Float32Array.from({ length: size }, () => (next++) * 0.25 - 3));
  }
  const saved = serializeCheckpoint(config, weights, { kind: 'char', chars: ['a', 'b', 'c', 'd', 'e'] });

  it('slices wpe out of weights.bin exactly as saved, as the full loader does', () => {
    const wpe = readCheckpointTensor(saved.json, saved.weights, 'wpe');
    expect(wpe.shape).toEqual([6, 4]);
    expect(Array.from(wpe.values)).toEqual(Array.from(weights.get('wpe')!));
    expect(Array.from(wpe.values)).toEqual(Array.from(parseCheckpoint(saved.json, saved.weights).weights.get('wpe')!));
    // Also from a view into a larger buffer (what fetch + subarray can give).
    const padded = new Uint8Array(saved.weights.length + 8);
    padded.set(saved.weights, 8);
    expect(Array.from(readCheckpointTensor(saved.json, padded.subarray(8), 'h.0.ln_1.weight').values)).toEqual(Array.from(weights.get('h.0.ln_1.weight')!));
  });

  it('names the tensor and the problem when the file does not fit', () => {
    expect(() => readCheckpointTensor(saved.json, saved.weights, 'wqe')).toThrow(/no tensor "wqe"/);
    expect(() => readCheckpointTensor(saved.json, saved.weights.subarray(0, 40), 'wpe')).toThrow(/tensor "wpe": bytes 80–176 are outside weights.bin \(40 bytes/);
  });
});
