// The engine's `attention` command in Node: every layer × head map is a causal softmax (rows sum
// to 1, nothing above the diagonal), it equals GPT.forward's own probabilities, and no tensor leaks.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { attentionMaps } from '@/lib/engine/attention';
import { createEngine } from '@/lib/engine/engine';
import type { EngineEvent } from '@/lib/engine/protocol';
import { validateConfig } from '@/lib/model/config';
import { serializeCheckpoint } from '@/lib/model/checkpoint';
import { GPT } from '@/lib/model/gpt';
import { CharTokenizer } from '@/lib/tokenizer/char';

const TEXT = 'to be or not to be';

describe('attention maps', () => {
  const tokenizer = CharTokenizer.fromText(TEXT);
  const config = validateConfig({ vocabSize: tokenizer.vocabSize, contextLength: 32, nLayer: 2, nHead: 3, dModel: 12, seed: 7 });

  it('are causal softmax rows per layer and head, equal to the model’s own, with no tensor left behind', async () => {
    await tf.setBackend('cpu');
    const model = new GPT(config);
    const before = tf.memory().numTensors;
    const maps = await attentionMaps(model, tokenizer, `${TEXT}✓`); // ✓ is not in the vocabulary: skipped
    expect(tf.memory().numTensors).toBe(before);
    const T = TEXT.length;
    expect(maps.tokens.join('')).toBe(TEXT);
    expect(maps.layers).toHaveLength(2);
    for (const layer of maps.layers) {
      expect(layer.length).toBe(3 * T * T);
      for (let h = 0; h < 3; h++) {
        for (let q = 0; q < T; q++) {
          let sum = 0;
          for (let k = 0; k < T; k++) {
            const p = layer[h * T * T + q * T + k];
            if (k > q) expect(p).toBe(0);
            sum += p;
          }
          expect(sum).toBeCloseTo(1, 5);
        }
      }
    }
    // Position 0 can only attend to itself.
    expect(maps.layers[1][0]).toBeCloseTo(1, 6);
    const reference = tf.tidy(() => model.forward(tf.tensor2d([tokenizer.encode(TEXT)], [1, T], 'int32'), { returnAttention: true }).attention![1].dataSync());
    expect(Array.from(maps.layers[1])).toEqual(Array.from(reference));
    model.dispose();
  });

  it('runs through the engine on the model given by a checkpoint URL, and names a missing model', async () => {
    const events: EngineEvent[] = [];
    let notify = () => {};
    const send = createEngine((e) => {
      events.push(e);
      notify();
    });
    const next = (type: EngineEvent['type']) =>
      new Promise<EngineEvent>((resolve) => {
        notify = () => {
          const hit = events.find((e) => e.type === type || e.type === 'error');
          if (hit) resolve(hit);
        };
        notify();
      });
    send({ type: 'init', backend: 'cpu' });
    await next('ready');
    events.length = 0;
    send({ type: 'attention', text: TEXT });
    const error = await next('error');
    expect(error).toMatchObject({ type: 'error', code: 'bad-input' });
    expect((error as { message: string }).message).toMatch(/no model yet/);

    const model = new GPT(config);
    const saved = serializeCheckpoint(config, await model.weights(), tokenizer.toJSON());
    model.dispose();
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (url: string | URL) => {
      const u = String(url);
      if (u.endsWith('model.json')) return new Response(JSON.stringify(saved.json));
      if (u.endsWith('weights.bin')) return new Response(saved.weights);
      return new Response('not found', { status: 404 });
    }) as typeof fetch;
    try {
      events.length = 0;
      send({ type: 'attention', text: 'not to be', checkpointUrl: 'http://book.test/checkpoints/tiny/' });
      const event = await next('attention');
      expect(event.type).toBe('attention');
      if (event.type !== 'attention') return;
      expect(event.tokens).toEqual([...'not to be']);
      expect(event.nHead).toBe(3);
      expect(event.layers).toHaveLength(2);
      expect(event.layers[0].length).toBe(3 * 9 * 9);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
