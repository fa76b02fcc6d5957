import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRng, type Rng } from '@/lib/sample/rng';
import {
  bootstrapPowerLaw,
  evaluatePowerLaw,
  fitPowerLaw,
  fitSaturatingPowerLaw,
  kaplanLossFromParams,
  studentTCdf,
  studentTQuantile,
} from '@/lib/scaling';

afterEach(() => vi.restoreAllMocks());

/** Log-spaced points from 10^from to 10^to. */
const logSpace = (from: number, to: number, n: number) =>
  Array.from({ length: n }, (_, i) => 10 ** (from + ((to - from) * i) / (n - 1)));

/** y = c x^k with multiplicative log-normal noise of relative size `noise`. */
const noisyPowerLaw = (xs: number[], c: number, k: number, noise: number, rng: Rng) =>
  xs.map((x) => c * x ** k * Math.exp(noise * rng.normal()));

describe('Student t quantiles', () => {
  it('match the printed table of two-sided 95% critical values', () => {
    // Standard t tables (e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2), upper 2.5% points.
    const table: [number, number][] = [
      [1, 12.706],
      [2, 4.303],
      [3, 3.182],
      [4, 2.776],
      [5, 2.571],
      [10, 2.228],
      [30, 2.042],
      [100, 1.984],
    ];
    for (const [dof, t] of table) expect(studentTQuantile(0.975, dof)).toBeCloseTo(t, 3);
    expect(studentTQuantile(0.995, 3)).toBeCloseTo(5.841, 3);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3); // the normal limit
  });

  it('are the inverse of the CDF and symmetric', () => {
    for (const dof of [1, 2, 3, 7.5, 40]) {
      for (const p of [0.01, 0.2, 0.5, 0.9, 0.999]) {
        expect(studentTCdf(studentTQuantile(p, dof), dof)).toBeCloseTo(p, 9);
      }
      expect(studentTQuantile(0.1, dof)).toBeCloseTo(-studentTQuantile(0.9, dof), 9);
    }
  });
});

describe('fitPowerLaw (OLS on logs)', () => {
  it('recovers an exact power law, with a zero-width interval and R² = 1', () => {
    const xs = logSpace(6, 10, 6);
    const fit = fitPowerLaw(xs, xs.map((x) => 3 * x ** -0.076));
    expect(fit.exponent).toBeCloseTo(-0.076, 12);
    expect(fit.coefficient).toBeCloseTo(3, 9);
    expect(fit.interval[1] - fit.interval[0]).toBeLessThan(1e-9);
    expect(fit.rSquared).toBeCloseTo(1, 12);
    expect(evaluatePowerLaw(fit, 1e8)).toBeCloseTo(3 * 1e8 ** -0.076, 9);
  });

  it('returns Kaplan’s α_N as a negative exponent when fitted to Kaplan’s own L(N)', () => {
    const xs = logSpace(7, 11, 5);
    const fit = fitPowerLaw(xs, xs.map(kaplanLossFromParams));
    expect(fit.exponent).toBeCloseTo(-0.076, 12);
    expect(fit.coefficient).toBeCloseTo(8.8e13 ** 0.076, 9);
  });

  it('reads the chapter’s examples: the callout’s slope 0.0706 and exercise 1’s α = 0.0506', () => {
    // Chapter 2 callout: 1e8 params → 3.0, 1e9 → 2.55. Two points fix the line but not its
    // uncertainty, so the interval is unbounded.
    const callout = fitPowerLaw([1e8, 1e9], [3.0, 2.55]);
    expect(callout.exponent).toBeCloseTo(-0.0706, 4);
    expect(callout.interval).toEqual([-Infinity, Infinity]);
    expect(fitPowerLaw([2e7, 4e8], [3.2, 2.75]).exponent).toBeCloseTo(-0.0506, 4);
  });

  it('a LiveScalingSweep-like run (5 widths, noisy falling loss) gives a negative exponent and a finite interval', () => {
    const xs = [2e4, 5e4, 1.2e5, 3e5, 7e5]; // tiny-model parameter counts
    const ys = noisyPowerLaw(xs, 9, -0.09, 0.01, createRng(11));
    const fit = fitPowerLaw(xs, ys);
    expect(fit.exponent).toBeLessThan(0);
    expect(Number.isFinite(fit.interval[0]) && Number.isFinite(fit.interval[1])).toBe(true);
    expect(fit.interval[0]).toBeLessThan(fit.exponent);
    expect(fit.interval[1]).toBeGreaterThan(fit.exponent);
    expect(fit.degreesOfFreedom).toBe(3);
    // The half-width is t(0.975, 3) = 3.18 standard errors, not the normal 1.96.
    expect((fit.interval[1] - fit.interval[0]) / 2 / fit.standardError).toBeCloseTo(3.1824, 4);
  });

  it('its 95% interval covers the true exponent in ≈ 95% of 400 seeded 5-point sweeps', () => {
    // Binomial standard error for 400 trials at 0.95 is 1.1%, so a correct interval lands in
    // [0.92, 0.98] (±2.7 sd); a normal-quantile interval would cover only ≈ 0.85 with 3 dof.
    const xs = logSpace(5, 7, 5);
    let covered = 0;
    for (let seed = 0; seed < 400; seed++) {
      const fit = fitPowerLaw(xs, noisyPowerLaw(xs, 3, -0.076, 0.02, createRng(1000 + seed)));
      if (fit.interval[0] <= -0.076 && -0.076 <= fit.interval[1]) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.92);
    expect(covered / 400).toBeLessThan(0.98);
  });

  it('honours another confidence level', () => {
    const xs = logSpace(5, 7, 6);
    const ys = noisyPowerLaw(xs, 3, -0.1, 0.03, createRng(5));
    const wide = fitPowerLaw(xs, ys, { confidence: 0.99 });
    const narrow = fitPowerLaw(xs, ys, { confidence: 0.8 });
    expect(wide.interval[1] - wide.interval[0]).toBeGreaterThan(narrow.interval[1] - narrow.interval[0]);
    expect((wide.interval[1] - wide.interval[0]) / 2 / wide.standardError).toBeCloseTo(studentTQuantile(0.995, 4), 9);
  });
});

