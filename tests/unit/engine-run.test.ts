// The engine's message handler, driven in Node exactly as the worker drives it: init → train →
// save → load → sample. The browser test does the same through a real Worker.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '@/lib/engine/engine';
import type { EngineCommand, EngineEvent } from '@/lib/engine/protocol';

function harness() {
  const events: EngineEvent[] = [];
  const waiters: { test: (e: EngineEvent) => boolean; resolve: (e: EngineEvent) => void }[] = [];
  const handle = createEngine((event) => {
    events.push(event);
    for (const w of waiters.splice(0)) if (w.test(event)) w.resolve(event); else waiters.push(w);
  });
  const next = <T extends EngineEvent['type']>(type: T) =>
    new Promise<Extract<EngineEvent, { type: T }>>((resolve, reject) =>
      waiters.push({ test: (e) => e.type === type || e.type === 'error', resolve: (e) => (e.type === 'error' && type !== 'error' ? reject(new Error(e.message)) : resolve(e as Extract<EngineEvent, { type: T }>)) }),
    );
  return { events, next, send: (cmd: EngineCommand) => handle(cmd) };
}

const TEXT = 'to be or not to be, that is the question. '.repeat(60);

describe('engine (worker half) in Node', () => {
  it('trains, saves, loads back and samples the same text for the same seed', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    expect((await engine.next('ready')).report.backend).toBe('cpu');
    const tensorsBefore = tf.memory().numTensors;
    engine.send({
      type: 'train',
      runId: 1,
      corpus: { kind: 'text', text: TEXT, name: 'test' },
      tokenizer: { kind: 'char' },
      model: { nLayer: 1, nHead: 2, dModel: 16, contextLength: 16, seed: 3 },
      train: { steps: 30, batchSize: 8, learningRate: 1e-2, warmupSteps: 3, weightDecay: 0.1, seed: 1, evalEvery: 10, sampleEvery: 15, sampleTokens: 20 },
      start: { kind: 'scratch' },
    });
    const done = await engine.next('done');
    expect(done).toMatchObject({ reason: 'finished', steps: 30 });
    const losses = engine.events.flatMap((e) => (e.type === 'metrics' ? [e.metrics.loss] : []));
    expect(losses).toHaveLength(30);
    expect(losses[29]).toBeLessThan(losses[0] * 0.7);
    expect(engine.events.filter((e) => e.type === 'sample')).toHaveLength(2);
    const progress = engine.events.filter((e) => e.type === 'progress' && e.phase === 'train');
    expect(progress.at(-1)).toMatchObject({ done: 30, total: 30, etaMs: 0 });

    engine.send({ type: 'sample', prompt: 'to ', tokens: 30, temperature: 0.8, seed: 42 });
    const before = await engine.next('sample');
    engine.send({ type: 'save' });
    const saved = await engine.next('checkpoint');
    const weights = saved.weights.slice(0);
    engine.send({ type: 'load', modelJson: saved.modelJson, weights });
    const loaded = await engine.next('loaded');
    expect(loaded.summary.trainedSteps).toBe(30);
    engine.send({ type: 'sample', prompt: 'to ', tokens: 30, temperature: 0.8, seed: 42 });
    const after = await engine.next('sample');
    expect(after.text).toBe(before.text);
    // Only the one live model's variables remain (the trainer's Adam states were freed).
    expect(tf.memory().numTensors - tensorsBefore).toBe(JSON.parse(saved.modelJson).tensors.length);

    // Fine-tune the loaded model: it starts where the first run ended, far below a fresh model.
    engine.events.length = 0;
    engine.send({
      type: 'train',
      runId: 3,
      corpus: { kind: 'text', text: TEXT, name: 'test' },
      tokenizer: { kind: 'char' },
      model: { nLayer: 1, nHead: 2, dModel: 16, contextLength: 16, seed: 3 },
      train: { steps: 3, batchSize: 8, learningRate: 1e-3, warmupSteps: 0, weightDecay: 0, seed: 5, evalEvery: 0, sampleEvery: 0, sampleTokens: 0 },
      start: { kind: 'loaded' },
    });
    await engine.next('done');
    const resumed = engine.events.flatMap((e) => (e.type === 'metrics' ? [e.metrics.loss] : []));
    expect(resumed[0]).toBeLessThan(losses[0] * 0.8);
    const summary = engine.events.find((e) => e.type === 'model');
    expect(summary).toMatchObject({ summary: { trainedSteps: 30 } });
  });

  it('trains with a byte-level BPE tokenizer learned in the engine', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    await engine.next('ready');
    engine.send({
      type: 'train',
      runId: 4,
      corpus: { kind: 'text', text: TEXT, name: 'test' },
      tokenizer: { kind: 'bpe', vocabSize: 280 },
      model: { nLayer: 1, nHead: 2, dModel: 16, contextLength: 8, seed: 1 },
      train: { steps: 2, batchSize: 4, learningRate: 1e-3, warmupSteps: 0, weightDecay: 0, seed: 0, evalEvery: 0, sampleEvery: 2, sampleTokens: 5 },
      start: { kind: 'scratch' },
    });
    await engine.next('done');
    const model = engine.events.find((e) => e.type === 'model');
    expect(model).toMatchObject({ summary: { tokenizer: 'bpe' } });
    // The repeated sentence is learned into merges: vocabulary grew past the 256 bytes.
    expect((model as Extract<EngineEvent, { type: 'model' }>).summary.vocabSize).toBeGreaterThan(256);
    expect(engine.events.some((e) => e.type === 'progress' && e.phase === 'tokenizer')).toBe(true);
  });

  it('refuses bad input and oversized runs with a code and a message naming the problem', async () => {
    const engine = harness();
    engine.send({ type: 'init', backend: 'cpu' });
    await engine.next('ready');
    const base = {
      type: 'train' as const,
      runId: 2,
      corpus: { kind: 'text' as const, text: TEXT, name: 'test' },
      tokenizer: { kind: 'char' as const },
      train: { steps: 2, batchSize: 4, learningRate: 1e-3, warmupSteps: 0, weightDecay: 0, seed: 0, evalEvery: 0, sampleEvery: 0, sampleTokens: 0 },
      start: { kind: 'scratch' as const },
    };
    engine.send({ ...base, model: { nLayer: 1, nHead: 3, dModel: 16, contextLength: 8, seed: 0 } });
    const bad = await engine.next('error');
    expect(bad.code).toBe('bad-input');
    expect(bad.message).toMatch(/dModel = 16 is not divisible by nHead = 3/);
    engine.send({ ...base, model: { nLayer: 8, nHead: 8, dModel: 512, contextLength: 256, seed: 0 }, corpus: { kind: 'text', text: TEXT.repeat(3), name: 'test' }, train: { ...base.train, batchSize: 64 } });
    const big = await engine.next('error');
    expect(big.code).toBe('too-big');
    expect(big.message).toMatch(/needs about [\d.]+ GB .* allows/);
    engine.send({ ...base, model: { nLayer: 1, nHead: 2, dModel: 16, contextLength: 8, seed: 0 }, corpus: { kind: 'text', text: 'x'.repeat(2_000_001), name: 'pasted' } });
    const long = await engine.next('error');
    expect(long).toMatchObject({ code: 'bad-input' });
    expect(long.message).toMatch(/2\.0 MB; the limit is 2\.0 MB/);
  });
});
