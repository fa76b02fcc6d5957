import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/sample/rng';
import { greedy, sample, sampleTopK, sampleTopP, sampleWithTemperature, softmax, type SamplingOptions } from '@/lib/sample/strategies';

/** Logits whose softmax is exactly `probs` (up to float rounding). */
const logitsOf = (probs: number[]) => Float32Array.from(probs, (p) => (p > 0 ? Math.log(p) : -Infinity));

// Upper 0.1 % points of the chi-square distribution (a correct sampler fails 1 run in 1000;
// the seed is fixed, so a pass is reproducible). Index = degrees of freedom.
const CHI_SQUARE_999 = [NaN, 10.83, 13.82, 16.27, 18.47, 20.52, 22.46, 24.32, 26.12, 27.88, 29.59];

/** Draw `n` tokens and compare their frequencies with the step's `probs` (Pearson's chi-square). */
function chiSquare(logits: Float32Array, options: SamplingOptions, n: number, seed: number) {
  const rng = createRng(seed);
  const reference = sample(logits, options, createRng(0));
  const counts = new Array(logits.length).fill(0);
  for (let i = 0; i < n; i++) counts[sample(logits, options, rng).token]++;
  let statistic = 0;
  for (const id of reference.keptIds) {
    const expected = n * reference.probs[id];
    statistic += (counts[id] - expected) ** 2 / expected;
  }
  const outside = counts.reduce((s, c, id) => (reference.keptIds.includes(id) ? s : s + c), 0);
  return { statistic, df: reference.keptIds.length - 1, outside };
}

const eight = [0.3, 0.2, 0.15, 0.12, 0.1, 0.07, 0.04, 0.02];

describe('greedy and temperature', () => {
  it('greedy picks the largest logit (lowest id on a tie) and reports its share', () => {
    const step = greedy(Float32Array.from([1, 3, 0.5, 3, -2]));
    expect(step.token).toBe(1);
    expect(step.keptIds).toEqual([1]);
    expect(Array.from(step.probs)).toEqual([0, 1, 0, 0, 0]);
    expect(Array.from(step.filteredLogits)).toEqual([-Infinity, 3, -Infinity, -Infinity, -Infinity]);
    expect(step.keptMass).toBeCloseTo(softmax([1, 3, 0.5, 3, -2])[1], 6);
  });

  it('as the temperature goes to 0, sampling becomes greedy; at 0 it is greedy', () => {
    const rng = createRng(1);
    for (let trial = 0; trial < 50; trial++) {
      const logits = Float32Array.from({ length: 40 }, () => rng.normal() * 2);
      const best = greedy(logits).token;
      logits[best] += 0.05; // a clear (but small) winner, so T = 1e-3 leaves it e^-50 ahead
      expect(sampleWithTemperature(logits, 1e-3, rng).token).toBe(best);
      expect(sampleWithTemperature(logits, 0, rng)).toEqual(greedy(logits));
    }
  });

  it('temperature sharpens (T < 1) and flattens (T > 1) the distribution, keeping every token', () => {
    const logits = logitsOf(eight);
    const rng = createRng(2);
    const cold = sampleWithTemperature(logits, 0.5, rng);
    const hot = sampleWithTemperature(logits, 2, rng);
    expect(cold.probs[0]).toBeGreaterThan(0.3);
    expect(hot.probs[0]).toBeLessThan(0.3);
    expect(cold.keptIds).toHaveLength(8);
    expect(cold.keptMass).toBeCloseTo(1, 9);
    expect(cold.scaledLogits[3]).toBeCloseTo(logits[3] / 0.5, 5);
    // softmax(l / T) ∝ p^(1/T): at T = 0.5 the probabilities are p² renormalised.
    const squares = eight.map((p) => p * p);
    const total = squares.reduce((a, b) => a + b);
    squares.forEach((s, i) => expect(cold.probs[i]).toBeCloseTo(s / total, 6));
  });
});

