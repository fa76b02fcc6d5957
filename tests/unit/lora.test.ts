import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countParams, validateConfig } from '@/lib/model/config';
import { checkpointHash, modelHash, serializeCheckpoint } from '@/lib/model/checkpoint';
import { LORA_TARGETS, LoraAdapter, loraBudget, mergeAdapter, unmergeAdapter, type LoraConfig } from '@/lib/model/lora';
import { loadAdapter, saveAdapter } from '@/lib/model/lora-node';
import { sha256Hex } from '@/lib/model/sha256';
import { createRng } from '@/lib/sample/rng';
import { splitTrainVal } from '@/lib/train/data';
import { Trainer } from '@/lib/train/trainer';
import type { GPT } from '@/lib/model/gpt';
import { selectBackend, tinyModel, tokenBatch } from './helpers';

beforeAll(() => selectBackend('cpu'));

const ALL: Partial<LoraConfig> = { r: 2, alpha: 4, targets: [...LORA_TARGETS] };

async function logitsOf(model: GPT, tokens: tf.Tensor2D): Promise<Float32Array> {
  const { logits } = model.forward(tokens);
  const values = (await logits.data()) as Float32Array;
  logits.dispose();
  return values;
}

/** Give every B random values (as if trained), so the adapter changes the output. */
function randomizeB(adapter: LoraAdapter, seed: number, std = 0.5): void {
  const rng = createRng(seed);
  for (const [name, v] of adapter.params) {
    if (!name.endsWith('lora_B')) continue;
    const values = Float32Array.from({ length: v.size }, () => rng.normal() * std);
    tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
  }
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A learnable stream (same shape as train.test.ts's). */
function patternStream(n: number, vocab: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 0 : (i * 3) % vocab));
}

