// Hand-made and seeded next-token tables standing in for a model in decoding tests.
import { createRng } from '@/lib/sample/rng';
import type { ScoreNext } from '@/lib/sample/stop';

/** logits = log p, with −Infinity for p = 0. */
export const logitsOf = (probs: number[]) => Float32Array.from(probs, (p) => (p > 0 ? Math.log(p) : -Infinity));

/**
 * A table keyed by the generated part of the prefix (ids after the prompt, joined by ','):
 * each entry gives the next-token probabilities; prefixes not in the table get `fallback`.
 */
export function tableScorer(promptLength: number, table: Record<string, number[]>, fallback: number[]): ScoreNext & { calls: number[][][] } {
  const calls: number[][][] = [];
  const score = async (prefixes: number[][]) => {
    calls.push(prefixes.map((p) => p.slice()));
    return prefixes.map((p) => logitsOf(table[p.slice(promptLength).join(',')] ?? fallback));
  };
  return Object.assign(score, { calls });
}

/**
 * Pseudo-random logits that depend only on the whole prefix (as a model's would), scaled by
 * `spread`; the winner is lifted by `gap` so greedy choices are never near-ties.
 */
export function hashedScorer(vocabSize: number, spread = 2, gap = 0.5): ScoreNext {
  return async (prefixes) =>
    prefixes.map((p) => {
      let h = 17;
      for (const id of p) h = (Math.imul(h, 31) + id + 1) | 0;
      const rng = createRng(h);
      const logits = Float32Array.from({ length: vocabSize }, () => rng.normal() * spread);
      let best = 0;
      for (let i = 1; i < vocabSize; i++) if (logits[i] > logits[best]) best = i;
      logits[best] += gap;
      return logits;
    });
}
