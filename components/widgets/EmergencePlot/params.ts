// EmergencePlot's declared params (?w.emergence.<key>=…) and the metric-artefact model of
// Schaeffer, Miranda and Koyejo 2023 (§2): a per-token loss that falls smoothly as a power law
// in N, scored two ways. Exact match of an L-token answer is p^L, near zero and then a sudden
// rise; the expected token edit distance L·(1 − p) falls along an almost straight line on
// log–log axes. Same models, same outputs, different ruler.
import type { ParamSchema, ParamValues } from '@/lib/state/params';
import { PUBLISHED_TASKS } from './data';

export const EMERGENCE_ID = 'emergence';

export const emergenceSchema = {
  task: { kind: 'enum', default: 'mmlu', options: PUBLISHED_TASKS.map((t) => t.id) },
  xScale: { kind: 'enum', default: 'log', options: ['log', 'linear'] },
  metric: { kind: 'enum', default: 'exact', options: ['exact', 'edit'] },
  /** Answer length L in tokens (the chapter's example uses 10). */
  answerLength: { kind: 'number', default: 10, min: 1, max: 40, integer: true },
} as const satisfies ParamSchema;
export type EmergenceParams = ParamValues<typeof emergenceSchema>;

/**
 * Per-token cross-entropy on the answer tokens, ℓ(N) = (N / scale)^−α. Illustrative constants
 * (not fitted to any model): ℓ = 1 nat at 450M parameters, α = 0.8, so that an L = 10 answer is
 * exactly right half the time near 13B (as GPT-3's 2-digit sums were) and per-token accuracy
 * runs from ≈ 0.05 at 125M to > 0.99 at 175B.
 */
export const ARTEFACT_MODEL = { scale: 4.5e8, alpha: 0.8 } as const;

export const perTokenLoss = (params: number) => (params / ARTEFACT_MODEL.scale) ** -ARTEFACT_MODEL.alpha;
/** Probability that one answer token is right: p = e^−ℓ. */
export const perTokenAccuracy = (params: number) => Math.exp(-perTokenLoss(params));
/** All L tokens right, errors independent: p^L. */
export const exactMatch = (params: number, answerLength: number) => perTokenAccuracy(params) ** answerLength;
/** Expected substitutions to fix the answer: L·(1 − p). */
export const editDistance = (params: number, answerLength: number) => answerLength * (1 - perTokenAccuracy(params));

/** Model sizes the model curve is drawn at: 5e7 … 2e12, 12 per decade. */
export const MODEL_SIZES: number[] = (() => {
  const lo = Math.log10(5e7);
  const hi = Math.log10(2e12);
  const n = Math.round((hi - lo) * 12);
  return Array.from({ length: n + 1 }, (_, i) => 10 ** (lo + ((hi - lo) * i) / n));
})();

export function modelCurve(metric: 'exact' | 'edit', answerLength: number): { x: number; y: number }[] {
  return MODEL_SIZES.map((n) => ({ x: n, y: metric === 'exact' ? exactMatch(n, answerLength) : editDistance(n, answerLength) }));
}

/**
 * How step-like a curve looks on its axes: the largest share of the total change that happens
 * within any one decade of N (y in log space when the y axis is logarithmic). A straight line
 * over D decades scores 1/D; a step scores 1.
 */
export function steepestDecadeShare(points: { x: number; y: number }[], logY: boolean): number {
  const f = (y: number) => (logY ? Math.log(y) : y);
  const total = Math.abs(f(points[points.length - 1].y) - f(points[0].y));
  if (!(total > 0)) return 0;
  let best = 0;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length && points[j].x <= points[i].x * 10 * (1 + 1e-9); j++) {
      best = Math.max(best, Math.abs(f(points[j].y) - f(points[i].y)));
    }
  }
  return best / total;
}