describe('bootstrapPowerLaw', () => {
  const xs = logSpace(5, 7, 8);
  const ys = noisyPowerLaw(xs, 3, -0.076, 0.02, createRng(3));

  it('is reproducible from its seed and uses no other randomness', () => {
    const random = vi.spyOn(Math, 'random');
    const a = bootstrapPowerLaw(xs, ys, { resamples: 500, rng: createRng(42) });
    const b = bootstrapPowerLaw(xs, ys, { resamples: 500, rng: createRng(42) });
    const c = bootstrapPowerLaw(xs, ys, { resamples: 500, rng: createRng(43) });
    expect(random).not.toHaveBeenCalled();
    expect(b).toEqual(a);
    expect(c.interval).not.toEqual(a.interval);
    expect(a.exponents).toHaveLength(500);
  });

  it('keeps the full-data fit as its point estimate, inside an interval of the same scale as the t interval', () => {
    const boot = bootstrapPowerLaw(xs, ys, { resamples: 2000, rng: createRng(1) });
    const ols = fitPowerLaw(xs, ys);
    expect(boot.exponent).toBeCloseTo(ols.exponent, 12);
    expect(boot.coefficient).toBeCloseTo(ols.coefficient, 12);
    expect(boot.interval[0]).toBeLessThan(boot.exponent);
    expect(boot.interval[1]).toBeGreaterThan(boot.exponent);
    const ratio = (boot.interval[1] - boot.interval[0]) / (ols.interval[1] - ols.interval[0]);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(1.5);
  });

  it('covers the true exponent in 82–96% of 200 seeded 8-point sweeps (percentile bootstraps run a little short at small n)', () => {
    let covered = 0;
    for (let seed = 0; seed < 200; seed++) {
      const rng = createRng(5000 + seed);
      const data = noisyPowerLaw(xs, 3, -0.076, 0.02, rng);
      const boot = bootstrapPowerLaw(xs, data, { resamples: 300, rng });
      if (boot.interval[0] <= -0.076 && -0.076 <= boot.interval[1]) covered++;
    }
    expect(covered / 200).toBeGreaterThan(0.82);
    expect(covered / 200).toBeLessThan(0.96);
  });

  it('works with 3 points (degenerate resamples are redrawn)', () => {
    const boot = bootstrapPowerLaw([1, 10, 100], [5, 4, 3.3], { resamples: 300, rng: createRng(9) });
    expect(boot.exponents.every(Number.isFinite)).toBe(true);
  });
});

