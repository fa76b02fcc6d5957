import { describe, expect, it } from 'vitest';
import {
  KAPLAN_2020_JOINT,
  KAPLAN_2020_SEPARATE,
  PF_DAY_FLOPS,
  kaplanFrontierTokens,
  kaplanLoss,
  kaplanLossFromCompute,
  kaplanLossFromParams,
  kaplanLossFromTokens,
  kaplanOptimal,
  kaplanOverfitPenalty,
} from '@/lib/scaling';

// Kaplan et al. 2020, arXiv 2001.08361. Values below are the paper's (equation / table / section
// named at each assertion) or arithmetic on them that the chapter prints (docs/chapter-notes/02-scale.md).

describe('Kaplan single-variable laws (eqs. 1.1–1.3)', () => {
  it('L(N) = (8.8e13 / N)^0.076: at N = N_c the loss is exactly 1, and it falls 16% per decade', () => {
    // Eq. 1.1: α_N ≈ 0.076, N_c ≈ 8.8e13 non-embedding parameters.
    expect(kaplanLossFromParams(8.8e13)).toBe(1);
    expect(kaplanLossFromParams(1e9) / kaplanLossFromParams(1e8)).toBeCloseTo(10 ** -0.076, 12);
    // Chapter 2's worked numbers (computed from eq. 1.1): 1e8 → 2.830, 1e9 → 2.376, 1e10 → 1.994.
    expect(kaplanLossFromParams(1e8)).toBeCloseTo(2.83, 3);
    expect(kaplanLossFromParams(1e9)).toBeCloseTo(2.376, 3);
    expect(kaplanLossFromParams(1e10)).toBeCloseTo(1.994, 3);
  });

  it('L(D) = (5.4e13 / D)^0.095 and L(C_min) = (3.1e8 PF-days / C_min)^0.050', () => {
    // Eq. 1.2 and eq. 1.3; the compute law takes FLOPs and converts with 1 PF-day = 8.64e19 FLOPs (§2.1).
    expect(kaplanLossFromTokens(5.4e13)).toBeCloseTo(1, 12);
    expect(kaplanLossFromTokens(2.29e10)).toBeCloseTo((5.4e13 / 2.29e10) ** 0.095, 12);
    expect(kaplanLossFromCompute(3.1e8 * PF_DAY_FLOPS)).toBeCloseTo(1, 12);
    expect(kaplanLossFromCompute(2 * PF_DAY_FLOPS) / kaplanLossFromCompute(PF_DAY_FLOPS)).toBeCloseTo(2 ** -0.05, 12);
  });

  it('§6.3: the L(C_min) trend reaches L* ≈ 1.7 nats at C* ≈ 10^4 PF-days, where it meets L(D)', () => {
    // The paper locates the intersection at C* ~ 1e4 PF-days, L* ~ 1.7 nats/token (order-of-magnitude
    // uncertain); at that compute eq. 1.3 must give ≈ 1.7.
    expect(kaplanLossFromCompute(1e4 * PF_DAY_FLOPS)).toBeGreaterThan(1.6);
    expect(kaplanLossFromCompute(1e4 * PF_DAY_FLOPS)).toBeLessThan(1.8);
  });
});

