// ScalingCalculator's declared params (?w.scaling.<key>=…), the accelerators and published models
// it knows, and every number it shows. The laws themselves are lib/scaling; this file only turns a
// budget into FLOPs and asks both laws. Sources and dates: docs/scaling-widgets.md.
import {
  chinchillaLoss,
  chinchillaOptimal,
  kaplanLoss,
  kaplanOptimal,
  parametricOptimal,
  CHINCHILLA_APPROACHES,
  type ChinchillaApproach,
} from '@/lib/scaling';
import type { ParamSchema, ParamValues } from '@/lib/state/params';
import { scientific } from '@/components/ui/log-axis';

export const SCALING_ID = 'scaling';

/**
 * Dense (no structured sparsity) BF16 tensor-core peak per chip, from the vendors' datasheets
 * (V100 has no BF16: its FP16 tensor peak). MFU multiplies this, so a "40 %" run on an H100
 * delivers 0.4 × 989 TFLOP/s.
 */
export const ACCELERATORS = {
  v100: { name: 'NVIDIA V100 SXM2', peakFlops: 125e12, precision: 'FP16' },
  a100: { name: 'NVIDIA A100 SXM', peakFlops: 312e12, precision: 'BF16' },
  h100: { name: 'NVIDIA H100 SXM', peakFlops: 989e12, precision: 'BF16' },
  h200: { name: 'NVIDIA H200 SXM', peakFlops: 989e12, precision: 'BF16' },
  'tpu-v4': { name: 'Google TPU v4', peakFlops: 275e12, precision: 'BF16' },
} as const;
export type AcceleratorId = keyof typeof ACCELERATORS;

/** Below ≈ 1e17 FLOPs neither paper measured anything (Chinchilla's smallest IsoFLOP budget is 6e18). */
export const FLOPS_MIN = 1e17;
export const FLOPS_MAX = 1e29;

export const scalingSchema = {
  budget: { kind: 'enum', default: 'flops', options: ['flops', 'gpu-hours', 'dollars'] },
  flops: { kind: 'number', default: 5.76e23, min: FLOPS_MIN, max: FLOPS_MAX },
  gpu: { kind: 'enum', default: 'h100', options: Object.keys(ACCELERATORS) as AcceleratorId[] },
  gpuHours: { kind: 'number', default: 1e6, min: 1, max: 1e10 },
  /** Model FLOPs utilisation, in percent of the chip's peak. */
  mfu: { kind: 'number', default: 40, min: 1, max: 100 },
  dollars: { kind: 'number', default: 1e7, min: 1, max: 1e13 },
  /** $ per GPU-hour. */
  price: { kind: 'number', default: 2.5, min: 0.01, max: 1000 },
  approach: { kind: 'enum', default: '1', options: ['1', '2', '3'] },
} as const satisfies ParamSchema;
export type ScalingParams = ParamValues<typeof scalingSchema>;
export type TypedField = 'flops' | 'gpuHours' | 'mfu' | 'dollars' | 'price';

/**
 * Published models: parameters (all, embeddings included) and training tokens, as their papers
 * state them (table / section in docs/scaling-widgets.md).
 */
export const KNOWN_MODELS = [
  // `label` / `labelAt`: the chart labels clusters once (LLaMA, Llama 2, Llama 3) so names don't collide.
  { id: 'gpt3', name: 'GPT-3', params: 175e9, tokens: 300e9, label: 'GPT-3', labelAt: 'left' },
  { id: 'gopher', name: 'Gopher', params: 280e9, tokens: 300e9, label: 'Gopher', labelAt: 'right' },
  { id: 'chinchilla', name: 'Chinchilla', params: 70e9, tokens: 1.4e12, label: 'Chinchilla', labelAt: 'right' },
  { id: 'llama-7b', name: 'LLaMA 7B', params: 6.7e9, tokens: 1.0e12, label: 'LLaMA 7B–65B', labelAt: 'below' },
  { id: 'llama-13b', name: 'LLaMA 13B', params: 13.0e9, tokens: 1.0e12 },
  { id: 'llama-33b', name: 'LLaMA 33B', params: 32.5e9, tokens: 1.4e12 },
  { id: 'llama-65b', name: 'LLaMA 65B', params: 65.2e9, tokens: 1.4e12 },
  { id: 'llama2-7b', name: 'Llama 2 7B', params: 7e9, tokens: 2.0e12, label: 'Llama 2 7B, 70B', labelAt: 'above' },
  { id: 'llama2-70b', name: 'Llama 2 70B', params: 70e9, tokens: 2.0e12 },
  { id: 'llama3-8b', name: 'Llama 3 8B', params: 8e9, tokens: 15e12, label: 'Llama 3 8B, 70B, 405B', labelAt: 'above' },
  { id: 'llama3-70b', name: 'Llama 3 70B', params: 70e9, tokens: 15e12 },
  { id: 'llama3-405b', name: 'Llama 3 405B', params: 405e9, tokens: 15.6e12 },
] as const;

