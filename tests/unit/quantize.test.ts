import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { paramSpecs, validateConfig } from '@/lib/model/config';
import { GPT } from '@/lib/model/gpt';
import {
  dequantizeMatrix,
  INT4_GROUP32,
  INT8_PER_CHANNEL,
  type QuantizedMatrix,
  quantizedByteLength,
  quantizedCodes,
  quantizeMatrix,
  quantizeWeights,
  type QuantScheme,
} from '@/lib/model/quantize';
import { createRng } from '@/lib/sample/rng';
import { TINY, tokenBatch, selectBackend } from './helpers';

/** Normal weights (std 0.02, as GPT-2 initialises) with a few large outliers. */
function weightsLike(rows: number, cols: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const w = Float32Array.from({ length: rows * cols }, () => rng.normal() * 0.02);
  for (let k = 0; k < 5; k++) w[rng.int(w.length)] = (rng.next() - 0.5) * 0.5;
  return w;
}

/** The group of element (r, c) of a Conv1D [in, out] matrix: column c, rows in blocks of groupSize. */
const groupOf = (m: QuantizedMatrix, r: number, c: number) => c * Math.ceil(m.shape[0] / m.groupSize) + Math.floor(r / m.groupSize);

/** |ŵ − w| ≤ s/2 per element, up to float32 rounding of the scale and of ŵ. */
function expectWithinHalfStep(m: QuantizedMatrix, w: Float32Array) {
  const restored = dequantizeMatrix(m);
  const [rows, cols] = m.shape;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const s = m.scales[groupOf(m, r, c)];
      const i = r * cols + c;
      expect(Math.abs(restored[i] - w[i])).toBeLessThanOrEqual(s / 2 + 1e-6 * s * 2 ** m.scheme.bits + 1e-7 * Math.abs(w[i]));
    }
  }
}

describe('int8 per output channel (absmax)', () => {
  it('step = max|column| / 127 and every element rounds to within half a step', () => {
    const [rows, cols] = [48, 20];
    const w = weightsLike(rows, cols, 1);
    const m = quantizeMatrix(w, [rows, cols], INT8_PER_CHANNEL);
    expect(m.scales).toHaveLength(cols);
    for (let c = 0; c < cols; c++) {
      let max = 0;
      for (let r = 0; r < rows; r++) max = Math.max(max, Math.abs(w[r * cols + c]));
      expect(m.scales[c]).toBe(Math.fround(max / 127));
    }
    expectWithinHalfStep(m, w);
    const q = quantizedCodes(m);
    expect(Math.max(...q)).toBeLessThanOrEqual(127);
    expect(Math.min(...q)).toBeGreaterThanOrEqual(-127);
  });

  it('values on the grid come back exactly', () => {
    const [rows, cols] = [16, 6];
    const step = 2 ** -9;
    const rng = createRng(2);
    const q = Int32Array.from({ length: rows * cols }, () => rng.int(255) - 127);
    for (let c = 0; c < cols; c++) q[(c % rows) * cols + c] = c % 2 ? 127 : -127; // each column spans the full range
    const w = Float32Array.from(q, (k) => k * step);
    const m = quantizeMatrix(w, [rows, cols], INT8_PER_CHANNEL);
    expect(Array.from(quantizedCodes(m))).toEqual(Array.from(q));
    expect(Array.from(dequantizeMatrix(m))).toEqual(Array.from(w));
  });

  it("reproduces the chapter's hand example, and an outlier coarsens only its own channel", () => {
    const m = quantizeMatrix(Float32Array.from([0.5, -1.2, 2.54]), [3, 1], INT8_PER_CHANNEL);
    expect(Array.from(quantizedCodes(m))).toEqual([25, -60, 127]);
    Array.from(dequantizeMatrix(m)).forEach((v, i) => expect(v).toBeCloseTo([0.5, -1.2, 2.54][i], 6));
    // The same weights beside a 60.0 outlier in one channel: q = (1, −3, 0, 5, 127).
    const withOutlier = quantizeMatrix(Float32Array.from([0.5, -1.2, 0.03, 2.54, 60]), [5, 1], INT8_PER_CHANNEL);
    expect(Array.from(quantizedCodes(withOutlier))).toEqual([1, -3, 0, 5, 127]);
    Array.from(dequantizeMatrix(withOutlier)).forEach((v, i) => expect(v).toBeCloseTo([0.47, -1.42, 0, 2.36, 60][i], 2));
    // Two channels [rows = 5, cols = 2]: the outlier sits in column 1; column 0 keeps its fine grid.
    const twoChannels = Float32Array.from([0.5, 0.5, -1.2, -1.2, 0.03, 0.03, 2.54, 2.54, 1, 60]);
    const pc = quantizeMatrix(twoChannels, [5, 2], INT8_PER_CHANNEL);
    expect(pc.scales[0]).toBeCloseTo(2.54 / 127, 7);
    expect(pc.scales[1]).toBeCloseTo(60 / 127, 7);
  });
});