describe('Kaplan L(N, D) (eq. 1.5, Table 2 joint fit)', () => {
  it('defaults to Table 2: α_N 0.076, α_D 0.103, N_c 6.4e13, D_c 1.8e13', () => {
    expect(KAPLAN_2020_JOINT).toEqual({ alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 });
    const N = 1e9;
    const D = 1e10;
    expect(kaplanLoss(N, D)).toBeCloseTo(((6.4e13 / N) ** (0.076 / 0.103) + 1.8e13 / D) ** 0.103, 12);
  });

  it('reduces to L(N) and L(D) at the limits with the eq. 1.1–1.2 constants', () => {
    for (const N of [1e6, 1e8, 1e10]) {
      expect(kaplanLoss(N, 1e30, KAPLAN_2020_SEPARATE)).toBeCloseTo(kaplanLossFromParams(N), 9);
    }
    for (const D of [1e8, 1e10, 1e12]) {
      expect(kaplanLoss(1e30, D, KAPLAN_2020_SEPARATE)).toBeCloseTo(kaplanLossFromTokens(D), 9);
    }
  });

  it('more data never hurts and a larger model never hurts', () => {
    expect(kaplanLoss(1e9, 1e11)).toBeLessThan(kaplanLoss(1e9, 1e10));
    expect(kaplanLoss(1e10, 1e10)).toBeLessThan(kaplanLoss(1e9, 1e10));
  });

  it('§4: the penalty depends on N^0.74 / D, so an 8× larger model needs ≈ 5× the data', () => {
    // α_N / α_D = 0.076 / 0.103 = 0.738, the "N^0.74" of eqs. 4.3–4.4.
    expect(KAPLAN_2020_JOINT.alphaN / KAPLAN_2020_JOINT.alphaD).toBeCloseTo(0.74, 2);
    const base = kaplanOverfitPenalty(1e8, 1e9);
    const grownData = 8 ** (0.076 / 0.103); // 4.64: "roughly 5x"
    expect(grownData).toBeGreaterThan(4.5);
    expect(grownData).toBeLessThan(5);
    expect(kaplanOverfitPenalty(8e8, 1e9 * grownData)).toBeCloseTo(base, 3);
    expect(kaplanOverfitPenalty(8e8, 1e9)).toBeGreaterThan(base);
  });

  it('eq. 4.4: at D = 5·10³ · N^0.74 the overfitting penalty is about the 0.02 seed-to-seed spread', () => {
    for (const N of [1e7, 1e9, 1e11]) {
      const penalty = kaplanOverfitPenalty(N, 5e3 * N ** 0.74);
      expect(penalty).toBeGreaterThan(0.015);
      expect(penalty).toBeLessThan(0.03);
    }
  });
});

describe('Kaplan compute-efficient frontier (Table 6, eq. 6.1)', () => {
  it('N_opt ∝ C^0.73: a 10× budget buys a 5.4× model and 1.9× tokens (Chinchilla paraphrases "5.5× and 1.8×")', () => {
    const small = kaplanOptimal(1e21);
    const big = kaplanOptimal(1e22);
    expect(big.params / small.params).toBeCloseTo(10 ** 0.73, 9);
    expect(big.tokens / small.tokens).toBeCloseTo(10 ** 0.27, 9);
    // Hoffmann et al. 2022 §1 quote Kaplan as 5.5× and 1.8×: within 3% of 10^0.73 = 5.37 and 10^0.27 = 1.86.
    expect(Math.abs(big.params / small.params / 5.5 - 1)).toBeLessThan(0.03);
    expect(Math.abs(big.tokens / small.tokens / 1.8 - 1)).toBeLessThan(0.04);
  });

  it('Hoffmann et al. 2022 appendix D.4: Kaplan’s optimal model for 10^21 FLOPs is 4.68B parameters', () => {
    // Reproduced with C_min = C / 2 (a run at the critical batch size, Kaplan eq. 5.5).
    const { params, tokens } = kaplanOptimal(1e21);
    expect(params / 1e9).toBeCloseTo(4.68, 2);
    expect(6 * params * tokens).toBeCloseTo(1e21, -10);
    // Read as C_min instead, the same budget gives a much larger model: 1.3e9 · (1e21 / 8.64e19)^0.73.
    expect(kaplanOptimal(1e21, { computeIsMinimal: true }).params / 1e9).toBeCloseTo(7.77, 2);
  });

  it('Table 6’s own data law D_opt = 2e10 · C_min^0.27 agrees with C / (6 N_opt) to 10% at every budget', () => {
    for (const C of [1e18, 1e21, 1e24]) {
      const ratio = kaplanFrontierTokens(C / 2) / kaplanOptimal(C).tokens;
      expect(ratio).toBeGreaterThan(0.88);
      expect(ratio).toBeLessThan(0.92);
    }
  });
});

describe('Kaplan bad input', () => {
  it('names the argument that is wrong', () => {
    expect(() => kaplanLossFromParams(0)).toThrow(/kaplanLossFromParams: nonEmbeddingParams must be a positive/);
    expect(() => kaplanLossFromTokens(NaN)).toThrow(/kaplanLossFromTokens: tokens/);
    expect(() => kaplanLossFromCompute(-1)).toThrow(/minComputeFlops/);
    expect(() => kaplanLoss(1e9, Infinity)).toThrow(/kaplanLoss: tokens/);
    expect(() => kaplanOptimal(0)).toThrow(/kaplanOptimal: computeFlops/);
  });
});
