// ScalingCalculator's budget conversion, input checks and recommendations against the papers.
import { describe, expect, it } from 'vitest';
import { defaultValues } from '@/lib/state/params';
import { chinchillaOptimal, HOFFMANN_TABLE_3_APPROACH_1 } from '@/lib/scaling';
import { budgetOf, budgetProblem, checkTyped, compareLaws, KNOWN_MODELS, parseNumber, scalingSchema, type ScalingParams } from '@/components/widgets/ScalingCalculator/params';
import { formatCount } from '@/components/widgets/ScalingCalculator/format';

const params = (extra: Partial<ScalingParams>): ScalingParams => ({ ...defaultValues(scalingSchema), ...extra });

describe('ScalingCalculator budget', () => {
  it('converts GPU-hours: 1e6 H100-hours at 40 % MFU = 1e6 × 3600 × 989e12 × 0.4 = 1.424e24 FLOPs', () => {
    const b = budgetOf(params({ budget: 'gpu-hours', gpuHours: 1e6, gpu: 'h100', mfu: 40 }));
    expect(b.flops).toBeCloseTo(1e6 * 3600 * 989e12 * 0.4, -18);
    expect(b.flops / 1.424e24).toBeCloseTo(1, 3);
  });

  it('converts dollars through the price per GPU-hour: $10M at $2.50/h on A100s at 50 %', () => {
    const b = budgetOf(params({ budget: 'dollars', dollars: 1e7, price: 2.5, gpu: 'a100', mfu: 50 }));
    expect(b.gpuHours).toBe(4e6);
    expect(b.flops).toBeCloseTo(4e6 * 3600 * 312e12 * 0.5, -18);
  });

  it('refuses a derived budget outside the range the laws cover, with the number', () => {
    const tiny = budgetOf(params({ budget: 'gpu-hours', gpuHours: 1, gpu: 'v100', mfu: 1 }));
    expect(tiny.flops).toBeCloseTo(4.5e15, -12);
    expect(budgetProblem(tiny)?.en).toBe("That is 4.5e15 FLOPs, below this calculator's range (1e17): the papers fitted their laws on larger runs.");
    expect(budgetProblem(budgetOf(params({ budget: 'flops', flops: 1e23 })))).toBeNull();
  });
});

describe('ScalingCalculator input checks', () => {
  it('reads scientific notation, ×10^ and thousands separators', () => {
    expect(parseNumber('5.76e23')).toBe(5.76e23);
    expect(parseNumber('5.76×10^23')).toBe(5.76e23);
    expect(parseNumber('1,000,000')).toBe(1e6);
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('1e')).toBeNaN();
  });

  it('names what is wrong: not a number, negative, 1e40 FLOPs', () => {
    expect(checkTyped('flops', 'NaN').problem?.en).toMatch(/not a number/);
    expect(checkTyped('flops', '-3e22').problem?.en).toMatch(/must be positive/);
    expect(checkTyped('flops', '1e40').problem?.en).toMatch(/far beyond any training run/);
    expect(checkTyped('flops', '1e40').problem?.zh).toMatch(/远超/);
    expect(checkTyped('mfu', '0').problem?.en).toMatch(/Utilisation.*positive/);
    expect(checkTyped('flops', '5.76e23')).toEqual({ value: 5.76e23 });
  });
});

describe('ScalingCalculator recommendations', () => {
  it('at Gopher’s budget (5.76e23) approach 1 gives Chinchilla: ≈ 68B parameters, ≈ 1.4T tokens (Table 3, 67B row)', () => {
    const r = compareLaws(5.76e23, 1);
    const row = HOFFMANN_TABLE_3_APPROACH_1[3];
    expect(row.params).toBe(67e9);
    expect(r.chinchilla.params / row.params).toBeCloseTo(1, 1); // within 5 %
    expect(r.chinchilla.tokens / 1.4e12).toBeCloseTo(1, 1);
    expect(r.chinchilla).toMatchObject(chinchillaOptimal(5.76e23, 1));
  });

  it('Kaplan wants a bigger model on fewer tokens at GPT-3’s budget, and the printed constants give far more than 20 tokens/param', () => {
    const gpt3 = KNOWN_MODELS.find((m) => m.id === 'gpt3')!;
    const r = compareLaws(6 * gpt3.params * gpt3.tokens, 1);
    expect(r.paramsRatio).toBeGreaterThan(4);
    expect(r.tokensRatio).toBeGreaterThan(4);
    expect(r.chinchilla.tokensPerParam).toBeGreaterThan(19);
    expect(r.chinchilla.tokensPerParam).toBeLessThan(22);
    expect(r.printedConstants.tokensPerParam).toBeGreaterThan(50);
    // Both recommendations spend exactly the budget.
    expect(6 * r.kaplan.params * r.kaplan.tokens).toBeCloseTo(3.15e23, -19);
    expect(compareLaws(1e21, 1).printedConstants.tokensPerParam).toBeCloseTo(50, -1);
  });

  it('prints sizes as papers do in English and in 亿 / 万亿 in Chinese', () => {
    expect(formatCount(67.8e9, 'en')).toBe('67.8B');
    expect(formatCount(67.8e9, 'zh')).toBe('678 亿');
    expect(formatCount(1.42e12, 'zh')).toBe('1.42 万亿');
  });
});
