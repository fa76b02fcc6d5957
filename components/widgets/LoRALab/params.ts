// LoRALab's declared params (?w.lora.<key>=…): the base checkpoint and the new text, LoRA's rank,
// alpha and target linears, the training knobs of both runs, and the sample every view shows.
// Shapes of the shipped checkpoints are here (not fetched) so the trainable-parameter formula
// paints before the engine has loaded anything.
import { countParams, type GPTConfig } from '@/lib/model/config';
import { LORA_TARGETS, loraBudget, loraLinears, type LoraTarget } from '@/lib/model/lora-shapes';
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const LORA_LAB_ID = 'lora';

/** The shipped bases and the new style each is fine-tuned on by default. */
export const BASES = {
  'en-shakespeare': {
    url: '/checkpoints/en-shakespeare/',
    corpus: { url: '/corpora/sea-shanties.txt', name: 'sea-shanties' },
    config: { vocabSize: 62, contextLength: 64, nLayer: 4, nHead: 4, dModel: 128, mlpRatio: 4, dropout: 0.2, seed: 0 } satisfies GPTConfig,
    prompt: 'The ',
    /** No countable form moves in the default run (docs/lora-lab.md, "A readout for en?"). */
    clauseLength: null,
  },
  'zh-tang-poetry': {
    url: '/checkpoints/zh-tang-poetry/',
    corpus: { url: '/corpora/tang-qijue.txt', name: 'tang-qijue' },
    config: { vocabSize: 3000, contextLength: 64, nLayer: 3, nHead: 4, dModel: 128, mlpRatio: 4, dropout: 0.05, seed: 0 } satisfies GPTConfig,
    prompt: '春',
    /** The fine-tuning text's one countable form: seven characters a clause (七言). */
    clauseLength: 7,
  },
} as const;
export type BaseName = keyof typeof BASES;

/** URL-safe short names of the four targets (the params are booleans). */
export const TARGET_KEYS = { cAttn: 'attn.c_attn', attnProj: 'attn.c_proj', cFc: 'mlp.c_fc', mlpProj: 'mlp.c_proj' } as const satisfies Record<string, LoraTarget>;

/** Samples the clause share is counted over (the shown one + the next seeds): ≈ 20 clauses each. */
export const CLAUSE_SAMPLES = 3;

// One set of defaults for both bases: 60 steps at LoRA lr 0.01 with full fine-tuning beside it
// also move the zh share of 七言 clauses from ≈ 5 % to ≈ 60–70 % in ≈ 2 min of WASM (measured:
// docs/lora-lab.md, "How many steps show 七言").
export function loraLabSchema(defaultBase: BaseName = 'en-shakespeare') {
  return {
    base: { kind: 'enum', default: defaultBase, options: ['en-shakespeare', 'zh-tang-poetry'] },
    text: { kind: 'enum', default: 'shipped', options: ['shipped', 'pasted'] },
    r: { kind: 'number', default: 4, min: 1, max: 64, integer: true },
    alpha: { kind: 'number', default: 8, min: 1, max: 128 },
    dropout: { kind: 'number', default: 0, min: 0, max: 0.5 },
    cAttn: { kind: 'boolean', default: true },
    attnProj: { kind: 'boolean', default: true },
    cFc: { kind: 'boolean', default: true },
    mlpProj: { kind: 'boolean', default: true },
    full: { kind: 'boolean', default: true },
    steps: { kind: 'number', default: 60, min: 1, max: 1000, integer: true },
    batch: { kind: 'number', default: 8, min: 1, max: 32, integer: true },
    lr: { kind: 'number', default: 0.01, min: 0.0001, max: 0.1 },
    fullLr: { kind: 'number', default: 0.001, min: 0.00001, max: 0.05 },
    warmup: { kind: 'number', default: 5, min: 0, max: 200, integer: true },
    seed: { kind: 'number', default: 0, min: 0, max: 999_999, integer: true },
    sampleTokens: { kind: 'number', default: 160, min: 10, max: 400, integer: true },
    temperature: { kind: 'number', default: 0.8, min: 0.1, max: 2 },
    backend: { kind: 'enum', default: 'auto', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
    logScale: { kind: 'boolean', default: false },
    smoothing: { kind: 'number', default: 0.3, min: 0, max: 0.99 },
  } as const satisfies ParamSchema;
}

export type LoraLabSchema = ReturnType<typeof loraLabSchema>;
export type LoraLabParams = ParamValues<LoraLabSchema>;

export function targetsOf(p: LoraLabParams): LoraTarget[] {
  return LORA_TARGETS.filter((t) => Object.entries(TARGET_KEYS).some(([key, target]) => target === t && p[key as keyof typeof TARGET_KEYS]));
}

/** Trainable parameters by the formula r·(d_in + d_out) per covered linear, and full fine-tuning's. */
export function budgetOf(p: LoraLabParams) {
  const config = BASES[p.base as BaseName].config;
  const targets = targetsOf(p);
  const linears = loraLinears(config, { targets });
  return { ...loraBudget(config, { r: p.r, targets }, countParams(config)), linears, config };
}

/** Combinations no single param can check. */
export function crossParamProblem(p: LoraLabParams, locale: 'en' | 'zh'): { key: 'cAttn'; message: string } | null {
  if (targetsOf(p).length === 0) {
    return { key: 'cAttn', message: locale === 'zh' ? '至少选一个要加 LoRA 的线性层' : 'choose at least one linear layer for LoRA' };
  }
  return null;
}
