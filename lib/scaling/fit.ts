// Fitting y = c · x^k by ordinary least squares on (ln x, ln y), with a t-based confidence
// interval on k and a pairs bootstrap. This is how a scaling exponent is read off a sweep of runs
// (chapter 2, "Measuring an exponent yourself"; the LiveScalingSweep widget).
//
// Sign convention: `exponent` is k exactly as fitted in y = c · x^k. A loss that falls with scale
// gives a NEGATIVE exponent (Kaplan's L(N) = (N_c/N)^0.076 is k = −0.076). Kaplan's α_N is −k.

import type { Rng } from '@/lib/sample/rng';
import { studentTQuantile } from './student-t';
import { requirePositive, requirePositiveSeries } from './validate';

export interface PowerLawFit {
  /** k in y = c · x^k (negative for a falling loss). */
  exponent: number;
  /** c in y = c · x^k, in the units of y (the value of the line at x = 1). */
  coefficient: number;
  /** Confidence interval for k from Student's t on the slope's standard error; ±∞ with 2 points. */
  interval: [number, number];
  /** Standard error of k (0 for a perfect fit, NaN with 2 points). */
  standardError: number;
  /** n − 2. */
  degreesOfFreedom: number;
  /** R² of the straight line in log–log space. */
  rSquared: number;
  /** The level of `interval`, e.g. 0.95. */
  confidence: number;
}

export interface PowerLawFitOptions {
  /** Confidence level of the interval, in (0, 1). Default 0.95. */
  confidence?: number;
}

function requireConfidence(fn: string, confidence: number): void {
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${fn}: confidence must be in (0, 1), got ${String(confidence)}`);
  }
}

/** Slope, intercept and residual sum of squares of y on x (plain OLS; xs not all equal). */
function leastSquaresLine(lx: readonly number[], ly: readonly number[]) {
  const n = lx.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += lx[i];
    my += ly[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = lx[i] - mx;
    const dy = ly[i] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let rss = 0;
  for (let i = 0; i < n; i++) rss += (ly[i] - intercept - slope * lx[i]) ** 2;
  return { slope, intercept, rss, sxx, syy };
}

/**
 * Fits y = c · x^k by least squares on (ln x, ln y).
 * Needs at least 2 points with positive, finite values and two distinct x. With exactly 2 points
 * the line is exact and says nothing about its own uncertainty, so the interval is (−∞, ∞).
 */
export function fitPowerLaw(xs: number[], ys: number[], options: PowerLawFitOptions = {}): PowerLawFit {
  const fn = 'fitPowerLaw';
  requirePositiveSeries(fn, xs, ys, 2);
  const confidence = options.confidence ?? 0.95;
  requireConfidence(fn, confidence);

  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const { slope, intercept, rss, sxx, syy } = leastSquaresLine(lx, ly);
  const degreesOfFreedom = xs.length - 2;
  const rSquared = syy === 0 ? 1 : 1 - rss / syy;

  if (degreesOfFreedom === 0) {
    return {
      exponent: slope,
      coefficient: Math.exp(intercept),
      interval: [-Infinity, Infinity],
      standardError: NaN,
      degreesOfFreedom,
      rSquared,
      confidence,
    };
  }
  const standardError = Math.sqrt(rss / degreesOfFreedom / sxx);
  const halfWidth = studentTQuantile(0.5 + confidence / 2, degreesOfFreedom) * standardError;
  return {
    exponent: slope,
    coefficient: Math.exp(intercept),
    interval: [slope - halfWidth, slope + halfWidth],
    standardError,
    degreesOfFreedom,
    rSquared,
    confidence,
  };
}

export interface BootstrapOptions {
  /** Number of resampled fits. Default 1000. */
  resamples?: number;
  /** The seeded source of randomness (lib/sample/rng.ts); the same seed gives the same interval. */
  rng: Rng;
  /** Level of the percentile interval, in (0, 1). Default 0.95. */
  confidence?: number;
}

export interface PowerLawBootstrap {
  /** k and c fitted on all the points (the bootstrap only supplies the interval). */
  exponent: number;
  coefficient: number;
  /** Percentile interval of the resampled exponents. */
  interval: [number, number];
  /** Standard deviation of the resampled exponents. */
  standardError: number;
  /** Every resampled exponent, in the order drawn (for a histogram). */
  exponents: number[];
  confidence: number;
}

/** The q-quantile of sorted values, linearly interpolated (R's type 7, numpy's default). */
export function quantileSorted(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Pairs bootstrap of the power-law exponent: draw n (x, y) points with replacement, refit, repeat.
 * A draw whose x values are all equal has no slope; it is redrawn (with 4 or more points this is
 * rare: probability n^(1−n), under 2% for n = 4). Needs at least 3 points.
 */
export function bootstrapPowerLaw(xs: number[], ys: number[], options: BootstrapOptions): PowerLawBootstrap {
  const fn = 'bootstrapPowerLaw';
  requirePositiveSeries(fn, xs, ys, 3);
  const { rng } = options ?? {};
  if (!rng || typeof rng.int !== 'function') {
    throw new TypeError(`${fn}: options.rng must be a seeded Rng from createRng (lib/sample/rng.ts)`);
  }
  const resamples = options.resamples ?? 1000;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`${fn}: resamples must be a positive integer, got ${String(resamples)}`);
  }
  const confidence = options.confidence ?? 0.95;
  requireConfidence(fn, confidence);

  const n = xs.length;
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const full = leastSquaresLine(lx, ly);
  const exponents: number[] = [];
  const bx = new Array<number>(n);
  const by = new Array<number>(n);
  for (let r = 0; r < resamples; r++) {
    let attempts = 0;
    let distinct = false;
    while (!distinct) {
      if (++attempts > 1000) throw new Error(`${fn}: could not draw a resample with two distinct x values`);
      for (let i = 0; i < n; i++) {
        const j = rng.int(n);
        bx[i] = lx[j];
        by[i] = ly[j];
      }
      distinct = bx.some((v) => v !== bx[0]);
    }
    exponents.push(leastSquaresLine(bx, by).slope);
  }

  const sorted = [...exponents].sort((a, b) => a - b);
  const mean = exponents.reduce((s, v) => s + v, 0) / resamples;
  const variance = exponents.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, resamples - 1);
  const tail = (1 - confidence) / 2;
  return {
    exponent: full.slope,
    coefficient: Math.exp(full.intercept),
    interval: [quantileSorted(sorted, tail), quantileSorted(sorted, 1 - tail)],
    standardError: Math.sqrt(variance),
    exponents,
    confidence,
  };
}

/** y = c · x^k for a fitted law (a helper for charts and tests). */
export function evaluatePowerLaw(fit: Pick<PowerLawFit, 'exponent' | 'coefficient'>, x: number): number {
  requirePositive('evaluatePowerLaw', 'x', x);
  return fit.coefficient * x ** fit.exponent;
}
