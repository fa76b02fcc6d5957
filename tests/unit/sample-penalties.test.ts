import { describe, expect, it } from 'vitest';
import { applyPenalties } from '@/lib/sample/penalties';
import { softmax } from '@/lib/sample/strategies';

// The chapter's running example: breeze, air, wind, rain, night, sun.
const cool = Float32Array.from([3.0, 2.2, 1.6, 1.0, 0.3, -0.5]);

describe('repetition penalty (CTRL)', () => {
  it("divides a seen token's positive logit by θ: the chapter's breeze falls from 0.518 to 0.395", () => {
    const { logits, penalizedIds, counts } = applyPenalties(cool, [0], { repetitionPenalty: 1.2 });
    expect(logits[0]).toBeCloseTo(2.5, 6);
    expect(Array.from(logits.subarray(1))).toEqual(Array.from(cool.subarray(1)));
    expect(penalizedIds).toEqual([0]);
    expect(counts).toEqual([1]);
    expect(softmax(cool)[0]).toBeCloseTo(0.518, 3);
    expect(softmax(logits)[0]).toBeCloseTo(0.395, 3);
    // Formula: p' = e^(z/θ) / (e^(z/θ) + Σ_{j≠i} e^(z_j)).
    const others = Array.from(cool.subarray(1)).reduce((s, z) => s + Math.exp(z), 0);
    expect(softmax(logits)[0]).toBeCloseTo(Math.exp(3 / 1.2) / (Math.exp(3 / 1.2) + others), 6);
  });

  it('multiplies a negative logit by θ, so the penalty always lowers the probability', () => {
    const { logits } = applyPenalties(cool, [5], { repetitionPenalty: 1.2 });
    expect(logits[5]).toBeCloseTo(-0.6, 6);
    for (const id of [0, 1, 2, 3, 4, 5]) {
      for (const theta of [1.1, 1.5, 3]) {
        const before = softmax(cool)[id];
        const after = softmax(applyPenalties(cool, [id], { repetitionPenalty: theta }).logits)[id];
        expect(after).toBeLessThan(before);
      }
    }
  });

  it('penalises a token once however often it appeared, and leaves −Infinity alone', () => {
    const once = applyPenalties(cool, [0], { repetitionPenalty: 1.3 }).logits;
    const thrice = applyPenalties(cool, [0, 0, 0], { repetitionPenalty: 1.3 });
    expect(Array.from(thrice.logits)).toEqual(Array.from(once));
    expect(thrice.counts).toEqual([3]);
    const masked = Float32Array.from([1, -Infinity, 2]);
    expect(applyPenalties(masked, [1, 2], { repetitionPenalty: 2 }).logits[1]).toBe(-Infinity);
  });

  it('θ = 1 and zero presence/frequency penalties change nothing', () => {
    const { logits } = applyPenalties(cool, [0, 1, 2, 2], { repetitionPenalty: 1, presencePenalty: 0, frequencyPenalty: 0 });
    expect(Array.from(logits)).toEqual(Array.from(cool));
  });
});

describe('presence and frequency penalties', () => {
  it('subtract α_presence once and α_frequency per occurrence', () => {
    const { logits } = applyPenalties(cool, [1, 1, 2, 1], { presencePenalty: 0.5, frequencyPenalty: 0.25 });
    expect(logits[1]).toBeCloseTo(2.2 - 0.5 - 3 * 0.25, 6);
    expect(logits[2]).toBeCloseTo(1.6 - 0.5 - 0.25, 6);
    expect(logits[0]).toBe(cool[0]);
  });

  it('stack after the repetition penalty', () => {
    const { logits } = applyPenalties(cool, [0, 5], { repetitionPenalty: 2, presencePenalty: 0.1 });
    expect(logits[0]).toBeCloseTo(3 / 2 - 0.1, 6);
    expect(logits[5]).toBeCloseTo(-0.5 * 2 - 0.1, 6);
  });
});

describe('bad input', () => {
  it('names the option or the history entry that is wrong', () => {
    expect(() => applyPenalties(cool, [0], { repetitionPenalty: 0 })).toThrow(/repetitionPenalty/);
    expect(() => applyPenalties(cool, [0], { presencePenalty: NaN })).toThrow(/presencePenalty/);
    expect(() => applyPenalties(cool, [0, 6], { repetitionPenalty: 1.2 })).toThrow(/history\[1\] = 6/);
  });
});
