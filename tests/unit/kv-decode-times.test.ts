// The KV bench's timing helpers (tests/e2e/support/kv-harness/decode-times.ts): which lengths the
// 'prefill L-8, decode 8' method can reach, the medians it reports, and that both lanes decode the
// same tokens from the same prompt without leaking tensors.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { atLengths, decodeAfterPrompt, decodeTimes, lengthsWithin, median, syntheticPrompt, TOKENS_AFTER_PROMPT } from '@/tests/e2e/support/kv-harness/decode-times';
import { selectBackend, tinyModel } from './helpers';

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('pure helpers', () => {
  it('keeps the lengths that leave a prompt and fit the context', () => {
    expect(lengthsWithin([64, 128, 256], 256)).toEqual([64, 128, 256]);
    expect(lengthsWithin([64, 128, 256], 128)).toEqual([64, 128]);
    expect(lengthsWithin([8, 9, 16], 16)).toEqual([9, 16]); // 8 − 8 = 0 prompt tokens
    expect(lengthsWithin([9, 16], 16, 4)).toEqual([9, 16]);
  });

  it('builds a prompt of valid, varied ids', () => {
    const p = syntheticPrompt(248, 65);
    expect(p).toHaveLength(248);
    expect(Math.min(...p)).toBe(0);
    expect(Math.max(...p)).toBe(64);
    expect(new Set(p).size).toBe(65);
    expect(() => syntheticPrompt(0, 65)).toThrow(/length 0/);
  });

  it('takes medians of odd and even samples', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 100])).toBe(3.5);
  });

  it('reads ms/token at L from the same 8 tokens the prefill method measures', () => {
    // push i makes length i + 2; give push i a cost of i + 2 ms (= the length it made).
    const ms = Array.from({ length: 255 }, (_, i) => i + 2);
    const [at64, at256] = atLengths(ms, [64, 256]);
    // tokens that made lengths 57 … 64: median 60.5, exactly what decodeAfterPrompt times at 64.
    expect(at64.msPerToken).toBe(60.5);
    expect(at64.window).toEqual([57, 58, 59, 60, 61, 62, 63, 64]);
    expect(at256.msPerToken).toBe(252.5);
    expect(at64.tokensPerSec).toBeCloseTo((63 * 1000) / ms.slice(0, 63).reduce((a, b) => a + b), 9);
    expect(atLengths(ms.slice(0, 100), [64, 128]).map((r) => r.length)).toEqual([64]);
  });
});

describe('decodeAfterPrompt on a tiny model', () => {
  it('prefills L − 8, decodes 8 tokens to length L, and both lanes agree on them', async () => {
    const model = tinyModel({ contextLength: 24, vocabSize: 11 });
    const before = tf.memory().numTensors;
    const cache = await decodeAfterPrompt(model, 'cache', 20);
    const recompute = await decodeAfterPrompt(model, 'recompute', 20);
    expect(tf.memory().numTensors).toBe(before);
    for (const r of [cache, recompute]) {
      expect(r.length).toBe(20);
      expect(r.ms).toHaveLength(TOKENS_AFTER_PROMPT);
      expect(r.ms.every((x) => x > 0)).toBe(true);
      expect(r.prefillMs).toBeGreaterThan(0);
    }
    expect(cache.decoded).toHaveLength(TOKENS_AFTER_PROMPT);
    expect(cache.decoded).toEqual(recompute.decoded);
    model.dispose();
  });

  it('refuses a length past the context or one that leaves no prompt', async () => {
    const model = tinyModel({ contextLength: 16 });
    await expect(decodeAfterPrompt(model, 'cache', 17)).rejects.toThrow(/length 17 is past the model's context \(16\)/);
    await expect(decodeAfterPrompt(model, 'recompute', 8)).rejects.toThrow(/length 8 leaves no prompt/);
    model.dispose();
  });

  it('the whole decode times one push per token from a one-token prompt to the context', async () => {
    const model = tinyModel({ contextLength: 16, vocabSize: 11 });
    const ms = await decodeTimes(model, 'cache', 16);
    expect(ms).toHaveLength(15);
    model.dispose();
  });
});
