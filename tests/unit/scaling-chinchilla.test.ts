import { describe, expect, it } from 'vitest';
import {
  BESIROGLU_2024,
  CHINCHILLA_APPROACHES,
  CHINCHILLA_PRINTED,
  CHINCHILLA_UNROUNDED,
  chinchillaComputeForParams,
  chinchillaLoss,
  chinchillaLossTerms,
  chinchillaOptimal,
  parametricOptimal,
  type ChinchillaApproach,
  type ParametricLossConstants,
} from '@/lib/scaling';

// Hoffmann et al. 2022, arXiv 2203.15556. Tables transcribed here independently of lib/, as printed:
// [params, FLOPs, tokens] per row.
type Row = [number, number, number];

/** Table 3 (approach 1), all nine rows. */
const TABLE_3: Row[] = [
  [400e6, 1.92e19, 8.0e9],
  [1e9, 1.21e20, 20.2e9],
  [10e9, 1.23e22, 205.1e9],
  [67e9, 5.76e23, 1.5e12],
  [175e9, 3.85e24, 3.7e12],
  [280e9, 9.9e24, 5.9e12],
  [520e9, 3.43e25, 11.0e12],
  [1e12, 1.27e26, 21.2e12],
  [10e12, 1.3e28, 216.2e12],
];
/** Table A3, approach 2 columns. */
const TABLE_A3_APPROACH_2: Row[] = [
  [400e6, 1.84e19, 7.7e9],
  [1e9, 1.2e20, 20.0e9],
  [10e9, 1.32e22, 219.5e9],
  [67e9, 6.88e23, 1.7e12],
  [175e9, 4.54e24, 4.3e12],
  [280e9, 1.18e25, 7.1e12],
  [520e9, 4.19e25, 13.4e12],
  [1e12, 1.59e26, 26.5e12],
  [10e12, 1.75e28, 292.0e12],
];
/** Table A3, approach 3 columns, exactly as printed (row 5's FLOPs included). */
const TABLE_A3_APPROACH_3_PRINTED: Row[] = [
  [400e6, 2.21e19, 9.2e9],
  [1e9, 1.62e20, 27.1e9],
  [10e9, 2.46e22, 410.1e9],
  [67e9, 1.71e24, 4.1e12],
  [175e9, 1.26e24, 12.0e12],
  [280e9, 3.52e25, 20.1e12],
  [520e9, 1.36e26, 43.5e12],
  [1e12, 5.65e26, 94.1e12],
  [10e12, 8.55e28, 1425.5e12],
];

/** Half a unit in the last printed place, relative: tokens are printed to 0.1B or 0.1T. */
function tokenRounding(tokens: number): number {
  const unit = tokens >= 1e12 ? 0.1e12 : 0.1e9;
  return unit / 2 / tokens;
}

/** FLOPs are printed to three significant figures. */
function flopsRounding(flops: number): number {
  const mantissa = flops / 10 ** Math.floor(Math.log10(flops));
  return 0.005 / mantissa;
}

/**
 * The tolerance for comparing the law with a row. The law is a two-parameter line through nine
 * rows, so 1% is allowed for its residual; on top of that, the printed digits (tokens to 0.1B or
 * 0.1T, FLOPs to 3 figures) and the row's own disagreement with C = 6ND. The law satisfies 6ND = C
 * exactly, so it cannot match both N and D of a row closer than that row's own disagreement.
 */
function tolerance([params, flops, tokens]: Row): number {
  return 0.01 + Math.abs((6 * params * tokens) / flops - 1) + tokenRounding(tokens) + flopsRounding(flops);
}

function expectReproduces(rows: Row[], approach: ChinchillaApproach) {
  for (const row of rows) {
    const [params, flops, tokens] = row;
    const tol = tolerance(row);
    const optimum = chinchillaOptimal(flops, approach);
    expect(Math.abs(optimum.params / params - 1), `approach ${approach}, ${params / 1e9}B params`).toBeLessThan(tol);
    expect(Math.abs(optimum.tokens / tokens - 1), `approach ${approach}, ${params / 1e9}B tokens`).toBeLessThan(tol);
  }
}

