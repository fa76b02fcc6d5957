import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, temperatureTopKSampler } from '@/lib/sample/generate';
import { createRng } from '@/lib/sample/rng';
import { tinyModel, selectBackend } from './helpers';

beforeAll(() => selectBackend('cpu'));

describe('generate', () => {
  it('greedy generation follows the argmax of a full forward pass at every step', async () => {
    const model = tinyModel({ seed: 41 });
    const prompt = [1, 2, 3];
    const out = await generate(model, prompt, { maxTokens: 12, sampler: temperatureTopKSampler(0), rng: createRng(0) });
    expect(out).toHaveLength(12);
    // Recompute each step independently (the window slides once past contextLength 8).
    const ids = prompt.slice();
    for (const next of out) {
      const window = ids.slice(-8);
      const logits = tf.tidy(() => model.forward(tf.tensor2d([window], undefined, 'int32')).logits.arraySync()[0].at(-1)!);
      expect(next).toBe(logits.indexOf(Math.max(...logits)));
      ids.push(next);
    }
    model.dispose();
  });

  it('passes the last position logits to an injected sampler, is seeded, and leaks nothing', async () => {
    const model = tinyModel({ seed: 42 });
    const before = tf.memory().numTensors;
    const seen: number[] = [];
    const sampler = (logits: Float32Array) => {
      seen.push(logits.length);
      return 4;
    };
    const stopped: number[] = [];
    const out = await generate(model, [0], { maxTokens: 5, sampler, rng: createRng(1), onToken: (id, i) => { stopped.push(i); return i < 2; } });
    expect(out).toEqual([4, 4, 4]); // onToken returned false after the third token
    expect(seen).toEqual([11, 11, 11]);
    const a = await generate(model, [0, 5], { maxTokens: 20, sampler: temperatureTopKSampler(1.5, 5), rng: createRng(7) });
    const b = await generate(model, [0, 5], { maxTokens: 20, sampler: temperatureTopKSampler(1.5, 5), rng: createRng(7) });
    expect(b).toEqual(a);
    expect(tf.memory().numTensors).toBe(before);
    await expect(generate(model, [], { maxTokens: 1, sampler, rng: createRng(0) })).rejects.toThrow(/prompt is empty/);
    await expect(generate(model, [11], { maxTokens: 1, sampler, rng: createRng(0) })).rejects.toThrow(/prompt id 11 is outside 0…10/);
    model.dispose();
  });

  it('the built-in sampler keeps only the top k and follows the softmax at temperature T', () => {
    const logits = Float32Array.from([0, 2, 1, -1, 2.5]);
    const rng = createRng(3);
    const counts = new Array(5).fill(0);
    const top2 = temperatureTopKSampler(1, 2);
    const n = 20000;
    for (let i = 0; i < n; i++) counts[top2(logits, rng)]++;
    expect(counts[0] + counts[2] + counts[3]).toBe(0);
    const p4 = 1 / (1 + Math.exp(2 - 2.5)); // softmax over {2, 2.5}
    expect(counts[4] / n).toBeCloseTo(p4, 1);
    expect(temperatureTopKSampler(0)(logits, rng)).toBe(4);
    expect(() => temperatureTopKSampler(-1)).toThrow(/temperature = -1/);
  });
});
