// LoRA's shape arithmetic, free of tfjs so a widget can show it before the engine loads: which
// linears an adapter covers, their [in, out] shapes, and the trainable-parameter and Adam-memory
// budget against full fine-tuning. lora.ts (the adapter itself) re-exports all of it.
import type { GPTConfig } from './config';

/** The four linears of a block LoRA can wrap (GPT-2 names, relative to `h.{i}.`). */
export const LORA_TARGETS = ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'] as const;
export type LoraTarget = (typeof LORA_TARGETS)[number];

/** Every covered linear with its [in, out] shape, in block order then LORA_TARGETS order. */
export function loraLinears<L extends { targets: readonly LoraTarget[] }>(model: Pick<GPTConfig, 'nLayer' | 'dModel' | 'mlpRatio'>, lora: L): { name: string; nIn: number; nOut: number }[] {
  const d = model.dModel;
  const hidden = model.mlpRatio * d;
  const shapes: Record<LoraTarget, [number, number]> = {
    'attn.c_attn': [d, 3 * d],
    'attn.c_proj': [d, d],
    'mlp.c_fc': [d, hidden],
    'mlp.c_proj': [hidden, d],
  };
  const out: { name: string; nIn: number; nOut: number }[] = [];
  for (let i = 0; i < model.nLayer; i++) {
    for (const t of LORA_TARGETS) if (lora.targets.includes(t)) out.push({ name: `h.${i}.${t}`, nIn: shapes[t][0], nOut: shapes[t][1] });
  }
  return out;
}

/**
 * Trainable parameters and Adam memory of LoRA vs full fine-tuning. Each covered linear adds
 * r·(in + out) parameters; Adam keeps two float32 moments per trained parameter (8 bytes).
 */
export function loraBudget<L extends { r: number; targets: readonly LoraTarget[] }>(model: Pick<GPTConfig, 'nLayer' | 'dModel' | 'mlpRatio'>, lora: L, fullParams: number) {
  const trainableParams = loraLinears(model, lora).reduce((n, l) => n + lora.r * (l.nIn + l.nOut), 0);
  return {
    trainableParams,
    fullParams,
    paramRatio: trainableParams / fullParams,
    optimizerBytes: 8 * trainableParams,
    fullOptimizerBytes: 8 * fullParams,
  };
}