describe('int4 in groups along the input dimension', () => {
  for (const scheme of [INT4_GROUP32, { bits: 4, groupSize: 64, symmetric: true }, { bits: 4, groupSize: 32, symmetric: true }] as QuantScheme[]) {
    it(`${scheme.symmetric ? 'symmetric' : 'asymmetric'}, groups of ${scheme.groupSize}: every element within half its group's step`, () => {
      const [rows, cols] = [128, 12];
      const w = weightsLike(rows, cols, 3);
      const m = quantizeMatrix(w, [rows, cols], scheme);
      expect(m.scales).toHaveLength(cols * (rows / (scheme.groupSize as number)));
      expectWithinHalfStep(m, w);
    });
  }

  it('asymmetric: the step is (max − min) / 15 per group, 0 stays exact, grid values come back exactly', () => {
    const [rows, cols] = [64, 3];
    const step = 2 ** -6;
    const rng = createRng(4);
    const zeroPoints = [3, 8, 12, 0, 15, 6]; // one per group (3 columns × 2 groups)
    const q = new Int32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) q[r * cols + c] = rng.int(16);
    for (let c = 0; c < cols; c++) for (const r0 of [0, 32]) { q[r0 * cols + c] = 0; q[(r0 + 1) * cols + c] = 15; } // span 0…15
    const w = Float32Array.from(q, (k, i) => {
      const r = Math.floor(i / cols);
      const c = i % cols;
      return (k - zeroPoints[c * 2 + Math.floor(r / 32)]) * step;
    });
    const m = quantizeMatrix(w, [rows, cols], INT4_GROUP32);
    expect(Array.from(m.scales)).toEqual(new Array(6).fill(step));
    expect(Array.from(quantizedCodes(m))).toEqual(Array.from(q));
    expect(Array.from(dequantizeMatrix(m))).toEqual(Array.from(w));
    const zeros = Float32Array.from([0, 0.3, -0.1, 0.2, 0, 0.05, 0.7, -0.2]);
    const z = dequantizeMatrix(quantizeMatrix(zeros, [8, 1], INT4_GROUP32));
    expect(z[0]).toBe(0);
    expect(z[4]).toBe(0);
  });

  it('an outlier coarsens only its own group', () => {
    const [rows, cols] = [64, 2];
    const w = weightsLike(rows, cols, 5).map((v) => Math.max(-0.06, Math.min(0.06, v)));
    const before = quantizeMatrix(w, [rows, cols], INT4_GROUP32);
    w[3 * cols] = 5; // row 3, column 0: group 0 of column 0
    const after = quantizeMatrix(w, [rows, cols], INT4_GROUP32);
    expect(after.scales[0]).toBeGreaterThan(50 * before.scales[0]);
    expect(Array.from(after.scales.subarray(1))).toEqual(Array.from(before.scales.subarray(1)));
  });

  it('every bit width from 2 to 8 packs and unpacks within half a step', () => {
    const w = weightsLike(40, 7, 6);
    for (let bits = 2; bits <= 8; bits++) {
      for (const symmetric of [true, false]) {
        const m = quantizeMatrix(w, [40, 7], { bits, groupSize: 16, symmetric });
        expect(m.codes.byteLength).toBe(Math.ceil((280 * bits) / 8));
        expectWithinHalfStep(m, w);
      }
    }
  });
});

