// DPOLab's declared params (?w.dpo.<key>=…). The lab always runs the Tang-poetry checkpoint on the
// Tang preference set: its one visible difference (five characters per clause against four) is
// countable in any language, and measurable in samples (lib/engine/features/alignment/data.ts).
import type { AlignmentSource } from '@/lib/engine/features/alignment/protocol';
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const DPO_ID = 'dpo';
export const DPO_CHECKPOINT = '/checkpoints/zh-tang-poetry/';
export const DPO_DATASET = '/datasets/tang-preference.jsonl';
/** Pairs shown with their four log-probabilities; answers sampled (to held-out titles) before and after. */
export const SHOWN_PAIRS = 3;
export const SAMPLES = 12;

export const dpoSchema = {
  beta: { kind: 'number', default: 0.1, min: 0.01, max: 5 },
  steps: { kind: 'number', default: 40, min: 1, max: 300, integer: true },
  lr: { kind: 'number', default: 0.0001, min: 0.00001, max: 0.01 },
  batch: { kind: 'number', default: 4, min: 1, max: 16, integer: true },
  seed: { kind: 'number', default: 0, min: 0, max: 999_999, integer: true },
  backend: { kind: 'enum', default: 'auto', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
} as const satisfies ParamSchema;
export type DpoParams = ParamValues<typeof dpoSchema>;

export function dpoSource(base: string): AlignmentSource {
  return { checkpointUrl: new URL(DPO_CHECKPOINT, base).href, datasetUrl: new URL(DPO_DATASET, base).href, template: 'tang' };
}

/** "37/90 (41 %)" */
export function formatShare(p: { matched: number; total: number; share: number } | undefined): string {
  return p ? `${(p.share * 100).toFixed(0)} % (${p.matched}/${p.total})` : '—';
}
