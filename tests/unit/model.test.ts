import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { countParams, validateConfig } from '@/lib/model/config';
import { createGPT, GPT } from '@/lib/model/gpt';
import { TINY, tinyModel, tokenBatch, selectBackend } from './helpers';

beforeAll(() => selectBackend('cpu'));

describe('GPT model', () => {
  it('counts parameters exactly, matching the GPT-2 formula and the variables', () => {
    // en-shakespeare shape: 4 layers, d 128, context 64, vocab 63 → 809 600 (tied head adds nothing)
    const cfg = validateConfig({ vocabSize: 63, contextLength: 64, nLayer: 4, nHead: 4, dModel: 128 });
    const d = 128;
    const perLayer = 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + 2 * d + (d * 4 * d + 4 * d) + (4 * d * d + d);
    expect(countParams(cfg)).toBe(63 * d + 64 * d + 4 * perLayer + 2 * d);
    expect(countParams(cfg)).toBe(809_600);
    const model = tinyModel();
    expect(model.numParams).toBe(countParams(model.config));
    model.dispose();
  });

  it('uses GPT-2 parameter names and shapes', () => {
    const model = tinyModel();
    const shapes = Object.fromEntries([...model.params].map(([n, v]) => [n, v.shape]));
    expect(shapes['wte']).toEqual([11, 8]);
    expect(shapes['wpe']).toEqual([8, 8]);
    expect(shapes['h.0.attn.c_attn.weight']).toEqual([8, 24]);
    expect(shapes['h.1.mlp.c_proj.weight']).toEqual([32, 8]);
    expect(shapes['ln_f.bias']).toEqual([8]);
    expect(Object.keys(shapes)).toHaveLength(2 + 2 * 12 + 2);
    model.dispose();
  });

  it('returns logits [B, T, V], attention per layer [B, heads, T, T] and the residual stream', () => {
    const model = tinyModel();
    const before = tf.memory().numTensors;
    const tokens = tokenBatch(3, 5, 11);
    const out = model.forward(tokens, { returnAttention: true, returnResidual: true });
    expect(out.logits.shape).toEqual([3, 5, 11]);
    expect(out.attention!.map((a) => a.shape)).toEqual([[3, 2, 5, 5], [3, 2, 5, 5]]);
    expect(out.residual!.map((r) => r.shape)).toEqual([[3, 5, 8], [3, 5, 8], [3, 5, 8]]);
    tf.dispose([out.logits, ...out.attention!, ...out.residual!, tokens]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('attention rows sum to 1 and are exactly zero above the diagonal', async () => {
    const model = tinyModel({ seed: 5 });
    const tokens = tokenBatch(2, 8, 11);
    const out = model.forward(tokens, { returnAttention: true });
    for (const a of out.attention!) {
      const p = (await a.array()) as number[][][][];
      for (const head of p.flat()) {
        head.forEach((row, i) => {
          expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 5);
          for (let j = i + 1; j < row.length; j++) expect(row[j]).toBe(0);
          for (let j = 0; j <= i; j++) expect(row[j]).toBeGreaterThan(0);
        });
      }
    }
    tf.dispose([out.logits, ...out.attention!, tokens]);
    model.dispose();
  });

  it('is causal: changing token t never changes logits at positions < t', async () => {
    const model = tinyModel({ seed: 3 });
    const T = 8;
    const base = await tokenBatch(1, T, 11).array();
    const ref = model.forward(tf.tensor2d(base, undefined, 'int32')).logits;
    const refValues = (await ref.array())[0];
    for (const t of [0, 3, 7]) {
      const changed = base.map((row) => row.slice());
      changed[0][t] = (changed[0][t] + 5) % 11;
      const out = model.forward(tf.tensor2d(changed, undefined, 'int32')).logits;
      const values = (await out.array())[0];
      for (let pos = 0; pos < t; pos++) expect(values[pos]).toEqual(refValues[pos]);
      // …and it does change position t itself
      expect(values[t]).not.toEqual(refValues[t]);
      out.dispose();
    }
    ref.dispose();
    model.dispose();
  });

  it('has loss ≈ ln(vocab) at initialisation', async () => {
    for (const vocabSize of [11, 65, 300]) {
      const model = createGPT({ ...TINY, vocabSize, contextLength: 16, dModel: 16, seed: 2 });
      const x = tokenBatch(4, 16, vocabSize);
      const y = tokenBatch(4, 16, vocabSize, 1);
      const loss = model.loss(x, y);
      expect(Math.abs((await loss.data())[0] - Math.log(vocabSize))).toBeLessThan(0.1);
      tf.dispose([x, y, loss]);
      model.dispose();
    }
  });

  it('gives identical weights for the same seed and different weights for another seed', async () => {
    const models = [tinyModel({ seed: 9 }), tinyModel({ seed: 9 }), tinyModel({ seed: 10 })];
    const [a, b, c] = await Promise.all(models.map((m) => m.weights()));
    for (const [name, values] of a) expect(b.get(name)).toEqual(values);
    expect(c.get('wte')).not.toEqual(a.get('wte'));
    for (const m of models) m.dispose();
  });

  it('initialises like GPT-2: N(0, 0.02), residual projections scaled by 1/sqrt(2·layers), LayerNorm 1/0', async () => {
    const model = createGPT({ vocabSize: 50, contextLength: 32, nLayer: 8, nHead: 4, dModel: 64, seed: 4 });
    const w = await model.weights();
    const std = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
    expect(std(w.get('h.0.mlp.c_fc.weight')!)).toBeCloseTo(0.02, 3);
    expect(std(w.get('h.3.mlp.c_proj.weight')!)).toBeCloseTo(0.02 / 4, 3);
    expect(std(w.get('h.3.attn.c_proj.weight')!)).toBeCloseTo(0.02 / 4, 3);
    // Embeddings: N(0, 0.02). With n samples the sample mean has std 0.02/√n and the sample std
    // has std ≈ 0.02/√(2n); allow 4 of those (wte n = 3200: 1.4e-3 and 1.0e-3; wpe n = 2048).
    for (const name of ['wte', 'wpe']) {
      const x = w.get(name)!;
      const n = x.length;
      const mean = x.reduce((s, v) => s + v, 0) / n;
      const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
      expect(Math.abs(mean), `${name} mean`).toBeLessThan((4 * 0.02) / Math.sqrt(n));
      expect(Math.abs(sd - 0.02), `${name} std`).toBeLessThan((4 * 0.02) / Math.sqrt(2 * n));
    }
    expect([...w.get('ln_f.weight')!].every((v) => v === 1)).toBe(true);
    expect([...w.get('h.0.attn.c_attn.bias')!].every((v) => v === 0)).toBe(true);
    model.dispose();
  });

  it('rejects invalid configs, naming the value and the reason', () => {
    expect(() => createGPT({ ...TINY, dModel: 10, nHead: 3 })).toThrow(/dModel = 10 is not divisible by nHead = 3/);
    expect(() => createGPT({ ...TINY, contextLength: 0 })).toThrow(/contextLength = 0/);
    expect(() => createGPT({ ...TINY, vocabSize: 2.5 })).toThrow(/vocabSize = 2.5/);
    expect(() => createGPT({ ...TINY, dropout: 1 })).toThrow(/dropout = 1/);
    expect(() => createGPT({ ...TINY, vocabSize: 11 }, 12)).toThrow(/vocabSize = 11 does not match the tokenizer's vocabulary of 12/);
    expect(() => createGPT({ ...TINY, nLayers: 2 } as never)).toThrow(/unknown field "nLayers"/);
  });

  it('new GPT(config, initial) validates the config and names a bad initial tensor with expected and given size', () => {
    const config = validateConfig(TINY); // vocab 11, context 8, d 8
    const before = tf.memory().numTensors;
    expect(() => new GPT({ ...config, nHead: 3 })).toThrow(/dModel = 8 is not divisible by nHead = 3/);
    expect(() => new GPT({ ...config, contextLength: 0 })).toThrow(/contextLength = 0/);
    expect(() => new GPT(config, new Map([['h.0.attn.c_attn.weight', new Float32Array(100)]]))).toThrow(
      'GPT: initial tensor "h.0.attn.c_attn.weight" has 100 float32 values; expected shape [8, 24] = 192 float32 values',
    );
    expect(() => new GPT(config, new Map([['wte', new Float64Array(88) as unknown as Float32Array]]))).toThrow(
      'GPT: initial tensor "wte" has a Float64Array; expected shape [11, 8] = 88 float32 values',
    );
    expect(() => new GPT(config, new Map([['h.0.attn.c_attn.w', new Float32Array(192)]]))).toThrow(/initial tensor "h\.0\.attn\.c_attn\.w" is not a parameter/);
    expect(tf.memory().numTensors).toBe(before); // nothing allocated before the checks
    // A correct partial map is used as given; the rest is drawn from the seed as usual.
    const wte = Float32Array.from({ length: 88 }, (_, i) => i / 100);
    const model = new GPT(config, new Map([['wte', wte]]));
    expect(model.params.get('wte')!.dataSync()).toEqual(wte);
    const fresh = new GPT(config);
    expect(model.params.get('wpe')!.dataSync()).toEqual(fresh.params.get('wpe')!.dataSync());
    model.dispose();
    fresh.dispose();
  });

  it('refuses sequences longer than the context', () => {
    const model = tinyModel();
    const x = tokenBatch(1, 9, 11);
    expect(() => model.forward(x)).toThrow(/sequence length 9.*contextLength \(8\)/);
    x.dispose();
    model.dispose();
  });
});
