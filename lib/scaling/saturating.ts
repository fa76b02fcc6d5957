// Fitting the saturating form y = E + A · x^(−α): a power law that levels off at a floor E, the
// shape of Chinchilla's L(N, D) along one axis (chapter 2, "A floor that no model can go below").
// A straight line in log–log space is the wrong model once the floor matters: it bends the fitted
// exponent towards zero. The fit is least squares in y itself, found in two stages:
//   1. profile over E: for each trial floor below min(y), y − E is a pure power law, so ln(y − E)
//      on ln x is a straight line (OLS gives A and α); keep the E whose curve fits y best;
//   2. refine (E, ln A, α) together with Levenberg–Marquardt on the residuals in y.
// Stage 1 makes the result independent of a starting guess; stage 2 removes the bias of fitting in
// log space and of the grid's spacing.
//
// Sign convention: α here is the decay rate in x^(−α), positive for a falling curve, as in the
// papers (Chinchilla's α = 0.34). Contrast fitPowerLaw, whose `exponent` is k in c · x^k.

import { requireFinite, requirePositiveSeries } from './validate';

export interface SaturatingFit {
  /** The floor E the curve approaches as x → ∞ (Chinchilla's irreducible loss). */
  E: number;
  /** The scale A of the reducible part A · x^(−α), in the units of y. */
  A: number;
  /** The decay exponent α in x^(−α) (positive when y falls). */
  alpha: number;
  /** Σ (y − E − A x^(−α))² at the solution. */
  residualSumOfSquares: number;
  /** √(RSS / (n − 3)): the typical size of a residual; NaN with exactly 3 points. */
  residualStandardError: number;
}

export interface SaturatingFitOptions {
  /** The lowest floor to consider. Default 0, since a cross-entropy cannot be negative. */
  minE?: number;
}

interface Params {
  E: number;
  /** ln A at the centred x (see `centre` below), which keeps the problem well conditioned. */
  logScale: number;
  alpha: number;
}

const GRID_POINTS = 160;
/** The grid spans floors from minE up to within 1e-6 of the data's range below min(y). */
const GRID_DECADES = 6;

function residualSum(p: Params, u: readonly number[], ys: readonly number[]): number {
  let rss = 0;
  for (let i = 0; i < u.length; i++) rss += (ys[i] - p.E - Math.exp(p.logScale - p.alpha * u[i])) ** 2;
  return rss;
}

/** For a fixed floor E, the OLS line of ln(y − E) on u gives ln A and −α. */
function profileAt(E: number, u: readonly number[], ys: readonly number[]): Params {
  const n = u.length;
  const z = ys.map((y) => Math.log(y - E));
  let mu = 0;
  let mz = 0;
  for (let i = 0; i < n; i++) {
    mu += u[i];
    mz += z[i];
  }
  mu /= n;
  mz /= n;
  let suu = 0;
  let suz = 0;
  for (let i = 0; i < n; i++) {
    suu += (u[i] - mu) ** 2;
    suz += (u[i] - mu) * (z[i] - mz);
  }
  const slope = suz / suu;
  return { E, logScale: mz - slope * mu, alpha: -slope };
}

/** Solves the 3×3 system M δ = g by Gaussian elimination with partial pivoting; null if singular. */
function solve3(M: number[][], g: number[]): number[] | null {
  const a = M.map((row, i) => [...row, g[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (Math.abs(a[pivot][col]) < 1e-300) return null;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let r = col + 1; r < 3; r++) {
      const f = a[r][col] / a[col][col];
      for (let c = col; c < 4; c++) a[r][c] -= f * a[col][c];
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = a[r][3];
    for (let c = r + 1; c < 3; c++) s -= a[r][c] * x[c];
    x[r] = s / a[r][r];
  }
  return x.every(Number.isFinite) ? x : null;
}

/** Levenberg–Marquardt on (E, ln A, α), keeping E ≥ minE. */
function refine(start: Params, u: readonly number[], ys: readonly number[], minE: number): Params {
  let p = start;
  let rss = residualSum(p, u, ys);
  let lambda = 1e-3;
  for (let iter = 0; iter < 500 && lambda < 1e12; iter++) {
    // Jacobian of the model E + exp(ln A − α u) with respect to (E, ln A, α): rows [1, q, −u q].
    const JtJ = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const Jtr = [0, 0, 0];
    for (let i = 0; i < u.length; i++) {
      const q = Math.exp(p.logScale - p.alpha * u[i]);
      const J = [1, q, -u[i] * q];
      const r = ys[i] - p.E - q;
      for (let a = 0; a < 3; a++) {
        Jtr[a] += J[a] * r;
        for (let b = 0; b < 3; b++) JtJ[a][b] += J[a] * J[b];
      }
    }
    const damped = JtJ.map((row, a) => row.map((v, b) => (a === b ? v * (1 + lambda) + 1e-300 : v)));
    const step = solve3(damped, Jtr);
    if (!step) {
      lambda *= 10;
      continue;
    }
    const next: Params = {
      E: Math.max(minE, p.E + step[0]),
      logScale: p.logScale + step[1],
      alpha: p.alpha + step[2],
    };
    const nextRss = residualSum(next, u, ys);
    if (Number.isFinite(nextRss) && nextRss < rss) {
      const improvement = (rss - nextRss) / Math.max(rss, 1e-300);
      p = next;
      rss = nextRss;
      lambda = Math.max(lambda / 3, 1e-12);
      if (improvement < 1e-14) break;
    } else {
      lambda *= 4;
    }
  }
  return p;
}

/**
 * Fits y = E + A · x^(−α) by least squares in y. Needs at least 3 points (3 parameters), positive
 * finite values and two distinct x; E is searched in [minE, min(y)) and then refined (kept ≥ minE).
 */
export function fitSaturatingPowerLaw(
  xs: number[],
  ys: number[],
  options: SaturatingFitOptions = {},
): SaturatingFit {
  const fn = 'fitSaturatingPowerLaw';
  requirePositiveSeries(fn, xs, ys, 3);
  const minE = options.minE ?? 0;
  requireFinite(fn, 'options.minE', minE);
  const yMin = Math.min(...ys);
  if (minE >= yMin) {
    throw new RangeError(`${fn}: options.minE (${minE}) must be below the smallest y (${yMin})`);
  }

  // Centre ln x so that ln A and α are nearly uncorrelated during the search.
  const lx = xs.map(Math.log);
  const centre = lx.reduce((s, v) => s + v, 0) / lx.length;
  const u = lx.map((v) => v - centre);

  const span = yMin - minE;
  let best: Params | null = null;
  let bestRss = Infinity;
  for (let j = 0; j < GRID_POINTS; j++) {
    const E = yMin - span * 10 ** ((-GRID_DECADES * j) / (GRID_POINTS - 1));
    const p = profileAt(E, u, ys);
    const rss = residualSum(p, u, ys);
    if (Number.isFinite(rss) && rss < bestRss) {
      best = p;
      bestRss = rss;
    }
  }
  if (!best) throw new Error(`${fn}: no floor E in [${minE}, ${yMin}) gives a finite fit`);

  const p = refine(best, u, ys, minE);
  const rss = residualSum(p, u, ys);
  return {
    E: p.E,
    A: Math.exp(p.logScale + p.alpha * centre),
    alpha: p.alpha,
    residualSumOfSquares: rss,
    residualStandardError: xs.length > 3 ? Math.sqrt(rss / (xs.length - 3)) : NaN,
  };
}
