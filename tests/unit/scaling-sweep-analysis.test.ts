// LiveScalingSweep's analysis: the fit over finished models and the CSV a reader downloads.
import { describe, expect, it } from 'vitest';
import { fitSweep, parseSweepCsv, sweepCsv } from '@/components/widgets/LiveScalingSweep/analysis';
import type { SweepResult } from '@/lib/engine/features/sweep/protocol';
import { createRng } from '@/lib/sample/rng';

/** Results that follow L = 1.2 + 30·N^−0.35 (a floor, like real losses), with 0.5% seeded noise. */
function synthetic(noise = 0.005): SweepResult[] {
  const rng = createRng(11);
  return [1e3, 4e3, 1.2e4, 3e4, 9e4].map((n, index) => {
    const valLoss = (1.2 + 30 * n ** -0.35) * (1 + noise * (2 * rng.next() - 1));
    return { index, nLayer: 2, nHead: 2, dModel: 16 * (index + 1), params: n + 5000, nonEmbeddingParams: n, steps: 100, tokens: 51_200, compute: 6 * n * 51_200, valLoss, trainLoss: valLoss - 0.01, seconds: 1 + index };
  });
}

describe('sweep analysis', () => {
  it('fits nothing with one model, a line with two (interval ±∞), and the saturating form with five', () => {
    const r = synthetic();
    expect(fitSweep(r.slice(0, 1)).params).toBeNull();
    const two = fitSweep(r.slice(0, 2)).params!;
    expect(two.exponent).toBeLessThan(0);
    expect(two.interval).toEqual([-Infinity, Infinity]);
    expect(fitSweep(r.slice(0, 4)).saturating).toBeNull();
    const all = fitSweep(r);
    expect(all.params!.interval[0]).toBeLessThan(all.params!.exponent);
    expect(all.params!.interval[1]).toBeGreaterThan(all.params!.exponent);
    // The straight log–log line underestimates the decay that the floor hides; the saturating fit recovers it.
    expect(-all.params!.exponent).toBeLessThan(0.35);
    expect(all.saturating!.alpha).toBeGreaterThan(0.2);
    expect(all.saturating!.alpha).toBeLessThan(0.5);
    expect(all.saturating!.E).toBeGreaterThan(0.9);
    expect(all.saturating!.E).toBeLessThan(1.5);
  });

  it('fits loss against compute only when compute differs between models', () => {
    const r = synthetic();
    expect(fitSweep(r).compute!.exponent).toBeCloseTo(fitSweep(r).params!.exponent, 10); // D fixed: C ∝ N
    const equal = r.map((x) => ({ ...x, compute: 1e12 }));
    expect(fitSweep(equal).compute).toBeNull();
  });

  it('writes one CSV row per model that parses back to the same numbers', () => {
    const r = synthetic();
    const csv = sweepCsv(r, { corpus: 'tiny-shakespeare', backend: 'wasm', mode: 'tokens', length: 'tiny' });
    expect(csv.split('\n')[1]).toBe('model,n_layer,n_head,d_model,params_total,params_non_embedding,steps,tokens,flops_6ND,val_loss,train_loss,seconds');
    const rows = parseSweepCsv(csv);
    expect(rows).toHaveLength(5);
    rows.forEach((row, i) => {
      expect(row.params_non_embedding).toBe(r[i].nonEmbeddingParams);
      expect(row.flops_6ND).toBe(6 * row.params_non_embedding * row.tokens);
      expect(row.val_loss).toBe(r[i].valLoss); // full precision: a refit gives the page's exponent exactly
    });
  });
});
