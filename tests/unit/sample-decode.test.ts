import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { beamSearch } from '@/lib/sample/beam';
import { decode } from '@/lib/sample/decode';
import { generate, temperatureTopKSampler } from '@/lib/sample/generate';
import { createRng } from '@/lib/sample/rng';
import { modelScorer } from '@/lib/sample/score-model';
import { greedy } from '@/lib/sample/strategies';
import { tinyModel, selectBackend } from './helpers';
import { hashedScorer, tableScorer } from './sample-tables';

const PROMPT = [1, 2];

/** Argmax loop written out by hand: the reference for greedy decoding. */
async function argmaxLoop(score: ReturnType<typeof hashedScorer>, prompt: number[], n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(greedy((await score([[...prompt, ...out]]))[0]).token);
  return out;
}

describe('decode()', () => {
  it('temperature 0 is greedy, and temperature → 0 gives the same tokens', async () => {
    const score = hashedScorer(30);
    const reference = await argmaxLoop(score, PROMPT, 25);
    const zero = await decode(score, PROMPT, { maxTokens: 25, temperature: 0, seed: 3 });
    expect(zero.tokens).toEqual(reference);
    expect(zero.finishReason).toBe('max-tokens');
    for (const seed of [0, 1, 2]) {
      const cold = await decode(score, PROMPT, { maxTokens: 25, temperature: 1e-3, seed, topP: 0.9 });
      expect(cold.tokens).toEqual(reference);
    }
  });

  it('the same seed and settings give the same tokens; another seed gives others', async () => {
    const score = hashedScorer(40, 0.5, 0);
    const settings = { maxTokens: 40, temperature: 1.2, topK: 20, topP: 0.95, repetitionPenalty: 1.1 };
    const a = await decode(score, PROMPT, { ...settings, seed: 7 });
    const b = await decode(score, PROMPT, { ...settings, seed: 7 });
    const c = await decode(score, PROMPT, { ...settings, seed: 8 });
    expect(b.tokens).toEqual(a.tokens);
    expect(c.tokens).not.toEqual(a.tokens);
    expect(new Set(a.tokens).size).toBeGreaterThan(10); // it really sampled
    // A passed-in rng continues the stream exactly as the seed would.
    const viaRng = await decode(score, PROMPT, { ...settings, rng: createRng(7) });
    expect(viaRng.tokens).toEqual(a.tokens);
  });

  it('every step carries the intermediates a widget draws, consistent with the chosen token', async () => {
    const score = hashedScorer(12);
    const { steps, tokens } = await decode(score, PROMPT, { maxTokens: 6, temperature: 0.8, topK: 4, repetitionPenalty: 1.3, seed: 1 });
    expect(steps.map((s) => s.token)).toEqual(tokens);
    steps.forEach((s, i) => {
      expect(s.index).toBe(i);
      expect(s.keptIds.length).toBeLessThanOrEqual(4);
      expect(s.keptIds).toContain(s.token);
      expect(s.penalizedIds).toEqual([...new Set(tokens.slice(0, i))].sort((a, b) => a - b));
      for (const id of s.penalizedIds) expect(s.penalizedLogits[id]).toBeLessThan(s.rawLogits[id]);
    });
  });

  it('the repetition penalty breaks a greedy loop; with the prompt in scope it acts from the first token', async () => {
    // A model that always prefers 3 (logit 2.0) over 4 (1.9) and 5 (0.1).
    const sticky = async (prefixes: number[][]) => prefixes.map(() => Float32Array.from([-5, -5, -5, 2.0, 1.9, 0.1]));
    expect((await decode(sticky, PROMPT, { maxTokens: 3, temperature: 0 })).tokens).toEqual([3, 3, 3]);
    // After one 3: 2.0 / 1.2 = 1.667 < 1.9, so 4; then 4 falls to 1.583 < 1.667, so 3 again.
    expect((await decode(sticky, PROMPT, { maxTokens: 3, temperature: 0, repetitionPenalty: 1.2 })).tokens).toEqual([3, 4, 3]);
    expect((await decode(sticky, [3], { maxTokens: 1, temperature: 0, repetitionPenalty: 1.2, penaltyScope: 'prompt-and-generated' })).tokens).toEqual([4]);
    expect((await decode(sticky, [3], { maxTokens: 1, temperature: 0, repetitionPenalty: 1.2 })).tokens).toEqual([3]);
  });
});