export type KnownModel = (typeof KNOWN_MODELS)[number];
export type BudgetProblem = { en: string; zh: string };
export type Checked = { value: number; problem?: undefined } | { value?: undefined; problem: BudgetProblem };

const FIELD_WORDS: Record<TypedField, { en: string; zh: string }> = {
  flops: { en: 'A compute budget', zh: '算力预算' },
  gpuHours: { en: 'GPU-hours', zh: 'GPU 小时数' },
  mfu: { en: 'Utilisation (MFU)', zh: '利用率（MFU）' },
  dollars: { en: 'A budget in dollars', zh: '美元预算' },
  price: { en: 'A price per GPU-hour', zh: '每 GPU 小时的价格' },
};

/** Reads "5.76e23", "5.76×10^23", "1,000,000", "1e6 " (not "0x10", not "", not "1e"). */
export function parseNumber(raw: string): number {
  const s = raw.trim().replace(/[,_\s]/g, '').replace(/[×x*]10\^/i, 'e').replace(/^\$/, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

/**
 * Checks a value typed into (or read from the URL for) one of the number fields. Refuses, with a
 * message naming the field and what is wrong, rather than silently clamping: a budget of 1e40
 * FLOPs is a mistake to point out, not a number to replace.
 */
export function checkTyped(field: TypedField, raw: string): Checked {
  const spec = scalingSchema[field];
  const what = FIELD_WORDS[field];
  const shown = raw.trim().length > 24 ? `${raw.trim().slice(0, 21)}…` : raw.trim();
  const n = parseNumber(raw);
  if (Number.isNaN(n)) {
    return { problem: { en: `“${shown}” is not a number. Write it like 5.76e23 or 1,000,000.`, zh: `“${shown}”不是数字。可以写成 5.76e23 或 1,000,000 这样的形式。` } };
  }
  if (!Number.isFinite(n)) return { problem: { en: `${what.en} must be finite.`, zh: `${what.zh}必须是有限的数。` } };
  if (n <= 0) return { problem: { en: `${what.en} must be positive; got ${shown}.`, zh: `${what.zh}必须大于零，而你输入的是 ${shown}。` } };
  if (n < spec.min) {
    return { problem: { en: `${what.en} of ${shown} is below what this calculator covers (at least ${formatPlain(spec.min)}).`, zh: `${what.zh} ${shown} 低于本计算器的范围（至少 ${formatPlain(spec.min)}）。` } };
  }
  if (n > spec.max) {
    if (field === 'flops') {
      return {
        problem: {
          en: `${shown} FLOPs is far beyond any training run: the largest published ones are around 4e25. This calculator stops at 1e29.`,
          zh: `${shown} FLOPs 远超任何真实的训练：已公开的最大训练约为 4e25。本计算器的上限是 1e29。`,
        },
      };
    }
    return { problem: { en: `${what.en} of ${shown} is above what this calculator covers (at most ${formatPlain(spec.max)}).`, zh: `${what.zh} ${shown} 超出了本计算器的范围（最多 ${formatPlain(spec.max)}）。` } };
  }
  return { value: n };
}

function formatPlain(v: number): string {
  return v >= 1e6 ? scientific(v) : String(v);
}

/** The budget in FLOPs and how it was obtained (what the widget prints as a formula). */
export interface Budget {
  flops: number;
  /** Present for the GPU-hours and dollar modes. */
  gpuHours?: number;
  peakFlops?: number;
  mfu?: number;
}

/** FLOPs = GPU-hours × 3600 s × peak FLOP/s × MFU; GPU-hours = dollars ÷ price per GPU-hour. */
export function budgetOf(p: ScalingParams): Budget {
  if (p.budget === 'flops') return { flops: p.flops };
  const gpuHours = p.budget === 'dollars' ? p.dollars / p.price : p.gpuHours;
  const peakFlops = ACCELERATORS[p.gpu as AcceleratorId].peakFlops;
  const mfu = p.mfu / 100;
  return { flops: gpuHours * 3600 * peakFlops * mfu, gpuHours, peakFlops, mfu };
}

/** Why a derived budget cannot be used (null when it can). */
export function budgetProblem(b: Budget): BudgetProblem | null {
  if (b.flops < FLOPS_MIN) {
    return { en: `That is ${scientific(b.flops)} FLOPs, below this calculator's range (1e17): the papers fitted their laws on larger runs.`, zh: `这只有 ${scientific(b.flops)} FLOPs，低于本计算器的范围（1e17）：两篇论文拟合定律用的训练都比这大。` };
  }
  if (b.flops > FLOPS_MAX) {
    return { en: `That is ${scientific(b.flops)} FLOPs, beyond this calculator's range (1e29).`, zh: `这相当于 ${scientific(b.flops)} FLOPs，超出了本计算器的范围（1e29）。` };
  }
  return null;
}

export interface Recommendation {
  params: number;
  tokens: number;
  tokensPerParam: number;
  loss: number;
}

export interface Comparison {
  kaplan: Recommendation;
  chinchilla: Recommendation;
  /** Hoffmann et al.'s printed constants minimised in closed form (eq. 4): not 20 tokens/param. */
  printedConstants: { params: number; tokens: number; tokensPerParam: number };
  /** Kaplan's N over Chinchilla's N (> 1: Kaplan wants a bigger model). */
  paramsRatio: number;
  /** Chinchilla's D over Kaplan's D. */
  tokensRatio: number;
}

/**
 * Both laws at one budget. Kaplan: Table 6's frontier with C = 2 C_min, N non-embedding, loss by
 * eq. 1.5 (nats/token, WebText2). Chinchilla: the chosen approach's table law, loss by the printed
 * parametric fit (nats/token, MassiveText). The two losses are on different data and tokenizers.
 */
export function compareLaws(flops: number, approach: ChinchillaApproach): Comparison {
  const k = kaplanOptimal(flops);
  const c = chinchillaOptimal(flops, approach);
  const printed = parametricOptimal(flops);
  return {
    kaplan: { ...k, tokensPerParam: k.tokens / k.params, loss: kaplanLoss(k.params, k.tokens) },
    chinchilla: { ...c, tokensPerParam: c.tokens / c.params, loss: chinchillaLoss(c.params, c.tokens) },
    printedConstants: { params: printed.params, tokens: printed.tokens, tokensPerParam: printed.tokens / printed.params },
    paramsRatio: k.params / c.params,
    tokensRatio: c.tokens / k.tokens,
  };
}

/** Budgets along which the frontiers are drawn: 1e17 … 1e29 FLOPs, 8 per decade. */
export const FRONTIER_BUDGETS = Array.from({ length: 12 * 8 + 1 }, (_, i) => 10 ** (17 + i / 8));

export function frontier(law: 'kaplan' | ChinchillaApproach): { x: number; y: number }[] {
  return FRONTIER_BUDGETS.map((c) => {
    const r = law === 'kaplan' ? kaplanOptimal(c) : chinchillaOptimal(c, law);
    return { x: r.params, y: r.tokens };
  });
}

/** D = C / (6N): every (N, D) that spends the budget, across the chart's N range. */
export function isoFlopLine(flops: number, nRange: [number, number]): { x: number; y: number }[] {
  const steps = 24;
  const [a, b] = nRange.map(Math.log10);
  return Array.from({ length: steps + 1 }, (_, i) => {
    const n = 10 ** (a + ((b - a) * i) / steps);
    return { x: n, y: flops / (6 * n) };
  });
}

export const APPROACH_SOURCE: Record<ChinchillaApproach, string> = {
  1: CHINCHILLA_APPROACHES[1].source,
  2: CHINCHILLA_APPROACHES[2].source,
  3: CHINCHILLA_APPROACHES[3].source,
};
