// The sweep feature driven in Node through the engine's message handler, as the worker drives it:
// one result per model in order, tokens and 6·N·D that match the plan, the same batches and
// validation windows for every model (two identical shapes give identical losses), stop, bad
// plans refused with the field named, and no tensor left behind.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '@/lib/engine/engine';
import { configOf, evalSteps, modelCost, nonEmbeddingParams, type SweepPlan, sweepPlan } from '@/lib/engine/features/sweep/plan';
import type { EngineCommand, EngineEvent } from '@/lib/engine/protocol';
import { countParams } from '@/lib/model/config';

function harness() {
  const events: EngineEvent[] = [];
  const waiters: { test: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }[] = [];
  const handle = createEngine((event) => {
    events.push(event);
    for (const w of waiters.splice(0)) if (w.test(event)) w.resolve(event); else waiters.push(w);
  });
  const next = <T extends EngineEvent['type']>(type: T) =>
    new Promise<Extract<EngineEvent, { type: T }>>((resolve) => waiters.push({ test: (e) => e.type === type, resolve: (e) => resolve(e as Extract<EngineEvent, { type: T }>) }));
  return { events, next, send: (cmd: EngineCommand) => handle(cmd) };
}

const TEXT = 'shall i compare thee to a summer day? thou art more lovely and more temperate. '.repeat(40);
const corpus = { kind: 'text', text: TEXT, name: 'test' } as const;

/** Three small models; the first and last are the same shape, so they must train identically. */
const PLAN: SweepPlan = {
  mode: 'tokens',
  length: 'tiny',
  contextLength: 16,
  batchSize: 8,
  learningRate: 1e-2,
  warmupFraction: 0.1,
  weightDecay: 0.1,
  seed: 3,
  evalWindows: 16,
  evalsPerModel: 3,
  models: [
    { nLayer: 1, nHead: 2, dModel: 8, steps: 12 },
    { nLayer: 1, nHead: 2, dModel: 16, steps: 12 },
    { nLayer: 1, nHead: 2, dModel: 8, steps: 12 },
  ],
};

describe('sweep plan', () => {
  it("counts Kaplan's N without wte and wpe, and gives equal 6·N·D in the equal-compute sweeps", () => {
    const config = configOf({ nLayer: 2, nHead: 4, dModel: 32 }, 32, 62, 0);
    // Per block: 2 LayerNorms (4d) + c_attn (d·3d + 3d) + c_proj (d² + d) + c_fc (d·4d + 4d) + c_proj (4d·d + d); plus ln_f (2d).
    const d = 32;
    expect(nonEmbeddingParams(config)).toBe(2 * (12 * d * d + 13 * d) + 2 * d);
    expect(nonEmbeddingParams(config)).toBe(countParams(config) - 62 * d - 32 * d);
    for (const length of ['tiny', 'quick', 'long'] as const) {
      const plan = sweepPlan('compute', length, 62);
      const computes = plan.models.map((_, i) => modelCost(plan, i, 62).compute);
      for (const c of computes) expect(Math.abs(c / computes[2] - 1)).toBeLessThan(0.03);
      const tokens = sweepPlan('tokens', length, 62);
      expect(new Set(tokens.models.map((m) => m.steps)).size).toBe(1);
      const n = tokens.models.map((_, i) => modelCost(tokens, i, 62).nonEmbeddingParams);
      expect(n.every((v, i) => i === 0 || v > n[i - 1])).toBe(true);
      expect(n[4] / n[0]).toBeGreaterThan(12); // at least a decade to fit a slope across
    }
  });
});

describe('sweep in the engine (Node)', () => {
  it('trains every model once, in order, on the same batches and validation windows, and frees every tensor', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    await engine.next('ready');
    const before = tf.memory().numTensors;
    engine.send({ type: 'sweep/run', runId: 7, corpus, plan: PLAN });
    const done = await engine.next('done');
    expect(engine.events.filter((e) => e.type === 'error')).toEqual([]);
    expect(done).toMatchObject({ runId: 7, reason: 'finished', steps: 36 });
    const results = engine.events.flatMap((e) => (e.type === 'sweep/result' ? [e.result] : []));
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    const vocab = new Set(TEXT).size;
    results.forEach((r, i) => {
      const cost = modelCost(PLAN, i, vocab);
      expect(r.tokens).toBe(12 * 8 * 16);
      expect(r.nonEmbeddingParams).toBe(cost.nonEmbeddingParams);
      expect(r.compute).toBe(6 * r.nonEmbeddingParams * r.tokens);
      expect(r.valLoss).toBeLessThan(Math.log(vocab)); // it learned something
    });
    // Same shape, same seed: same initial weights, same batch order, same windows → same numbers.
    expect(results[2].valLoss).toBe(results[0].valLoss);
    expect(results[2].trainLoss).toBe(results[0].trainLoss);
    // The learning curve: evaluations at the planned steps, the last one equal to the result.
    const evals = engine.events.flatMap((e) => (e.type === 'sweep/eval' && e.index === 1 ? [e] : []));
    expect(evals.map((e) => e.step)).toEqual(evalSteps(PLAN, PLAN.models[1]));
    expect(evals.at(-1)!.valLoss).toBe(results[1].valLoss);
    expect(evals.map((e) => e.compute)).toEqual(evals.map((e) => 6 * results[1].nonEmbeddingParams * e.tokens));
    // One progress bar across the sweep.
    const progress = engine.events.flatMap((e) => (e.type === 'progress' && e.phase === 'train' ? [e] : []));
    expect(progress.at(-1)).toMatchObject({ done: 36, total: 36, message: 'model 3 of 3 · step 12 of 12' });
    expect(progress.at(-1)!.etaMs).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops mid-sweep: no result for the unfinished model, done says stopped, tensors freed', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    await engine.next('ready');
    const before = tf.memory().numTensors;
    engine.send({ type: 'sweep/run', runId: 8, corpus, plan: { ...PLAN, models: PLAN.models.map((m) => ({ ...m, steps: 30 })) } });
    // Stop during the second model.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (engine.events.some((e) => e.type === 'sweep/model' && e.index === 1)) {
          clearInterval(timer);
          engine.send({ type: 'stop' });
          resolve();
        }
      }, 5);
    });
    const done = await engine.next('done');
    expect(done.reason).toBe('stopped');
    expect(done.steps).toBeGreaterThanOrEqual(30);
    expect(done.steps).toBeLessThan(60);
    expect(engine.events.filter((e) => e.type === 'sweep/result')).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
    // The engine is free again: a new sweep may start.
    engine.send({ type: 'sweep/run', runId: 9, corpus, plan: { ...PLAN, models: PLAN.models.slice(0, 2).map((m) => ({ ...m, steps: 2 })) } });
    expect((await engine.next('done')).reason).toBe('finished');
  });

  it('refuses a bad plan with a message naming the field', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    await engine.next('ready');
    engine.send({ type: 'sweep/run', runId: 10, corpus, plan: { ...PLAN, models: [{ nLayer: 1, nHead: 2, dModel: 8, steps: 0 }, PLAN.models[1]] } });
    const error = await engine.next('error');
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(/models\[0\]\.steps = 0/);
    engine.send({ type: 'sweep/run', runId: 11, corpus, plan: { ...PLAN, models: [PLAN.models[0]] } });
    expect((await engine.next('error')).message).toMatch(/1 models — a fit needs 2 to 8/);
  });
});