describe('stopping', () => {
  // A chain that counts upwards: after id k comes k + 1 (mod 10), with certainty.
  const counter = async (prefixes: number[][]) =>
    prefixes.map((p) => {
      const logits = new Float32Array(10).fill(-Infinity);
      logits[(p[p.length - 1] + 1) % 10] = 0;
      return logits;
    });

  it('stops right after the eos id, keeping it', async () => {
    const r = await decode(counter, [2], { maxTokens: 20, eos: 7 });
    expect(r.tokens).toEqual([3, 4, 5, 6, 7]);
    expect(r.finishReason).toBe('eos');
    expect(r.stop).toEqual({ sequence: [7], tokenCount: 1 });
  });

  it('stops exactly when a stop sequence spanning several tokens is complete', async () => {
    const r = await decode(counter, [0], { maxTokens: 20, stopSequences: [[9, 1], [4, 5, 6]] });
    expect(r.tokens).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.finishReason).toBe('stop');
    expect(r.stop).toEqual({ sequence: [4, 5, 6], tokenCount: 3 });
    // A sequence the counter only completes across the wrap-around: 8, 9, 0.
    const wrap = await decode(counter, [5], { maxTokens: 20, stopSequences: [[8, 9, 0]] });
    expect(wrap.tokens).toEqual([6, 7, 8, 9, 0]);
    // The prompt does not count: [1, 2] ends the prompt but the output must produce it.
    const prompt = await decode(counter, [1, 2], { maxTokens: 20, stopSequences: [[1, 2]] });
    expect(prompt.tokens).toEqual([3, 4, 5, 6, 7, 8, 9, 0, 1, 2]);
  });

  it('stops on a stop string that spans token boundaries and mid-token, reporting the text before it', async () => {
    const pieces = ['a', 'bc', 'de', 'f', 'gh', 'ij', 'k', 'lm', 'no', 'p'];
    const detokenize = (ids: number[]) => ids.map((id) => pieces[id]).join('');
    // Output 1, 2, 3 … reads "bcdefghij…"; "efg" starts inside "de" and ends inside "gh".
    const r = await decode(counter, [0], { maxTokens: 20, stopStrings: ['zz', 'efg'], detokenize });
    expect(r.tokens).toEqual([1, 2, 3, 4]);
    expect(r.finishReason).toBe('stop');
    expect(r.stop).toEqual({ sequence: 'efg', tokenCount: 3 });
    expect(r.textBeforeStop).toBe('bcd');
  });

  it('honours maxTokens and an onStep that returns false', async () => {
    const r = await decode(counter, [0], { maxTokens: 4 });
    expect(r.tokens).toEqual([1, 2, 3, 4]);
    expect(r.finishReason).toBe('max-tokens');
    const seen: number[] = [];
    const cb = await decode(counter, [0], { maxTokens: 9, onStep: (s) => (seen.push(s.token), s.index < 2) });
    expect(cb.tokens).toEqual([1, 2, 3]);
    expect(cb.finishReason).toBe('callback');
    expect(seen).toEqual([1, 2, 3]);
    expect((await decode(counter, [0], { maxTokens: 0 })).tokens).toEqual([]);
  });

  it('rejects bad settings by name', async () => {
    await expect(decode(counter, [0], { maxTokens: -1 })).rejects.toThrow(/maxTokens/);
    await expect(decode(counter, [0], { maxTokens: 3, stopStrings: ['x'] })).rejects.toThrow(/detokenize/);
    await expect(decode(counter, [0], { maxTokens: 3, eos: 10 })).rejects.toThrow(/eos = 10/);
    await expect(decode(counter, [0], { maxTokens: 3, topP: 0 })).rejects.toThrow(/topP/);
    await expect(decode(counter, [0], { maxTokens: 3, repetitionPenalty: -1 })).rejects.toThrow(/repetitionPenalty/);
    const table = tableScorer(1, {}, [0.5, 0.5]);
    await expect(decode(async (p) => [...(await table(p)), ...(await table(p))], [0], { maxTokens: 1 })).rejects.toThrow(/2 results for 1 prefix/);
  });
});

describe('on a real GPT (modelScorer)', () => {
  beforeAll(() => selectBackend('cpu'));

  it('greedy decode() and beam width 1 equal generate() with the greedy sampler, leaking no tensors', async () => {
    const model = tinyModel({ vocabSize: 13, contextLength: 6 });
    const prompt = [3, 1, 4];
    const reference = await generate(model, prompt, { maxTokens: 10, sampler: temperatureTopKSampler(0), rng: createRng(0) });
    const before = tf.memory().numTensors;
    const scorer = modelScorer(model);
    const viaDecode = await decode(scorer, prompt, { maxTokens: 10, temperature: 0 });
    const viaBeam = await beamSearch(scorer, prompt, { width: 1, maxTokens: 10 });
    const wide = await beamSearch(scorer, prompt, { width: 3, maxTokens: 10 });
    expect(tf.memory().numTensors).toBe(before);
    expect(viaDecode.tokens).toEqual(reference);
    expect(viaBeam.hypotheses[0].tokens).toEqual(reference);
    // A wider beam can only find an equal or more probable sequence of the same length.
    expect(wide.hypotheses[0].logProb).toBeGreaterThanOrEqual(viaBeam.hypotheses[0].logProb - 1e-6);
    // Batched scoring of several prefixes equals scoring them one by one.
    const prefixes = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    const batched = await scorer(prefixes);
    for (const [i, p] of prefixes.entries()) {
      const [single] = await scorer([p]);
      single.forEach((v, j) => expect(batched[i][j]).toBeCloseTo(v, 5));
    }
    model.dispose();
  });
});