describe('LoRA adapter', () => {
  let before = 0;
  beforeAll(() => {
    before = tf.memory().numTensors;
  });
  afterAll(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it('changes nothing while untrained (B = 0), on all four linears', async () => {
    const model = tinyModel();
    const adapter = new LoraAdapter(model.config, ALL);
    expect(adapter.linears).toEqual(['h.0.attn.c_attn', 'h.0.attn.c_proj', 'h.0.mlp.c_fc', 'h.0.mlp.c_proj', 'h.1.attn.c_attn', 'h.1.attn.c_proj', 'h.1.mlp.c_fc', 'h.1.mlp.c_proj']);
    // A is Kaiming-uniform: |A| ≤ 1/√in and not all zero
    const a = (await adapter.params.get('h.0.mlp.c_proj.lora_A')!.data()) as Float32Array;
    expect(Math.max(...a.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(32));
    expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(0);
    const tokens = tokenBatch(2, 8, 11);
    const base = await logitsOf(model, tokens);
    model.setAdapter(adapter);
    expect(await logitsOf(model, tokens)).toEqual(base);
    // …and a non-zero B does change it (the hook is live)
    randomizeB(adapter, 1);
    expect(maxAbsDiff(await logitsOf(model, tokens), base)).toBeGreaterThan(1e-3);
    tokens.dispose();
    adapter.dispose();
    model.dispose();
  });

  it('trains only the adapter: base weights unchanged, optimiser state only for A and B, loss falls over 20 steps', async () => {
    // A base that has learnt one pattern (60 full steps), then adapted to another with LoRA.
    const model = tinyModel({ seed: 3 });
    const pretrain = new Trainer(model, splitTrainVal(patternStream(400, 11)), { steps: 60, batchSize: 4, learningRate: 3e-2, warmupSteps: 2, evalEvery: 0 });
    await pretrain.train();
    // full fine-tuning keeps Adam's m and v for every parameter
    expect(pretrain.optimizerState).toEqual({ tensors: 2 * model.params.size, bytes: 8 * model.numParams });
    pretrain.dispose();
    const baseWeights = await model.weights();
    const adapter = new LoraAdapter(model.config, { r: 2, alpha: 4, targets: ['attn.c_attn', 'mlp.c_fc'], seed: 5 });
    model.setAdapter(adapter);
    const newTask = Int32Array.from({ length: 400 }, (_, i) => (i % 5 === 0 ? 1 : (i * 4) % 11));
    const trainer = new Trainer(model, splitTrainVal(newTask), { steps: 20, batchSize: 4, learningRate: 3e-2, warmupSteps: 2, evalEvery: 0, trainable: adapter.params });
    const metrics = await trainer.train();
    // no gradient reached the base: every base weight is bit-identical
    const after = await model.weights();
    for (const [name, w] of baseWeights) expect(after.get(name), name).toEqual(w);
    // Adam holds m and v for the 8 adapter tensors only: 2 layers × 2 targets × (A, B)
    expect(adapter.params.size).toBe(8);
    expect(trainer.optimizerState).toEqual({ tensors: 16, bytes: 8 * adapter.numParams });
    // adapter params by hand: per layer r·(d + 3d) + r·(d + 4d) = 2·32 + 2·40 = 144
    expect(adapter.numParams).toBe(2 * 144);
    // measured: ≈5.3 → ≈3.1 nats
    const first = (metrics[0].loss + metrics[1].loss) / 2;
    const last = (metrics[18].loss + metrics[19].loss) / 2;
    expect(last).toBeLessThan(first - 1);
    trainer.dispose();
    adapter.dispose();
    model.dispose();
  });

  it('merges into the base with the same logits as the applied adapter, and unmerges to the original weights', async () => {
    const model = tinyModel({ seed: 4 });
    const adapter = new LoraAdapter(model.config, ALL);
    randomizeB(adapter, 2);
    const tokens = tokenBatch(3, 8, 11, 2);
    const original = await model.weights();
    model.setAdapter(adapter);
    const applied = await logitsOf(model, tokens);
    mergeAdapter(model, adapter);
    expect(model.adapter).toBeNull(); // applying it on top of the merge would count it twice
    const merged = await logitsOf(model, tokens);
    expect(maxAbsDiff(merged, applied)).toBeLessThan(1e-5);
    const untouched = tinyModel({ seed: 4 });
    expect(maxAbsDiff(merged, await logitsOf(untouched, tokens))).toBeGreaterThan(1e-3);
    untouched.dispose();
    expect(() => mergeAdapter(model, adapter)).toThrow(/already merged/);
    model.setAdapter(adapter);
    expect(() => model.forward(tokens)).toThrow(/merged into the base weights/);
    model.setAdapter(null);
    unmergeAdapter(model, adapter);
    // W + ΔW − ΔW: at most one float32 rounding of W + ΔW away from W (|W + ΔW| < 4 here → ulp ≤ 2^-22)
    const restored = await model.weights();
    let worst = 0;
    for (const [name, w] of original) worst = Math.max(worst, maxAbsDiff(restored.get(name)!, w));
    expect(worst).toBeLessThanOrEqual(2 ** -22);
    expect(maxAbsDiff(await logitsOf(model, tokens), merged)).toBeGreaterThan(1e-3);
    tokens.dispose();
    adapter.dispose();
    model.dispose();
  });

  it('holds two adapters and switches between them without reloading the base', async () => {
    const model = tinyModel({ seed: 6 });
    const first = new LoraAdapter(model.config, { ...ALL, seed: 1 });
    const second = new LoraAdapter(model.config, { r: 4, alpha: 4, targets: ['mlp.c_proj'], seed: 2 });
    randomizeB(first, 3);
    randomizeB(second, 4);
    const tokens = tokenBatch(2, 8, 11, 5);
    const base = await logitsOf(model, tokens);
    model.setAdapter(first);
    const withFirst = await logitsOf(model, tokens);
    model.setAdapter(second);
    const withSecond = await logitsOf(model, tokens);
    expect(maxAbsDiff(withFirst, withSecond)).toBeGreaterThan(1e-3);
    expect(maxAbsDiff(withFirst, base)).toBeGreaterThan(1e-3);
    model.setAdapter(first);
    expect(await logitsOf(model, tokens)).toEqual(withFirst);
    model.setAdapter(null);
    expect(await logitsOf(model, tokens)).toEqual(base);
    tokens.dispose();
    first.dispose();
    second.dispose();
    model.dispose();
  });

  it('saves adapter.json + adapter.bin naming the base hash, loads back, and refuses another base', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lora-'));
    const model = tinyModel({ seed: 7 });
    const adapter = new LoraAdapter(model.config, { r: 3, alpha: 6, targets: ['attn.c_attn', 'attn.c_proj'], seed: 9 });
    randomizeB(adapter, 5);
    const json = await saveAdapter(dir, model, adapter, { steps: 0 });
    // the hash is SHA-256 of the weights.bin this base saves to
    const bin = serializeCheckpoint(model.config, await model.weights(), { kind: 'char', chars: ['a'] }).weights;
    expect(json.base.sha256).toBe(createHash('sha256').update(bin).digest('hex'));
    expect(json.base.sha256).toBe(await modelHash(model));
    expect(json.weightsByteLength).toBe(4 * adapter.numParams);
    const tokens = tokenBatch(2, 8, 11, 1);
    model.setAdapter(adapter);
    const expected = await logitsOf(model, tokens);
    model.setAdapter(null);
    const loaded = await loadAdapter(dir, model);
    expect(loaded.config).toEqual(adapter.config);
    model.setAdapter(loaded);
    expect(await logitsOf(model, tokens)).toEqual(expected);
    model.setAdapter(null);

    const other = tinyModel({ seed: 8 }); // same shape, other weights
    const otherHash = await modelHash(other);
    await expect(loadAdapter(dir, other)).rejects.toThrow(
      `adapter was trained on base checkpoint sha256 ${json.base.sha256}, but this model's weights hash to ${otherHash}`,
    );
    await expect(loadAdapter(join(dir, 'missing'), model)).rejects.toThrow(/cannot read adapter in/);
    tokens.dispose();
    [adapter, loaded].forEach((a) => a.dispose());
    [model, other].forEach((m) => m.dispose());
    await rm(dir, { recursive: true });
  });

  it('applies dropout to the adapter input only while training', async () => {
    const model = tinyModel({ seed: 9 });
    const adapter = new LoraAdapter(model.config, { ...ALL, dropout: 0.5 });
    randomizeB(adapter, 6);
    const tokens = tokenBatch(2, 8, 11, 3);
    model.setAdapter(adapter);
    const evalLogits = await logitsOf(model, tokens);
    const noDropout = new LoraAdapter(model.config, { ...ALL, dropout: 0 });
    for (const [name, v] of adapter.params) noDropout.params.get(name)!.assign(v);
    model.setAdapter(noDropout);
    expect(await logitsOf(model, tokens)).toEqual(evalLogits); // inference ignores dropout
    model.setAdapter(adapter);
    const { logits } = model.forward(tokens, { training: true, rng: createRng(1) });
    expect(maxAbsDiff((await logits.data()) as Float32Array, evalLogits)).toBeGreaterThan(1e-3);
    logits.dispose();
    expect(() => model.forward(tokens, { training: true })).toThrow('LoRA dropout while training needs opts.rng');
    tokens.dispose();
    [adapter, noDropout].forEach((a) => a.dispose());
    model.dispose();
  });

  it('rejects bad configs, naming the value', () => {
    const config = validateConfig({ vocabSize: 11, contextLength: 8, nLayer: 2, nHead: 2, dModel: 8 });
    expect(() => new LoraAdapter(config, { r: 0 })).toThrow('invalid LoRA config: r = 0');
    expect(() => new LoraAdapter(config, { targets: ['attn.q' as never] })).toThrow(/target "attn.q" is not one of/);
    expect(() => new LoraAdapter(config, { dropout: 1 })).toThrow(/dropout = 1/);
  });
});

describe('LoRA budget', () => {
  it('counts trainable parameters and Adam bytes vs full fine-tuning on the reference config (vocab 65, 4 layers, d 128)', () => {
    const cfg = validateConfig({ vocabSize: 65, contextLength: 64, nLayer: 4, nHead: 4, dModel: 128 });
    const full = countParams(cfg);
    const d = 128;
    // r·(in + out) per linear: c_attn d + 3d, attn c_proj 2d, c_fc d + 4d, mlp c_proj 4d + d → 16d over all four
    for (const r of [4, 16]) {
      const qv = loraBudget(cfg, { r, alpha: 2 * r, dropout: 0, targets: ['attn.c_attn'], seed: 0 }, full);
      expect(qv.trainableParams).toBe(4 * r * 4 * d);
      const all = loraBudget(cfg, { r, alpha: 2 * r, dropout: 0, targets: [...LORA_TARGETS], seed: 0 }, full);
      expect(all.trainableParams).toBe(4 * r * 16 * d);
      expect(all.optimizerBytes).toBe(8 * all.trainableParams);
      expect(all.fullOptimizerBytes).toBe(8 * full);
      expect(all.paramRatio).toBeCloseTo((4 * r * 16 * d) / full, 12);
    }
    expect(full).toBe(809_856); // 65·128 + 64·128 + 4·(12d² + 13d) + 2d
  });

  it('hashes like node:crypto (pure SHA-256 shared by Node and the browser)', () => {
    for (const n of [0, 3, 55, 56, 64, 119, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 255);
      expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
    expect(checkpointHash(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