describe('fitSaturatingPowerLaw (L = E + A·x^−α)', () => {
  const xs = logSpace(7, 11, 9);
  const truth = { E: 1.69, A: 406.4, alpha: 0.34 }; // Chinchilla's printed model term, as a test curve
  const curve = (x: number) => truth.E + truth.A * x ** -truth.alpha;
  const rssOf = (ys: number[], p: { E: number; A: number; alpha: number }) =>
    ys.reduce((s, y, i) => s + (y - p.E - p.A * xs[i] ** -p.alpha) ** 2, 0);

  it('recovers exact data to 6 digits', () => {
    const fit = fitSaturatingPowerLaw(xs, xs.map(curve));
    expect(fit.E).toBeCloseTo(truth.E, 6);
    expect(fit.A / truth.A).toBeCloseTo(1, 6);
    expect(fit.alpha).toBeCloseTo(truth.alpha, 6);
  });

  it('with 0.3% noise (40 seeds) finds the least-squares fit and recovers E within 0.03 and α within 0.02', () => {
    // Over these seeds the errors stay below ≈ 0.016 (E) and ≈ 0.01 (α): A and α trade off, so A
    // itself is known only to ≈ 20%.
    const alphaErrors: number[] = [];
    for (let seed = 0; seed < 40; seed++) {
      const rng = createRng(seed);
      const ys = xs.map((x) => curve(x) * (1 + 0.003 * rng.normal()));
      const fit = fitSaturatingPowerLaw(xs, ys);
      expect(Math.abs(fit.E - truth.E)).toBeLessThan(0.03);
      expect(Math.abs(fit.alpha - truth.alpha)).toBeLessThan(0.02);
      expect(Math.abs(fit.A / truth.A - 1)).toBeLessThan(0.3);
      // A least-squares fit can never be worse than the true parameters on the same data.
      expect(fit.residualSumOfSquares).toBeLessThanOrEqual(rssOf(ys, truth) * (1 + 1e-9));
      alphaErrors.push(Math.abs(fit.alpha - truth.alpha));
    }
    alphaErrors.sort((a, b) => a - b);
    expect(alphaErrors[20]).toBeLessThan(0.006);
  });

  it('shows why the floor matters: a straight log–log line on the same data reports a much smaller exponent', () => {
    const ys = xs.map(curve);
    expect(-fitPowerLaw(xs, ys).exponent).toBeLessThan(0.1); // vs the true 0.34
    expect(fitSaturatingPowerLaw(xs, ys).alpha).toBeCloseTo(0.34, 6);
  });

  it('respects minE, and refuses a floor at or above the data', () => {
    const ys = xs.map(curve);
    const floored = fitSaturatingPowerLaw(xs, ys, { minE: 1.72 }); // above the true 1.69, below min(y) = 1.764
    expect(floored.E).toBeGreaterThanOrEqual(1.72);
    expect(floored.residualSumOfSquares).toBeGreaterThan(0); // the true curve is no longer reachable
    expect(() => fitSaturatingPowerLaw(xs, ys, { minE: 5 })).toThrow(/options\.minE \(5\) must be below the smallest y/);
  });
});

describe('fit bad input', () => {
  it('names the argument that is wrong', () => {
    expect(() => fitPowerLaw([1], [1])).toThrow(/fitPowerLaw: needs at least 2 points, got 1/);
    expect(() => fitPowerLaw([1, 2, 3], [1, 2])).toThrow(/xs and ys must have the same length, got 3 and 2/);
    expect(() => fitPowerLaw([1, 0], [1, 2])).toThrow(/fitPowerLaw: xs\[1\] must be a positive finite number, got 0/);
    expect(() => fitPowerLaw([1, 2], [1, NaN])).toThrow(/ys\[1\] must be a positive finite number, got NaN/);
    expect(() => fitPowerLaw([1, 2], [-1, 2])).toThrow(/ys\[0\]/);
    expect(() => fitPowerLaw([3, 3, 3], [1, 2, 3])).toThrow(/xs must contain at least two distinct values/);
    expect(() => fitPowerLaw([1, 2, 3], [1, 2, 3], { confidence: 95 })).toThrow(/confidence must be in \(0, 1\)/);
    expect(() => bootstrapPowerLaw([1, 2], [1, 2], { rng: createRng(1) })).toThrow(/bootstrapPowerLaw: needs at least 3 points/);
    expect(() => bootstrapPowerLaw([1, 2, 3], [1, 2, 3], {} as never)).toThrow(/options\.rng must be a seeded Rng/);
    expect(() => bootstrapPowerLaw([1, 2, 3], [1, 2, 3], { rng: createRng(1), resamples: 0 })).toThrow(/resamples must be a positive integer/);
    expect(() => fitSaturatingPowerLaw([1, 2], [2, 1])).toThrow(/fitSaturatingPowerLaw: needs at least 3 points/);
    expect(() => studentTQuantile(1, 3)).toThrow(/p must be in \(0, 1\)/);
    expect(() => studentTQuantile(0.5, 0)).toThrow(/dof must be a positive/);
  });
});
