// RLHFPipeline's declared params (?w.rlhf.stage=…): which stage's card is open. The diagram's
// stages, what each consumes and produces, and where its data comes from are facts, not params.
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const RLHF_ID = 'rlhf';

/** Reading order: the RLHF chain left to right, then DPO beside it. */
export const STAGES = ['sft', 'rm', 'ppo', 'dpo'] as const;
export type Stage = (typeof STAGES)[number];

export const rlhfSchema = {
  stage: { kind: 'enum', default: 'sft', options: STAGES },
} as const satisfies ParamSchema;
export type RlhfParams = ParamValues<typeof rlhfSchema>;

/** What a stage needs, as the chapter's question asks it: human labels? samples from the model being trained? */
export const NEEDS: Record<Stage, { human: boolean; onPolicy: boolean }> = {
  sft: { human: true, onPolicy: false },
  rm: { human: true, onPolicy: false },
  ppo: { human: false, onPolicy: true },
  dpo: { human: true, onPolicy: false },
};

/** Which dataset a stage's example record comes from (content/datasets). */
export const EXAMPLE_KIND: Record<Stage, 'sft' | 'preference' | 'prompt'> = { sft: 'sft', rm: 'preference', ppo: 'prompt', dpo: 'preference' };

/** The next / previous stage in reading order (wraps), for arrow keys and the presenter's →. */
export function neighbour(stage: Stage, delta: 1 | -1): Stage {
  const i = STAGES.indexOf(stage);
  return STAGES[(i + delta + STAGES.length) % STAGES.length];
}

/** One record of each shipped alignment dataset, shown in the stage cards. */
export interface ExampleRecords {
  /** The dataset files they come from (content/datasets/…). */
  sftFile: string;
  preferenceFile: string;
  sft: { prompt: string; response: string };
  preference: { prompt: string; chosen: string; rejected: string };
}