describe('chinchillaOptimal reproduces the paper’s compute-optimal tables', () => {
  it('approach 1 reproduces every row of Table 3', () => {
    expectReproduces(TABLE_3, 1);
  });

  it('approach 1: the rows that satisfy 6ND within 1.1% are reproduced to 0.8%', () => {
    // Eight of nine rows; the 67B row prints 1.5T tokens, 4.7% off 6ND, and is covered above.
    for (const row of TABLE_3.filter(([n, c, d]) => Math.abs((6 * n * d) / c - 1) < 0.011)) {
      const o = chinchillaOptimal(row[1], 1);
      expect(Math.abs(o.params / row[0] - 1)).toBeLessThan(0.008);
      expect(Math.abs(o.tokens / row[2] - 1)).toBeLessThan(0.008);
    }
  });

  it('approach 2 reproduces every row of Table A3 (approach 2 columns)', () => {
    expectReproduces(TABLE_A3_APPROACH_2, 2);
  });

  it('approach 3: Table A3’s 175B row prints 1.26e+24 FLOPs, a typo for 1.26e25', () => {
    const [params, printedFlops, tokens] = TABLE_A3_APPROACH_3_PRINTED[4];
    expect((6 * params * tokens) / printedFlops).toBeCloseTo(10, 5);
    expect(printedFlops).toBeLessThan(TABLE_A3_APPROACH_3_PRINTED[3][1]); // smaller than the 67B row's
    const law = chinchillaComputeForParams(params, 3);
    expect(Math.abs(law.flops / 1.26e25 - 1)).toBeLessThan(0.02);
  });

  it('approach 3 reproduces every row of Table A3 (approach 3 columns, typo corrected)', () => {
    const corrected = TABLE_A3_APPROACH_3_PRINTED.map(([n, c, d]): Row => [n, n === 175e9 ? 1.26e25 : c, d]);
    expectReproduces(corrected, 3);
  });

  it('the inverse (params → FLOPs, tokens) reads Table 3 the way it is printed', () => {
    // FLOPs ∝ N^(1/a) ≈ N², so relative errors double: 1% on rows consistent with 6ND.
    for (const [params, flops, tokens] of TABLE_3.filter(([n]) => n !== 67e9)) {
      const o = chinchillaComputeForParams(params, 1);
      expect(Math.abs(o.flops / flops - 1)).toBeLessThan(0.01);
      expect(Math.abs(o.tokens / tokens - 1)).toBeLessThan(0.01);
    }
    for (const approach of [1, 2, 3] as const) {
      const { flops } = chinchillaComputeForParams(7e10, approach);
      expect(chinchillaOptimal(flops, approach).params).toBeCloseTo(7e10, -1);
    }
  });

  it('fitted exponents agree with Table 2: a = 0.50, 0.49, 0.46 and b = 1 − a', () => {
    expect(CHINCHILLA_APPROACHES[1].exponent).toBeCloseTo(0.5, 2);
    expect(CHINCHILLA_APPROACHES[2].exponent).toBeCloseTo(0.49, 2);
    expect(CHINCHILLA_APPROACHES[3].exponent).toBeCloseTo(0.46, 2);
    // Table 2's 10th–90th percentile intervals: a (0.488, 0.502) and b (0.501, 0.512) for approach 1;
    // a (0.462, 0.534) and b (0.483, 0.529) for approach 2.
    const a1 = CHINCHILLA_APPROACHES[1].exponent;
    const a2 = CHINCHILLA_APPROACHES[2].exponent;
    expect(a1).toBeGreaterThan(0.488);
    expect(a1).toBeLessThan(0.502);
    expect(1 - a1).toBeGreaterThan(0.501);
    expect(1 - a1).toBeLessThan(0.512);
    expect(a2).toBeGreaterThan(0.462);
    expect(a2).toBeLessThan(0.534);
    // Approach 3's printed interval (0.454, 0.455) does not even contain the exponent of the paper's
    // own Table A3 rows (0.459): one more sign that interval is implausibly narrow (Besiroglu et al.).
    expect(CHINCHILLA_APPROACHES[3].exponent).toBeGreaterThan(0.455);
    // Doubling the budget: each approach grows the model by 2^a (≈ 1.4× for a ≈ 0.5).
    const ratio = chinchillaOptimal(2e24, 1).params / chinchillaOptimal(1e24, 1).params;
    expect(ratio).toBeCloseTo(2 ** a1, 12);
  });

  it('approach 1 is the "20 tokens per parameter" rule from 1e19 to 1e28 FLOPs', () => {
    for (let logC = 19; logC <= 28; logC++) {
      const { params, tokens } = chinchillaOptimal(10 ** logC, 1);
      expect(tokens / params).toBeGreaterThan(19.5);
      expect(tokens / params).toBeLessThan(22);
      expect(6 * params * tokens).toBeCloseTo(10 ** logC, -(logC - 10));
    }
  });

  it('at Gopher’s budget (5.76e23) every approach gives 40–70B parameters (§4); approach 3 gives ≈ 40B (Figure 4)', () => {
    for (const approach of [1, 2, 3] as const) {
      const { params } = chinchillaOptimal(5.76e23, approach);
      expect(params).toBeGreaterThan(40e9);
      expect(params).toBeLessThan(70e9);
    }
    // "40B" is a round figure (one significant digit: 35–45B). Table A3's approach-3 law gives 42.3B.
    const approach3 = chinchillaOptimal(5.76e23, 3).params;
    expect(approach3).toBeGreaterThan(35e9);
    expect(approach3).toBeLessThan(45e9);
  });
});

