// Widgets that presenter mode (/{locale}/present/{slug}) can show, by URL slug. Server-safe list.
export const PRESENTABLE_WIDGETS = ['training-lab', 'zero-memory', 'tokenizer', 'positions', 'attention', 'rlhf-pipeline', 'sft-lab', 'dpo-lab'] as const;
export type PresentableWidget = (typeof PRESENTABLE_WIDGETS)[number];
