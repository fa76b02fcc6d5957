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

  it('leaks no tensors: numTensors after 200 steps equals the count after step 2', async () => {
    const model = tinyModel({ seed: 8 });
    const before = tf.memory().numTensors;
    const trainer = new Trainer(model, splitTrainVal(patternStream(400, 11)), {
      steps: 200, batchSize: 2, gradAccumSteps: 2, evalEvery: 50, evalWindows: 3,
    });
    // Step 2, not 1: the one-step rollback keeps the state from before the last update, and only
    // from step 2 on does that state hold Adam's m and v (they are created by update 1).
    let afterSecond = -1;
    let evaluated = 0;
    await trainer.train((m) => {
      if (m.step === 2) afterSecond = tf.memory().numTensors;
      if (m.valLoss !== undefined) evaluated++;
    });
    expect(evaluated).toBe(4);
    expect(trainer.step).toBe(200);
    expect(tf.memory().numTensors).toBe(afterSecond);
    // Live: Adam m, v per parameter; kept: weights, m, v per parameter.
    expect(afterSecond - before).toBe(5 * model.params.size);
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
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

  /** Weights and Adam state (step count, m, v) as plain arrays, to compare states exactly. */
  async function stateOf(trainer: Trainer): Promise<{ weights: Map<string, Float32Array>; updates: number; m: Map<string, Float32Array>; v: Map<string, Float32Array> }> {
    const snap = await trainer.optimizerSnapshot();
    return { weights: await trainer.model.weights(), updates: snap.updates, m: snap.m, v: snap.v };
  }

  it('stops at a gradient norm above maxGradNorm at step N, keeps the state after step N − 1 and continues after retune()', async () => {
    // Reference run at a sane learning rate: its gradient norms tell where to put the threshold.
    const opts = { steps: 12, batchSize: 4, learningRate: 3e-2, warmupSteps: 4, evalEvery: 0, seed: 1 };
    const stream = patternStream(300, 11);
    const refModel = tinyModel({ seed: 1 });
    const refTrainer = new Trainer(refModel, splitTrainVal(stream), opts);
    const reference = await refTrainer.train();
    refTrainer.dispose();
    refModel.dispose();
    // N = the first step whose norm exceeds every earlier one; the threshold sits half-way.
    const norms = reference.map((m) => m.gradNorm);
    const N = norms.findIndex((n, i) => i > 0 && n > Math.max(...norms.slice(0, i))) + 1;
    expect(N).toBeGreaterThan(2); // with this seed: step 8 (1.80 after at most 1.23)
    const maxGradNorm = (Math.max(...norms.slice(0, N - 1)) + norms[N - 1]) / 2;

    const model = tinyModel({ seed: 1 });
    const trainer = new Trainer(model, splitTrainVal(stream), { ...opts, maxGradNorm });
    let kept: Awaited<ReturnType<typeof stateOf>> | null = null;
    const seen: number[] = [];
    let error: unknown;
    try {
      for await (const m of trainer.run()) {
        seen.push(m.step);
        kept = await stateOf(trainer);
      }
    } catch (e) {
      error = e;
    }
    expect(seen).toEqual(Array.from({ length: N - 1 }, (_, i) => i + 1));
    expect(error).toBeInstanceOf(DivergenceError);
    const bad = reference[N - 1];
    expect((error as Error).message).toBe(
      `diverged at step ${N} (loss ${bad.loss}, lr ${bad.lr.toPrecision(3)}, grad norm ${bad.gradNorm.toPrecision(3)}) — lower the learning rate`,
    );
    expect(trainer.step).toBe(N - 1);
    const now = await stateOf(trainer);
    expect(now.updates).toBe(N - 1);
    expect(kept!.updates).toBe(N - 1);
    for (const [name, w] of kept!.weights) expect(now.weights.get(name), `weights ${name}`).toEqual(w);
    for (const [name, m] of kept!.m) expect(now.m.get(name), `m ${name}`).toEqual(m);
    for (const [name, v] of kept!.v) expect(now.v.get(name), `v ${name}`).toEqual(v);

    // Lower the learning rate (and lift the artificial threshold) and go on from step N. The
    // batch RNG was rewound too, so step N sees the reference's batch on the reference's
    // weights: the same gradient norm, bit for bit.
    trainer.retune({ learningRate: 3e-3, maxGradNorm: 1e4 });
    const resumed = await trainer.train();
    expect(resumed.map((m) => m.step)).toEqual(Array.from({ length: opts.steps - N + 1 }, (_, i) => N + i));
    expect(resumed[0].gradNorm).toBe(bad.gradNorm);
    expect(resumed[0].loss).toBe(bad.loss);
    expect(resumed[0].lr).toBeCloseTo(learningRateAt(N, { ...opts, learningRate: 3e-3, minLearningRate: 3e-4 }), 12);
    expect(resumed[0].lr).toBeLessThan(bad.lr / 5);
    for (const m of resumed) expect(Number.isFinite(m.loss)).toBe(true);
    expect(trainer.step).toBe(opts.steps);
    expect((await trainer.optimizerSnapshot()).updates).toBe(opts.steps);
    trainer.dispose();
    model.dispose();
  });

  it('stops on a non-finite loss with the divergence message and keeps the state from before that step', async () => {
    // lr 10 without clipping: step 1 is finite and throws the weights far; step 2's loss is not finite.
    const model = tinyModel({ seed: 12 });
    const opts = { steps: 50, batchSize: 4, learningRate: 10, warmupSteps: 0, gradClip: 0, evalEvery: 0 };
    const trainer = new Trainer(model, splitTrainVal(patternStream(300, 11)), opts);
    let kept: Awaited<ReturnType<typeof stateOf>> | null = null;
    let seen = 0;
    let error: unknown;
    try {
      for await (const m of trainer.run()) {
        seen = m.step;
        expect(Number.isFinite(m.loss)).toBe(true);
        kept = await stateOf(trainer);
      }
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DivergenceError);
    const err = error as DivergenceError;
    const N = seen + 1;
    expect(N).toBeGreaterThan(1);
    expect(Number.isFinite(err.loss)).toBe(false);
    expect(err.message).toMatch(/^diverged at step \d+ \(loss (NaN|Infinity|-Infinity), lr \S+, grad norm \S+\) — lower the learning rate$/);
    expect(err.message).toContain(`diverged at step ${N} (loss ${err.loss}, lr ${learningRateAt(N, { ...opts, minLearningRate: 1 }).toPrecision(3)},`);
    expect(trainer.step).toBe(N - 1);
    const now = await stateOf(trainer);
    expect(now.updates).toBe(N - 1);
    for (const [name, w] of kept!.weights) expect(now.weights.get(name), `weights ${name}`).toEqual(w);
    for (const [name, m] of kept!.m) expect(now.m.get(name), `m ${name}`).toEqual(m);
    for (const [name, v] of kept!.v) expect(now.v.get(name), `v ${name}`).toEqual(v);
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

  it('with gradient accumulation, k micro-batches of B equal one batch of k·B: losses, norms and final weights', async () => {
    // Same windows either way (one batch RNG draws them in the same order): accumulation
    // averages gradients, exactly like a bigger batch, up to float32 summation order.
    const stream = patternStream(300, 11);
    const runWith = async (batchSize: number, gradAccumSteps: number) => {
      const model = tinyModel({ seed: 15 });
      const trainer = new Trainer(model, splitTrainVal(stream), {
        steps: 3, batchSize, gradAccumSteps, evalEvery: 0, seed: 3, learningRate: 1e-2, warmupSteps: 0,
      });
      const m = await trainer.train();
      const w = await model.weights();
      trainer.dispose();
      model.dispose();
      return { losses: m.map((x) => x.loss), norms: m.map((x) => x.gradNorm), w };
    };
    const big = await runWith(4, 1);
    const accum = await runWith(2, 2);
    const half = await runWith(2, 1); // what a broken accumulation (one micro-batch) would give
    big.losses.forEach((l, i) => expect(accum.losses[i]).toBeCloseTo(l, 5));
    big.norms.forEach((n, i) => expect(accum.norms[i]).toBeCloseTo(n, 5));
    // Weights are O(0.01–1) and each of the 3 steps moves every entry by up to lr = 1e-2.
    // Tolerance 1e-6 (absolute, i.e. relative to weights of size ≤ 1): summation order changes
    // gradients by float32 rounding only; Adam then divides by √v, so an entry's error stays
    // ≈ lr·(relative gradient error) ≲ 1e-8 — except where the gradient is itself rounding noise
    // (the key bias of c_attn gets exactly zero gradient in exact arithmetic), where Adam
    // normalises noise into steps of ≈ lr·|g|/eps. Measured: max difference 1.0e-7 (c_attn.bias),
    // 6e-8 elsewhere. A dropped micro-batch differs by ≈ 1e-2 (checked below).
    let worst = 0;
    for (const [name, w] of big.w) {
      const other = accum.w.get(name)!;
      w.forEach((x, i) => {
        worst = Math.max(worst, Math.abs(other[i] - x));
        expect(Math.abs(other[i] - x), `${name}[${i}]`).toBeLessThanOrEqual(1e-6);
      });
    }
    let halfWorst = 0;
    for (const [name, w] of big.w) half.w.get(name)!.forEach((x, i) => (halfWorst = Math.max(halfWorst, Math.abs(x - w[i]))));
    expect(halfWorst).toBeGreaterThan(1e-3);
    expect(worst).toBeLessThan(halfWorst / 1000);
  });

  it('yields to the event loop between evaluation batches, so timers (and worker messages) run during an evaluation', async () => {
    const model = tinyModel({ seed: 17 });
    const trainer = new Trainer(model, splitTrainVal(patternStream(2000, 11)), { batchSize: 4, evalWindows: 64, evalEvery: 10 });
    const batches = 64 / 4;
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await trainer.evaluate();
    running = false;
    // On the cpu backend every await inside evaluate() resolves as a microtask: without a
    // macrotask break per batch the timer would not fire once before evaluate() returns.
    expect(ticks).toBeGreaterThanOrEqual(batches / 2);
    await new Promise((r) => setTimeout(r, 5));
    trainer.dispose();
    model.dispose();
  });

  it('rejects token ids outside the vocabulary, naming the split, the id, its position and vocabSize', () => {
    const model = tinyModel(); // vocabSize 11
    const data = splitTrainVal(patternStream(300, 11));
    const tensorsBefore = tf.memory().numTensors;
    const train = data.train.slice();
    train[123] = 11;
    expect(() => new Trainer(model, { train, val: data.val })).toThrow(
      "train split: token id 11 at position 123 is outside the model's vocabulary (ids 0…10, vocabSize = 11)",
    );
    const val = data.val.slice();
    val[7] = -1;
    expect(() => new Trainer(model, { train: data.train, val }, { evalEvery: 0 })).toThrow(
      "validation split: token id -1 at position 7 is outside the model's vocabulary (ids 0…10, vocabSize = 11)",
    );
    expect(tf.memory().numTensors).toBe(tensorsBefore); // rejected before any optimiser state exists
    model.dispose();
  });

  it('rejects bad options naming the option', () => {
    const model = tinyModel();
    const data = splitTrainVal(patternStream(300, 11));
    expect(() => new Trainer(model, data, { batchSize: 0 })).toThrow(/batchSize = 0/);
    expect(() => new Trainer(model, data, { beta2: 1 })).toThrow(/beta2 = 1/);
    expect(() => new Trainer(model, { train: new Int32Array(5), val: data.val })).toThrow(/train split has 5 tokens/);
    expect(() => new Trainer(model, data, { maxGradNorm: 0 })).toThrow(/maxGradNorm = 0 — must be > 0/);
    const trainer = new Trainer(model, data, { learningRate: 1e-3 });
    expect(() => trainer.retune({ learningRate: -1 })).toThrow(/learningRate = -1/);
    expect(trainer.options.learningRate).toBe(1e-3); // a rejected retune changes nothing
    trainer.retune({ learningRate: 2e-3 });
    expect(trainer.options.minLearningRate).toBe(2e-4);
    trainer.dispose();
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