/** Minimises L(N, C / (6N)) over ln N by golden-section search: an independent reference. */
function numericOptimum(C: number, k: ParametricLossConstants): number {
  const f = (logN: number) => chinchillaLoss(Math.exp(logN), C / (6 * Math.exp(logN)), k);
  let lo = Math.log(1e3);
  let hi = Math.log(C / 6 / 1e3);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let i = 0; i < 200; i++) {
    const m1 = hi - g * (hi - lo);
    const m2 = lo + g * (hi - lo);
    if (f(m1) < f(m2)) hi = m2;
    else lo = m1;
  }
  return Math.exp((lo + hi) / 2);
}

describe('parametric loss L(N, D) = E + A/N^α + B/D^β', () => {
  it('defaults to the printed constants E 1.69, A 406.4, B 410.7, α 0.34, β 0.28 (§3.3, eq. 10)', () => {
    expect(CHINCHILLA_PRINTED).toEqual({ E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 });
    expect(chinchillaLoss(1e9, 2e10)).toBeCloseTo(1.69 + 406.4 / 1e9 ** 0.34 + 410.7 / 2e10 ** 0.28, 12);
    // E is the floor: with huge N and D the loss approaches it.
    expect(chinchillaLoss(1e30, 1e40)).toBeCloseTo(1.69, 3);
  });

  it('chapter 2 exercise 3: Gopher (280B, 300B) 1.993, Chinchilla (70B, 1.4T) 1.937; Gopher’s data term dominates', () => {
    const gopher = chinchillaLossTerms(280e9, 300e9);
    const chinchilla = chinchillaLossTerms(70e9, 1.4e12);
    expect(gopher.loss).toBeCloseTo(1.993, 3);
    expect(chinchilla.loss).toBeCloseTo(1.937, 3);
    expect(gopher.modelTerm).toBeCloseTo(0.052, 3);
    expect(gopher.dataTerm).toBeCloseTo(0.251, 3);
    expect(gopher.dataTerm).toBeGreaterThan(gopher.modelTerm);
    expect(gopher.irreducible + gopher.modelTerm + gopher.dataTerm).toBeCloseTo(gopher.loss, 12);
  });

  it('Besiroglu et al. 2024 constants: E 1.8172, A 482.01, B 2085.43, α 0.3478, β 0.3658', () => {
    expect(BESIROGLU_2024).toEqual({ E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 });
    // Chapter 2's over-training example: the refit puts Chinchilla (70B, 1.4T) at 1.974.
    expect(chinchillaLoss(70e9, 1.4e12, BESIROGLU_2024)).toBeCloseTo(1.974, 3);
  });
});

