// The engine's `continue` command, driven in Node as the worker drives it: a run at learning
// rate 1 diverges, the error says where it can go on from, and `continue` at a tenth of the rate
// redoes the step whose update blew up and trains on to the end with finite losses — the same
// run, its trainer kept, no step counted twice.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '@/lib/engine/engine';
import type { EngineCommand, EngineEvent } from '@/lib/engine/protocol';

function harness() {
  const events: EngineEvent[] = [];
  const waiters: { type: EngineEvent['type']; resolve: (e: EngineEvent) => void }[] = [];
  const handle = createEngine((event) => {
    events.push(event);
    for (const w of waiters.splice(0)) if (w.type === event.type) w.resolve(event); else waiters.push(w);
  });
  /** The next event of this type, failing on an error event when waiting for something else. */
  const next = <T extends EngineEvent['type']>(type: T) =>
    new Promise<Extract<EngineEvent, { type: T }>>((resolve, reject) => {
      waiters.push({ type, resolve: (e) => resolve(e as Extract<EngineEvent, { type: T }>) });
      if (type !== 'error') waiters.push({ type: 'error', resolve: (e) => reject(new Error((e as { message: string }).message)) });
    });
  return { events, next, send: (cmd: EngineCommand) => handle(cmd) };
}

const TEXT = 'to be or not to be, that is the question. whether tis nobler in the mind to suffer. '.repeat(40);
const MODEL = { nLayer: 1, nHead: 4, dModel: 32, contextLength: 16, seed: 0 };
const train = (runId: number, learningRate: number, steps = 12): EngineCommand => ({
  type: 'train',
  runId,
  corpus: { kind: 'text', text: TEXT, name: 'test' },
  tokenizer: { kind: 'char' },
  model: MODEL,
  train: { steps, batchSize: 8, learningRate, warmupSteps: 0, weightDecay: 0.1, seed: 0, evalEvery: 0, sampleEvery: 0, sampleTokens: 0 },
  start: { kind: 'scratch' },
});
const metricsOf = (events: EngineEvent[]) => events.flatMap((e) => (e.type === 'metrics' ? [e.metrics] : []));

describe('engine: continue after a divergence', () => {
  it('continues the diverged run at a lower rate from step N − 1 to the end, with finite losses and no tensors left over', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    await engine.next('ready');
    const before = tf.memory().numTensors;

    engine.send(train(1, 1));
    const error = await engine.next('error');
    expect(error.code).toBe('diverged');
    const N = Number(/diverged at step (\d+)/.exec(error.message)?.[1]);
    expect(N).toBeGreaterThan(1);
    expect(error.resume).toEqual({ divergedStep: N, fromStep: N - 1, peakLearningRate: 1 });
    const first = metricsOf(engine.events);
    expect(first.map((m) => m.step)).toEqual(Array.from({ length: N - 1 }, (_, i) => i + 1));

    // Retrying step N alone cannot help (its loss is measured on the weights step N − 1 made):
    // continue redoes step N − 1 on the weights before it, at lr 0.1.
    engine.events.length = 0;
    engine.send({ type: 'continue', runId: 1, learningRate: 0.1 });
    const done = await engine.next('done');
    expect(done).toMatchObject({ runId: 1, reason: 'finished', steps: 12 });
    const resumed = metricsOf(engine.events);
    expect(resumed.map((m) => m.step)).toEqual(Array.from({ length: 12 - (N - 2) }, (_, i) => N - 1 + i));
    // Step N − 1 again: same weights and same batch (RNGs rewound), so the same loss, bit for bit;
    // only its update differs, now at the lower rate.
    expect(resumed[0].loss).toBe(first[N - 2].loss);
    expect(resumed[0].lr).toBeLessThanOrEqual(0.1);
    for (const m of resumed) expect(Number.isFinite(m.loss), `loss at step ${m.step}`).toBe(true);
    expect(resumed.at(-1)!.loss).toBeLessThan(resumed[0].loss);
    const status = engine.events.find((e) => e.type === 'progress');
    expect(status).toMatchObject({ phase: 'train', done: N - 2, message: `continuing from step ${N - 1} at learning rate 0.1` });
    // Only the model's own variables remain: the trainer, its Adam state and the kept state are freed.
    engine.send({ type: 'save' });
    const saved = await engine.next('checkpoint');
    expect(tf.memory().numTensors - before).toBe(JSON.parse(saved.modelJson).tensors.length);
    expect(JSON.parse(saved.modelJson).training.steps).toBe(12);
  });

  it('refuses a continue with no kept run, for another run, or with a bad learning rate, naming what is wrong', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    await engine.next('ready');
    engine.send({ type: 'continue', runId: 7, learningRate: 0.1 });
    expect(await engine.next('error')).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^run 7 has no kept state to continue from/) });

    engine.send(train(8, 1));
    const diverged = await engine.next('error');
    expect(diverged.code).toBe('diverged');
    engine.send({ type: 'continue', runId: 8, learningRate: 0 });
    expect(await engine.next('error')).toMatchObject({ code: 'bad-input', message: 'continue: learningRate = 0 — must be a finite number > 0' });
    engine.send({ type: 'continue', runId: 9, learningRate: 0.1 });
    expect(await engine.next('error')).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^run 9 has no kept state/) });

    // A new run replaces the kept one: the old run cannot be continued any more.
    engine.send(train(10, 1e-3, 2));
    await engine.next('done');
    engine.send({ type: 'continue', runId: 8, learningRate: 0.1 });
    expect(await engine.next('error')).toMatchObject({ code: 'bad-input', message: expect.stringMatching(/^run 8 has no kept state/) });
  });
});
