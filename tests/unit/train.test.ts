import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { learningRateAt } from '@/lib/train/schedule';
import { splitTrainVal } from '@/lib/train/data';
import { DivergenceError, Trainer } from '@/lib/train/trainer';
import { tinyModel, tokenBatch, selectBackend } from './helpers';

beforeAll(() => selectBackend('cpu'));

/** A learnable stream: a repeating pattern with some structure. */
function patternStream(n: number, vocab: number): Int32Array {
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = (i % 7 === 0 ? 0 : (i * 3) % vocab);
  return ids;
}

describe('learning-rate schedule', () => {
  it('warms up linearly, then decays by cosine to the floor', () => {
    const o = { learningRate: 1e-3, minLearningRate: 1e-4, warmupSteps: 10, steps: 110 };
    expect(learningRateAt(1, o)).toBeCloseTo(1e-4, 12);
    expect(learningRateAt(5, o)).toBeCloseTo(5e-4, 12);
    expect(learningRateAt(10, o)).toBeCloseTo(1e-3, 12);
    expect(learningRateAt(60, o)).toBeCloseTo(5.5e-4, 12); // half-way down the cosine
    expect(learningRateAt(110, o)).toBeCloseTo(1e-4, 12);
  });
});

describe('Trainer', () => {
  it('overfits one fixed batch to loss < 0.05', async () => {
    const model = tinyModel({ seed: 7, dModel: 16, nHead: 2 });
    // One stream exactly one window long → every batch is the same window.
    const stream = patternStream(9, 11);
    const trainer = new Trainer(model, { train: stream, val: stream }, {
      steps: 300, batchSize: 2, learningRate: 1e-2, warmupSteps: 10, weightDecay: 0, evalEvery: 0,
    });
    const metrics = await trainer.train();
    expect(metrics[0].loss).toBeGreaterThan(2);
    expect(metrics.at(-1)!.loss).toBeLessThan(0.05);
    trainer.dispose();
    model.dispose();
  });

  it('leaks no tensors: numTensors after 200 steps equals the count after step 1', async () => {
    const model = tinyModel({ seed: 8 });
    const trainer = new Trainer(model, splitTrainVal(patternStream(400, 11)), {
      steps: 200, batchSize: 2, gradAccumSteps: 2, evalEvery: 50, evalWindows: 3,
    });
    let afterFirst = -1;
    let evaluated = 0;
    await trainer.train((m) => {
      if (m.step === 1) afterFirst = tf.memory().numTensors;
      if (m.valLoss !== undefined) evaluated++;
    });
    expect(evaluated).toBe(4);
    expect(trainer.step).toBe(200);
    expect(tf.memory().numTensors).toBe(afterFirst);
    trainer.dispose();
    model.dispose();
  });

  it('reports per-step metrics and validation loss on the fixed windows', async () => {
    const model = tinyModel({ seed: 8 });
    const trainer = new Trainer(model, splitTrainVal(patternStream(400, 11)), {
      steps: 6, batchSize: 4, warmupSteps: 2, evalEvery: 3, evalWindows: 5,
    });
    const metrics = await trainer.train();
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(metrics.map((m) => m.valLoss !== undefined)).toEqual([false, false, true, false, false, true]);
    for (const m of metrics) {
      expect(m.lr).toBeGreaterThan(0);
      expect(m.gradNorm).toBeGreaterThan(0);
      expect(m.msPerStep).toBeGreaterThan(0);
      expect(m.tokensPerSec).toBeCloseTo((4 * 8 * 1000) / m.msPerStep, 6);
    }
    // evaluate() is deterministic: the same windows every time
    expect(await trainer.evaluate()).toBe(await trainer.evaluate());
    trainer.dispose();
    model.dispose();
  });

  it('gives the same first 10 losses and weights for the same seed', async () => {
    const run = async () => {
      const model = tinyModel({ seed: 11 });
      const trainer = new Trainer(model, splitTrainVal(patternStream(300, 11)), { steps: 10, batchSize: 3, evalEvery: 0, seed: 4 });
      const losses = (await trainer.train()).map((m) => m.loss);
      const weights = await model.weights();
      trainer.dispose();
      model.dispose();
      return { losses, weights };
    };
    const a = await run();
    const b = await run();
    expect(b.losses).toEqual(a.losses);
    for (const [name, w] of a.weights) expect(b.weights.get(name)).toEqual(w);
  });

  it('stops with a divergence error on an absurd learning rate and keeps the weights from before the bad step', async () => {
    const model = tinyModel({ seed: 12 });
    const trainer = new Trainer(model, splitTrainVal(patternStream(300, 11)), {
      steps: 50, batchSize: 4, learningRate: 1e6, warmupSteps: 0, gradClip: 0, evalEvery: 0,
    });
    const seen: number[] = [];
    let before: Map<string, Float32Array> | null = null;
    let error: unknown;
    try {
      for await (const m of trainer.run()) {
        seen.push(m.step);
        before = await model.weights();
      }
    } catch (e) {
      error = e;
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(DivergenceError);
    const err = error as DivergenceError;
    expect(err.message).toMatch(new RegExp(`^diverged at step ${seen.length + 1} \\(loss .*, lr .*\\) — lower the learning rate`));
    expect(err.step).toBe(seen.length + 1);
    expect(trainer.step).toBe(seen.length);
    if (before) {
      const after = await model.weights();
      for (const [name, w] of before) expect(after.get(name)).toEqual(w);
    }
    trainer.dispose();
    model.dispose();
  });

  it('pauses, resumes and cancels between steps', async () => {
    const model = tinyModel({ seed: 13 });
    const trainer = new Trainer(model, splitTrainVal(patternStream(300, 11)), { steps: 100, batchSize: 2, evalEvery: 0 });
    const steps: number[] = [];
    const done = trainer.train((m) => {
      steps.push(m.step);
      if (m.step === 3) trainer.pause();
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(trainer.isPaused).toBe(true);
    expect(steps).toEqual([1, 2, 3]); // nothing ran while paused
    trainer.resume();
    while (steps.length < 6) await new Promise((r) => setTimeout(r, 5));
    trainer.cancel();
    await done;
    const stoppedAt = steps.length;
    expect(stoppedAt).toBeLessThan(100);
    expect(trainer.step).toBe(stoppedAt);
    expect(steps).toEqual(Array.from({ length: stoppedAt }, (_, i) => i + 1));
    trainer.dispose();
    model.dispose();
  });

  it('cancels a paused run', async () => {
    const model = tinyModel({ seed: 14 });
    const trainer = new Trainer(model, splitTrainVal(patternStream(300, 11)), { steps: 100, batchSize: 2, evalEvery: 0 });
    trainer.pause();
    const done = trainer.train();
    await new Promise((r) => setTimeout(r, 50));
    trainer.cancel();
    expect(await done).toEqual([]);
    trainer.dispose();
    model.dispose();
  });

  it('with gradient accumulation, k micro-batches of B equal one batch of k·B', async () => {
    // Same windows either way: accumulation averages gradients, exactly like a bigger batch.
    const stream = patternStream(300, 11);
    const lossesFor = async (batchSize: number, gradAccumSteps: number) => {
      const model = tinyModel({ seed: 15 });
      const trainer = new Trainer(model, splitTrainVal(stream), { steps: 3, batchSize, gradAccumSteps, evalEvery: 0, seed: 3 });
      const m = await trainer.train();
      const w = await model.weights();
      trainer.dispose();
      model.dispose();
      return { losses: m.map((x) => x.loss), norms: m.map((x) => x.gradNorm), w };
    };
    const big = await lossesFor(4, 1);
    const accum = await lossesFor(2, 2);
    big.losses.forEach((l, i) => expect(accum.losses[i]).toBeCloseTo(l, 5));
    big.norms.forEach((n, i) => expect(accum.norms[i]).toBeCloseTo(n, 5));
  });

  it('rejects bad options naming the option', () => {
    const model = tinyModel();
    const data = splitTrainVal(patternStream(300, 11));
    expect(() => new Trainer(model, data, { batchSize: 0 })).toThrow(/batchSize = 0/);
    expect(() => new Trainer(model, data, { beta2: 1 })).toThrow(/beta2 = 1/);
    expect(() => new Trainer(model, { train: new Int32Array(5), val: data.val })).toThrow(/train split has 5 tokens/);
    model.dispose();
    tokenBatch(1, 1, 1).dispose();
  });
});

describe('evaluation helpers', () => {
  it('unigramEntropy is ln k for k equally frequent tokens and 0 for one token', async () => {
    const { unigramEntropy } = await import('@/lib/train/evaluate');
    expect(unigramEntropy([0, 1, 2, 3, 0, 1, 2, 3])).toBeCloseTo(Math.log(4), 12);
    expect(unigramEntropy([5, 5, 5])).toBe(0);
    expect(unigramEntropy([0, 0, 0, 1])).toBeCloseTo(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)), 12);
  });

  it('evaluateStream averages the loss over every non-overlapping window of the stream', async () => {
    const { evaluateStream } = await import('@/lib/train/evaluate');
    const model = tinyModel({ seed: 16 });
    const stream = patternStream(8 * 5 + 3, 11); // 5 whole windows of 8 (+1 target each), tail dropped
    const { loss, tokens } = await evaluateStream(model, stream, 2);
    expect(tokens).toBe(40);
    let sum = 0;
    for (let w = 0; w < 5; w++) {
      const x = tf.tensor2d([Array.from(stream.subarray(w * 8, w * 8 + 8))], undefined, 'int32');
      const y = tf.tensor2d([Array.from(stream.subarray(w * 8 + 1, w * 8 + 9))], undefined, 'int32');
      const l = model.loss(x, y);
      sum += (await l.data())[0];
      tf.dispose([x, y, l]);
    }
    expect(loss).toBeCloseTo(sum / 5, 5);
    model.dispose();
  });
});
