// EmergencePlot's published data and the metric-artefact model (Schaeffer et al. 2023, §2).
import { describe, expect, it } from 'vitest';
import { PUBLISHED_TASKS } from '@/components/widgets/EmergencePlot/data';
import { editDistance, exactMatch, modelCurve, perTokenAccuracy, steepestDecadeShare } from '@/components/widgets/EmergencePlot/params';

describe('published emergence data', () => {
  it('MMLU few-shot GPT-3 sits at chance to 13B and jumps at 175B (Hendrycks et al. 2021, Table 1)', () => {
    const mmlu = PUBLISHED_TASKS.find((t) => t.id === 'mmlu')!;
    expect(mmlu.points.map((p) => [p.params, p.accuracy])).toEqual([[2.7e9, 0.259], [6.7e9, 0.249], [13e9, 0.26], [175e9, 0.439]]);
    expect(mmlu.points.slice(0, 3).every((p) => Math.abs(p.accuracy - mmlu.chance) < 0.02)).toBe(true);
  });
  it('GPT-3 175B arithmetic matches Table 3.9 of Brown et al. 2020 (few-shot: 100.0, 80.4, 25.5, 29.2)', () => {
    const at175 = (id: string) => PUBLISHED_TASKS.find((t) => t.id === id)!.points.find((p) => p.params === 175e9)!.accuracy;
    expect([at175('arith-2d-add'), at175('arith-3d-add'), at175('arith-4d-add'), at175('arith-2d-mul')]).toEqual([1, 0.804, 0.255, 0.292]);
  });
  it('marks values the paper gives only as bounds', () => {
    const threeDigit = PUBLISHED_TASKS.find((t) => t.id === 'arith-3d-add')!;
    expect(threeDigit.points[0]).toEqual({ params: 13e9, accuracy: 0.1, bound: 'below' });
  });
});

describe('metric-artefact model', () => {
  it('exact match is p^L and edit distance L(1 − p) of one smooth per-token accuracy', () => {
    const p = perTokenAccuracy(13e9);
    expect(exactMatch(13e9, 10)).toBeCloseTo(p ** 10, 12);
    expect(editDistance(13e9, 10)).toBeCloseTo(10 * (1 - p), 12);
    // The chapter's example: p = 0.8, 0.9, 0.95, 0.99 gives exact match 0.11, 0.35, 0.60, 0.90 at m = 10.
    expect([0.8, 0.9, 0.95, 0.99].map((q) => Number((q ** 10).toFixed(2)))).toEqual([0.11, 0.35, 0.6, 0.9]);
  });
  it('exact match looks like a step, edit distance like a straight line on log–log axes', () => {
    for (const L of [4, 10, 40]) {
      expect(steepestDecadeShare(modelCurve('exact', L), false)).toBeGreaterThan(0.5);
      expect(steepestDecadeShare(modelCurve('edit', L), true)).toBeLessThan(0.3);
    }
    // A straight line over D decades puts 1/D of its change in each.
    const line = Array.from({ length: 41 }, (_, i) => ({ x: 10 ** (8 + i / 10), y: 10 ** (-i / 10) }));
    expect(steepestDecadeShare(line, true)).toBeCloseTo(0.25, 6);
  });
  it('a longer answer moves the jump to larger models without changing p', () => {
    const half = (L: number) => modelCurve('exact', L).find((pt) => pt.y >= 0.5)!.x;
    expect(half(40)).toBeGreaterThan(half(10) * 3);
    expect(half(10)).toBeGreaterThan(half(1) * 3);
  });
});