describe('top-k and top-p', () => {
  it('top-k keeps exactly the k most likely tokens and renormalises them', () => {
    const logits = logitsOf(eight);
    for (const k of [1, 3, 5, 8, 20]) {
      const step = sampleTopK(logits, k, createRng(3));
      const kept = Math.min(k, 8);
      expect(step.keptIds).toEqual([0, 1, 2, 3, 4, 5, 6, 7].slice(0, kept));
      expect(Array.from(step.filteredLogits).filter(Number.isFinite)).toHaveLength(kept);
      expect(step.keptMass).toBeCloseTo(eight.slice(0, kept).reduce((a, b) => a + b), 6);
      expect(step.probs.reduce((a, b) => a + b)).toBeCloseTo(1, 6);
      expect(step.probs[0]).toBeCloseTo(0.3 / step.keptMass, 6);
      expect(step.keptIds).toContain(step.token);
    }
  });

  it('top-p keeps the smallest set of most likely tokens whose mass is ≥ p', () => {
    const logits = logitsOf([0.05, 0.5, 0.1, 0.2, 0.15]); // sorted: 1 (.5), 3 (.2), 4 (.15), 2 (.1), 0 (.05)
    const kept = (p: number) => sampleTopP(logits, p, createRng(4)).keptIds;
    expect(kept(0.3)).toEqual([1]);
    expect(kept(0.5)).toEqual([1]); // exactly p: 0.5 ≥ 0.5
    expect(kept(0.51)).toEqual([1, 3]);
    expect(kept(0.7)).toEqual([1, 3]); // 0.5 + 0.2 reaches 0.7 (up to float rounding)
    expect(kept(0.71)).toEqual([1, 3, 4]);
    expect(kept(0.9)).toEqual([1, 3, 4, 2]);
    expect(kept(0.96)).toEqual([1, 3, 4, 2, 0]);
    expect(kept(1)).toEqual([1, 3, 4, 2, 0]);
    expect(sampleTopP(logits, 0.71, createRng(4)).keptMass).toBeCloseTo(0.85, 6);
  });

  it('combined: top-p applies to what top-k left, renormalised', () => {
    const logits = logitsOf(eight);
    // After top-k 4 the mass is .77; renormalised the first two hold .5/.77 = .649 < .65 ≤ .844.
    const step = sample(logits, { topK: 4, topP: 0.65 }, createRng(5));
    expect(step.keptIds).toEqual([0, 1, 2]);
    expect(step.keptMass).toBeCloseTo(0.65, 6);
    expect(step.probs[2]).toBeCloseTo(0.15 / 0.65, 6);
  });

  it('never keeps tokens whose logit is −Infinity (already masked)', () => {
    const step = sample(logitsOf([0.5, 0, 0.5]), { topP: 1 }, createRng(6));
    expect(step.keptIds).toEqual([0, 2]);
    expect(step.probs[1]).toBe(0);
  });

  it('rejects bad options and logits with a message naming them', () => {
    const logits = logitsOf(eight);
    expect(() => sample(logits, { temperature: -1 }, createRng(0))).toThrow(/temperature must be a finite number ≥ 0, got -1/);
    expect(() => sample(logits, { topK: 0 }, createRng(0))).toThrow(/topK must be an integer ≥ 1, got 0/);
    expect(() => sample(logits, { topP: 1.5 }, createRng(0))).toThrow(/topP must be in \(0, 1\], got 1.5/);
    expect(() => sample(Float32Array.from([1, NaN]), {}, createRng(0))).toThrow(/logit 1 is NaN/);
    expect(() => sample(new Float32Array(0), {}, createRng(0))).toThrow(/logits are empty/);
  });
});

describe('draw frequencies match the filtered distribution (20,000 draws, chi-square at the 0.1 % level)', () => {
  const logits = logitsOf(eight);
  const cases: [string, SamplingOptions][] = [
    ['temperature 1 (df 7)', {}],
    ['temperature 0.7 (df 7)', { temperature: 0.7 }],
    ['top-k 3 (df 2)', { topK: 3 }],
    ['top-p 0.8 (df 4)', { topP: 0.8 }],
    ['T 1.3, top-k 6, top-p 0.9 (df 4)', { temperature: 1.3, topK: 6, topP: 0.9 }],
  ];
  it.each(cases)('%s', (_, options) => {
    const { statistic, df, outside } = chiSquare(logits, options, 20_000, 42);
    expect(outside).toBe(0);
    expect(statistic).toBeLessThan(CHI_SQUARE_999[df]);
  });

  it('a sampler drawing from the unfiltered distribution would fail the same check', () => {
    // The test has teeth: the full distribution's draws judged against the top-k 3 probabilities.
    const rng = createRng(42);
    const cut = sample(logits, { topK: 3 }, createRng(0));
    const counts = [0, 0, 0];
    let n = 0;
    for (let i = 0; i < 20_000; i++) {
      const t = sample(logits, {}, rng).token;
      if (t < 3) counts[t]++;
      n++;
    }
    const statistic = counts.reduce((s, c, id) => s + (c - n * cut.probs[id]) ** 2 / (n * cut.probs[id]), 0);
    expect(statistic).toBeGreaterThan(CHI_SQUARE_999[2]);
  });
});