describe('parametricOptimal: the closed-form frontier (eq. 4)', () => {
  const sets: [string, ParametricLossConstants][] = [
    ['printed', CHINCHILLA_PRINTED],
    ['unrounded', CHINCHILLA_UNROUNDED],
    ['Besiroglu', BESIROGLU_2024],
  ];

  it('is the true minimum of L(N, C/6N), checked against a numerical search', () => {
    for (const [, k] of sets) {
      for (const C of [1e19, 5.76e23, 1e27]) {
        const o = parametricOptimal(C, k);
        expect(o.params / numericOptimum(C, k)).toBeCloseTo(1, 6);
        expect(6 * o.params * o.tokens).toBeCloseTo(C, -(Math.log10(C) - 10));
        expect(o.loss).toBeLessThan(chinchillaLoss(o.params * 1.1, C / (6 * o.params * 1.1), k));
        expect(o.loss).toBeLessThan(chinchillaLoss(o.params / 1.1, (C * 1.1) / (6 * o.params), k));
      }
    }
  });

  it('a = β/(α+β): 0.45 printed, 0.46 unrounded (Table 2’s approach 3), 0.51 Besiroglu (≈ approaches 1–2)', () => {
    expect(parametricOptimal(1e21).paramsExponent).toBeCloseTo(0.28 / 0.62, 12);
    expect(parametricOptimal(1e21, CHINCHILLA_UNROUNDED).paramsExponent).toBeCloseTo(0.46, 2);
    expect(parametricOptimal(1e21, BESIROGLU_2024).paramsExponent).toBeCloseTo(0.5126, 4);
  });

  it('tokens per parameter: printed 50/93/139, unrounded 34/59/85, Besiroglu 21.6/18.4/16.5 at 1e21/5.76e23/3.8e25', () => {
    // Chapter 2's callout ("the published constants do not reproduce the 20-to-1 rule") rests on these.
    const expected: Record<string, number[]> = {
      printed: [50, 93, 139],
      unrounded: [34, 59, 85],
      Besiroglu: [21.6, 18.4, 16.5],
    };
    for (const [name, k] of sets) {
      [1e21, 5.76e23, 3.8e25].forEach((C, i) => {
        const { params, tokens } = parametricOptimal(C, k);
        expect(Math.abs(tokens / params / expected[name][i] - 1), `${name} at ${C}`).toBeLessThan(0.01);
      });
    }
  });

  it('only the unrounded constants reproduce the paper’s approach-3 numbers (Figure 4’s 40B; Table A3)', () => {
    // Figure 4: "We project the optimal model size given the Gopher FLOP budget to be 40B parameters"
    // (a round figure: 35–45B). Unrounded constants: 40.3B; printed constants: 32.2B, outside it.
    const unroundedAtGopher = parametricOptimal(5.76e23, CHINCHILLA_UNROUNDED).params;
    expect(unroundedAtGopher).toBeGreaterThan(35e9);
    expect(unroundedAtGopher).toBeLessThan(45e9);
    expect(parametricOptimal(5.76e23, CHINCHILLA_PRINTED).params).toBeLessThan(35e9);
    // Table A3, approach 3 rows: the unrounded closed form is within 8% of every printed model size,
    // the rounded one 18–31% below.
    for (const [params, printedFlops] of TABLE_A3_APPROACH_3_PRINTED) {
      const flops = params === 175e9 ? 1.26e25 : printedFlops;
      const unrounded = parametricOptimal(flops, CHINCHILLA_UNROUNDED).params / params;
      const printed = parametricOptimal(flops, CHINCHILLA_PRINTED).params / params;
      expect(unrounded).toBeGreaterThan(0.92);
      expect(unrounded).toBeLessThan(1);
      expect(printed).toBeLessThan(0.82);
    }
  });

  it('Besiroglu’s frontier sits near approach 1: within 15% on model size from 1e20 to 1e24 FLOPs', () => {
    for (const C of [1e20, 1e22, 1e24]) {
      const ratio = parametricOptimal(C, BESIROGLU_2024).params / chinchillaOptimal(C, 1).params;
      expect(ratio).toBeGreaterThan(0.85);
      expect(ratio).toBeLessThan(1.15);
    }
  });
});

describe('Chinchilla bad input', () => {
  it('names the argument that is wrong', () => {
    expect(() => chinchillaOptimal(0, 1)).toThrow(/chinchillaOptimal: computeFlops must be a positive/);
    expect(() => chinchillaOptimal(-1e21, 2)).toThrow(/computeFlops/);
    expect(() => chinchillaOptimal(NaN, 3)).toThrow(/computeFlops/);
    expect(() => chinchillaOptimal(1e21, 4 as ChinchillaApproach)).toThrow(/approach must be 1, 2 or 3, got 4/);
    expect(() => chinchillaLoss(0, 1e9)).toThrow(/chinchillaLoss: params/);
    expect(() => chinchillaLoss(1e9, -5)).toThrow(/chinchillaLoss: tokens/);
    expect(() => chinchillaLoss(1e9, 1e9, { ...CHINCHILLA_PRINTED, alpha: 0 })).toThrow(/constants\.alpha/);
    expect(() => parametricOptimal(0)).toThrow(/parametricOptimal: computeFlops/);
    expect(() => chinchillaComputeForParams(Infinity, 1)).toThrow(/chinchillaComputeForParams: params/);
  });
});