describe('size accounting', () => {
  it('counts packed codes, float32 scales and packed zero points exactly', () => {
    const w = weightsLike(64, 10, 7);
    const int8 = quantizeMatrix(w, [64, 10], INT8_PER_CHANNEL);
    expect(quantizedByteLength(int8)).toBe(640 + 10 * 4); // 1 byte per weight + one scale per column
    const int4 = quantizeMatrix(w, [64, 10], INT4_GROUP32);
    expect(quantizedByteLength(int4)).toBe(320 + 20 * 4 + 10); // ½ byte per weight + 20 groups × (4-byte scale + 4-bit zero)
    const int4sym = quantizeMatrix(w, [64, 10], { ...INT4_GROUP32, symmetric: true });
    expect(quantizedByteLength(int4sym)).toBe(320 + 20 * 4);
    const odd = quantizeMatrix(Float32Array.from({ length: 15 }, (_, i) => i - 7), [5, 3], { bits: 3, groupSize: 2, symmetric: false });
    expect(odd.codes.byteLength).toBe(6); // 45 bits
    expect(odd.scales).toHaveLength(9); // 3 columns × ⌈5 / 2⌉ groups, the last one short
    expect(odd.zeros!.byteLength).toBe(4); // 27 bits
  });

  it('a whole model: only the linear matrices shrink, and the totals add up', () => {
    const config = validateConfig({ ...TINY, vocabSize: 20, dModel: 32, contextLength: 8 });
    const rng = createRng(8);
    const weights = new Map(paramSpecs(config).map((s) => [s.name, Float32Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => rng.normal() * 0.02)]));
    const q = quantizeWeights(config, weights, { scheme: INT8_PER_CHANNEL });
    const quantized = q.tensors.filter((t) => t.quantized).map((t) => t.name);
    expect(quantized).toEqual(['h.0.attn.c_attn.weight', 'h.0.attn.c_proj.weight', 'h.0.mlp.c_fc.weight', 'h.0.mlp.c_proj.weight', 'h.1.attn.c_attn.weight', 'h.1.attn.c_proj.weight', 'h.1.mlp.c_fc.weight', 'h.1.mlp.c_proj.weight']);
    for (const t of q.tensors) {
      if (!t.quantized) {
        expect(q.weights.get(t.name)).toBe(weights.get(t.name)); // untouched
        expect(t.bytes).toBe(t.float32Bytes);
      } else {
        const [nIn, nOut] = t.shape;
        expect(t.bytes).toBe(nIn * nOut + 4 * nOut);
        expect(t.maxAbsError).toBeLessThanOrEqual(t.maxScale / 2 + 1e-9);
        expect(t.meanAbsError).toBeGreaterThan(0);
        expect(t.meanAbsError).toBeLessThan(t.maxAbsError);
        expect(t.histogram!.before.reduce((a, b) => a + b)).toBe(nIn * nOut);
        expect(t.histogram!.after.reduce((a, b) => a + b)).toBe(nIn * nOut);
        expect(t.histogram!.edges).toHaveLength(65);
      }
    }
    const params = paramSpecs(config).reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0);
    expect(q.totals.float32Bytes).toBe(params * 4);
    expect(q.totals.bytes).toBe(q.tensors.reduce((s, t) => s + t.bytes, 0));
    expect(q.totals.bitsPerParam).toBeCloseTo((8 * q.totals.bytes) / params, 12);

    const withEmbeddings = quantizeWeights(config, weights, { scheme: INT4_GROUP32, includeEmbeddings: true, histogramBins: 0 });
    const wte = withEmbeddings.tensors.find((t) => t.name === 'wte')!;
    expect(wte.quantized).toBe(true);
    // wte [20, 32] is read as the head: one group of 32 along d per token row → 20 groups.
    expect(wte.bytes).toBe((20 * 32) / 2 + 20 * 4 + 10);
    expect(wte.histogram).toBeUndefined();
    expect(withEmbeddings.totals.bytes).toBeLessThan(q.totals.bytes);
  });

  it('names the tensor or setting that is wrong', () => {
    const config = validateConfig(TINY);
    expect(() => quantizeWeights(config, new Map(), { scheme: INT8_PER_CHANNEL })).toThrow(/tensor "wte"/);
    expect(() => quantizeMatrix(new Float32Array(6), [2, 3], { bits: 9, groupSize: 32, symmetric: true })).toThrow(/bits/);
    expect(() => quantizeMatrix(new Float32Array(6), [2, 3], { bits: 4, groupSize: 0, symmetric: true })).toThrow(/groupSize/);
    expect(() => quantizeMatrix(new Float32Array(5), [2, 3], INT8_PER_CHANNEL)).toThrow(/5 values do not form a \[2,3\] matrix/);
  });
});

describe('a quantized GPT', () => {
  beforeAll(() => selectBackend('cpu'));

  it('int8 moves the logits far less than int4, and both stay close to float32', async () => {
    const config = validateConfig({ ...TINY, vocabSize: 24, dModel: 64, contextLength: 8, nHead: 4 });
    const model = new GPT(config);
    const weights = await model.weights();
    const tokens = tokenBatch(2, 8, 24);
    const before = tf.memory().numTensors;
    const maxLogitChange = async (scheme: QuantScheme) => {
      const quantized = new GPT(config, quantizeWeights(config, weights, { scheme, histogramBins: 0 }).weights);
      const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(quantized.forward(tokens).logits, model.forward(tokens).logits))));
      const value = (await diff.data())[0];
      tf.dispose(diff);
      quantized.dispose();
      return value;
    };
    const int8 = await maxLogitChange(INT8_PER_CHANNEL);
    const int4 = await maxLogitChange(INT4_GROUP32);
    expect(tf.memory().numTensors).toBe(before);
    expect(int8).toBeGreaterThan(0);
    expect(int8).toBeLessThan(int4);
    expect(int4).toBeLessThan(0.05);
    tokens.dispose();
    model.dispose();
  });
});
