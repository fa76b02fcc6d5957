// SFTLab's declared params (?w.sft.<key>=…). The questions are component state (free text).
import type { AlignmentSource } from '@/lib/engine/features/alignment/protocol';
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const SFT_ID = 'sft';

/** Each shipped checkpoint with the SFT set and template that fit its vocabulary. */
export const SFT_MODELS = {
  'zh-tang-poetry': { checkpoint: '/checkpoints/zh-tang-poetry/', dataset: '/datasets/tang-sft.jsonl', template: 'tang', rows: 200, questions: '春望，江雪，秋夜，晚過水北' },
  'en-shakespeare': { checkpoint: '/checkpoints/en-shakespeare/', dataset: '/datasets/english-sft.jsonl', template: 'english', rows: 109, questions: 'Dreams, The lamp, Wine, Fog' },
} as const;
export type SftModel = keyof typeof SFT_MODELS;

export function sftSchema(model: SftModel = 'en-shakespeare') {
  return {
    model: { kind: 'enum', default: model, options: ['zh-tang-poetry', 'en-shakespeare'] },
    /** The dataset row shown in the template view. */
    example: { kind: 'number', default: 0, min: 0, max: 199, integer: true },
    maskPrompt: { kind: 'boolean', default: true },
    steps: { kind: 'number', default: 40, min: 1, max: 400, integer: true },
    lr: { kind: 'number', default: 0.002, min: 0.0001, max: 0.02 },
    batch: { kind: 'number', default: 8, min: 1, max: 32, integer: true },
    seed: { kind: 'number', default: 0, min: 0, max: 999_999, integer: true },
    backend: { kind: 'enum', default: 'auto', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
  } as const satisfies ParamSchema;
}
export type SftParams = ParamValues<ReturnType<typeof sftSchema>>;

/** Absolute URLs for the worker (it resolves nothing against the page). */
export function sftSource(model: SftModel, base: string): AlignmentSource {
  const m = SFT_MODELS[model];
  return { checkpointUrl: new URL(m.checkpoint, base).href, datasetUrl: new URL(m.dataset, base).href, template: m.template };
}

/** Titles from the question field: split on commas (, ，、) and new lines; at most 6, each ≤ 20 characters. */
export function parseQuestions(text: string): string[] {
  return text
    .split(/[,，、\n]/u)
    .map((q) => q.trim())
    .filter((q) => q.length > 0)
    .slice(0, 6)
    .map((q) => [...q].slice(0, 20).join(''));
}
