// SamplingLab's declared params (?w.sampling.<key>=…): the checkpoint, the prompt, lane A's and
// lane B's sampling settings, the seed, the run length and beam search's width and α.
import type { ParamSchema, ParamValues } from '@/lib/state/params';
import type { SamplingSettings } from '@/lib/engine/features/decoding/protocol';

export const SAMPLING_ID = 'sampling';

export const CHECKPOINTS = {
  'en-shakespeare': { url: '/checkpoints/en-shakespeare/', prompt: 'ROMEO:\nBut soft, what light' },
  'zh-tang-poetry': { url: '/checkpoints/zh-tang-poetry/', prompt: '春眠不覺曉，' },
} as const;
export type SamplingCheckpoint = keyof typeof CHECKPOINTS;

/** Bars drawn in the distribution chart. */
export const TOP_N = 20;
/** Alternatives kept per generated token (click a token to see them). */
export const ALTERNATIVES_N = 10;

export function samplingSchema(checkpoint: SamplingCheckpoint = 'en-shakespeare') {
  return {
    checkpoint: { kind: 'enum', default: checkpoint, options: ['en-shakespeare', 'zh-tang-poetry'] },
    prompt: { kind: 'text', default: CHECKPOINTS[checkpoint].prompt, maxLength: 200 },
    mode: { kind: 'enum', default: 'sample', options: ['sample', 'beam'] },
    temperature: { kind: 'number', default: 1, min: 0, max: 2 },
    topK: { kind: 'number', default: 0, min: 0, max: 100, integer: true },
    topP: { kind: 'number', default: 1, min: 0.01, max: 1 },
    penalty: { kind: 'number', default: 1, min: 1, max: 3 },
    compare: { kind: 'boolean', default: false },
    bTemperature: { kind: 'number', default: 1, min: 0, max: 2 },
    bTopK: { kind: 'number', default: 5, min: 0, max: 100, integer: true },
    bTopP: { kind: 'number', default: 1, min: 0.01, max: 1 },
    bPenalty: { kind: 'number', default: 1, min: 1, max: 3 },
    seed: { kind: 'number', default: 1, min: 0, max: 999_999, integer: true },
    /** Tokens one Run generates per lane. */
    tokens: { kind: 'number', default: 80, min: 1, max: 400, integer: true },
    width: { kind: 'number', default: 3, min: 1, max: 8, integer: true },
    /** GNMT length penalty α. */
    alpha: { kind: 'number', default: 0, min: -1, max: 3 },
    beamTokens: { kind: 'number', default: 30, min: 1, max: 120, integer: true },
  } as const satisfies ParamSchema;
}
export type SamplingSchema = ReturnType<typeof samplingSchema>;
export type SamplingParams = ParamValues<SamplingSchema>;

export function laneSettings(p: SamplingParams, lane: 0 | 1): SamplingSettings {
  return lane === 0
    ? { temperature: p.temperature, topK: p.topK, topP: p.topP, repetitionPenalty: p.penalty }
    : { temperature: p.bTemperature, topK: p.bTopK, topP: p.bTopP, repetitionPenalty: p.bPenalty };
}

/** One of five probability classes for colouring a generated token (0 = likeliest). */
export function probabilityClass(p: number): 0 | 1 | 2 | 3 | 4 {
  if (p >= 0.5) return 0;
  if (p >= 0.2) return 1;
  if (p >= 0.05) return 2;
  if (p >= 0.01) return 3;
  return 4;
}
export const PROBABILITY_CLASSES = ['≥ 0.5', '0.2–0.5', '0.05–0.2', '0.01–0.05', '< 0.01'];

/** How a token reads on screen: spaces and newlines made visible. */
export const visibleToken = (s: string) => s.replace(/ /g, '␣').replace(/\n/g, '⏎');
