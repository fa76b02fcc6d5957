// The engine's `lora/*` commands in Node, driven as the worker drives them: open a checkpoint,
// train an adapter beside full fine-tuning, switch off / on / merged, read ΔW's singular values,
// save and load the adapter, and refuse it on another base — with no tensor left behind.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '@/lib/engine/engine';
import type { EngineEvent } from '@/lib/engine/protocol';
import type { LoraSampleRequest } from '@/lib/engine/features/lora/protocol';
import { validateConfig } from '@/lib/model/config';
import { serializeCheckpoint } from '@/lib/model/checkpoint';
import { GPT } from '@/lib/model/gpt';
import { CharTokenizer } from '@/lib/tokenizer/char';

const TEXT = 'the cat sat on the mat. the dog sat on the log. '.repeat(24);
const SAMPLE: LoraSampleRequest = { prompt: 'the ', tokens: 24, temperature: 0.8, seed: 5 };
const tokenizer = CharTokenizer.fromText(TEXT);
const config = validateConfig({ vocabSize: tokenizer.vocabSize, contextLength: 16, nLayer: 2, nHead: 2, dModel: 16, seed: 1 });

type Of<T extends EngineEvent['type']> = Extract<EngineEvent, { type: T }>;

/** The engine with its events in order; `next(type)` takes the next one of that type not yet taken (an error before it rejects). */
function harness() {
  const events: EngineEvent[] = [];
  let cursor = 0;
  let wake: (() => void) | null = null;
  const send = createEngine((event) => {
    events.push(event);
    wake?.();
  });
  const next = async <T extends EngineEvent['type']>(type: T): Promise<Of<T>> => {
    for (;;) {
      while (cursor < events.length) {
        const event = events[cursor++];
        if (event.type === type) return event as Of<T>;
        if (event.type === 'error' && type !== 'error') throw new Error(event.message);
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
  return { events, send, next };
}

let realFetch: typeof fetch;
beforeAll(async () => {
  await tf.setBackend('cpu');
  // Two checkpoints of the same shape (different seeds, so different weights and hashes).
  const files = new Map<string, Response | (() => Response)>();
  for (const [name, seed] of [['a', 1], ['b', 2]] as const) {
    const model = new GPT({ ...config, seed });
    // A pretrained model's token embeddings are far from GPT-2's init (std 0.02); with the head
    // tied to a frozen wte that small, no adapter could make a confident prediction.
    const weights = await model.weights();
    weights.set('wte', weights.get('wte')!.map((v) => v * 10));
    const saved = serializeCheckpoint({ ...config, seed }, weights, tokenizer.toJSON());
    model.dispose();
    files.set(`http://book.test/ck/${name}/model.json`, () => new Response(JSON.stringify(saved.json)));
    files.set(`http://book.test/ck/${name}/weights.bin`, () => new Response(saved.weights.slice()));
  }
  realFetch = globalThis.fetch;
  globalThis.fetch = (async (url: string | URL) => {
    const make = files.get(String(url));
    return typeof make === 'function' ? make() : new Response('not found', { status: 404 });
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

describe('lora feature (engine, Node)', () => {
  it('trains LoRA beside full fine-tuning, switches off/on/merged exactly, saves, loads, refuses another base', async () => {
    const { events, send, next } = harness();
    send({ type: 'init', backend: 'cpu' });
    await next('ready');
    send({ type: 'lora/open', checkpointUrl: 'http://book.test/ck/a/', corpus: { kind: 'text', text: TEXT, name: 'cats' }, sample: SAMPLE });
    const opened = await next('lora/opened');
    expect(opened.model.params).toBe(new GPT(config).numParams);
    expect(opened.baseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.before.valLoss).toBeGreaterThan(2); // untrained: near ln(vocab)
    const initial = await next('lora/state');
    expect(initial).toMatchObject({ mode: 'off', adapter: null, full: null });
    expect(initial.sample.text).toBe(opened.before.sample.text);

    const r = 4;
    send({
      type: 'lora/train',
      runId: 7,
      adapter: { r, alpha: 8, dropout: 0, targets: ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'], seed: 0 },
      train: { steps: 12, batchSize: 8, learningRate: 1e-1, fullLearningRate: 1e-2, warmupSteps: 2, seed: 0, evalEvery: 6 },
      full: true,
      sample: SAMPLE,
    });
    const budget = await next('lora/budget');
    const done = await next('lora/done');
    expect(done).toMatchObject({ runId: 7, reason: 'finished', steps: 12 });
    const trained = await next('lora/state');

    // Trainable count: r·(d_in + d_out) per covered linear, all four per block: r·16d per layer.
    const d = config.dModel;
    expect(budget.lora.trainableParams).toBe(config.nLayer * r * ((d + 3 * d) + (d + d) + (d + 4 * d) + (4 * d + d)));
    expect(budget.lora.optimizerBytes).toBe(8 * budget.lora.trainableParams);
    expect(budget.full).toEqual({ trainableParams: opened.model.params, optimizerBytes: 8 * opened.model.params });
    expect(trained.adapter?.trainableParams).toBe(budget.lora.trainableParams);

    const losses = (run: 'lora' | 'full') => events.flatMap((e) => (e.type === 'lora/metrics' && e.run === run ? [e.metrics.loss] : []));
    expect(losses('lora')).toHaveLength(12);
    expect(losses('full')).toHaveLength(12);
    expect(losses('lora')[0]).toBeCloseTo(losses('full')[0], 5); // same batch, same start
    expect(losses('lora')[11]).toBeLessThan(losses('lora')[0] * 0.8);
    expect(trained.mode).toBe('on');
    expect(trained.valLoss).toBeLessThan(opened.before.valLoss);
    expect(trained.full!.valLoss).toBeLessThan(opened.before.valLoss);
    const tensorsTrained = tf.memory().numTensors;

    // Off: exactly the base again (no reload); merged: the same outputs as on.
    send({ type: 'lora/mode', mode: 'off', sample: SAMPLE });
    const off = await next('lora/state');
    expect(off.sample.text).toBe(opened.before.sample.text);
    expect(off.valLoss).toBe(opened.before.valLoss);
    send({ type: 'lora/mode', mode: 'merged', sample: SAMPLE });
    const merged = await next('lora/state');
    expect(merged.sample.text).toBe(trained.sample.text);
    expect(Math.abs(merged.valLoss - trained.valLoss)).toBeLessThan(1e-5);
    send({ type: 'lora/mode', mode: 'off', sample: SAMPLE });
    expect((await next('lora/state')).valLoss).toBe(opened.before.valLoss); // unmerge restores W exactly

    // ΔW of one linear: [in, out], rank ≤ r.
    send({ type: 'lora/delta', linear: 'h.1.mlp.c_fc' });
    const delta = await next('lora/delta');
    expect([delta.rows, delta.cols, delta.values.length]).toEqual([d, 4 * d, d * 4 * d]);
    expect(delta.singularValues).toHaveLength(d);
    expect(delta.singularValues[r - 1] / delta.singularValues[0]).toBeGreaterThan(1e-3);
    for (const s of delta.singularValues.slice(r)) expect(s / delta.singularValues[0]).toBeLessThan(1e-5);

    // Save → load gives the same adapter (same sample); on the other checkpoint it is refused.
    send({ type: 'lora/save' });
    const file = await next('lora/adapter');
    expect(JSON.parse(file.adapterJson).base.sha256).toBe(opened.baseHash);
    expect(file.adapterBin.byteLength).toBe(4 * budget.lora.trainableParams);
    send({ type: 'lora/load', adapterJson: file.adapterJson, adapterBin: file.adapterBin.slice(0), sample: SAMPLE });
    const loaded = await next('lora/state');
    expect(loaded).toMatchObject({ mode: 'on', adapter: { source: 'loaded', r } });
    expect(loaded.sample.text).toBe(trained.sample.text);
    expect(tf.memory().numTensors).toBe(tensorsTrained);

    send({ type: 'lora/open', checkpointUrl: 'http://book.test/ck/b/', corpus: { kind: 'text', text: TEXT, name: 'cats' }, sample: SAMPLE });
    const other = await next('lora/opened');
    expect(other.baseHash).not.toBe(opened.baseHash);
    await next('lora/state');
    send({ type: 'lora/load', adapterJson: file.adapterJson, adapterBin: file.adapterBin.slice(0), sample: SAMPLE });
    const refused = await next('error');
    expect(refused.code).toBe('bad-input');
    expect(refused.message).toContain(`trained on base checkpoint sha256 ${opened.baseHash}`);
  }, 300_000);

  it('names what is wrong: a too-short text, a linear the adapter does not cover', async () => {
    const { send, next } = harness();
    send({ type: 'init', backend: 'cpu' });
    await next('ready');
    send({ type: 'lora/open', checkpointUrl: 'http://book.test/ck/a/', corpus: { kind: 'text', text: 'the cat', name: 'short' }, sample: SAMPLE });
    expect((await next('error')).message).toMatch(/the text has 7 characters the checkpoint knows; fine-tuning needs at least 204/);
    send({ type: 'lora/open', checkpointUrl: 'http://book.test/ck/a/', corpus: { kind: 'text', text: TEXT, name: 'cats' }, sample: SAMPLE });
    await next('lora/state');
    send({ type: 'lora/delta', linear: 'h.0.attn.c_attn' });
    expect((await next('error')).message).toMatch(/there is no adapter yet/);
  });
});
