// KVCacheRace's declared params (?w.kvrace.<key>=…). The prompt is component state.
import { countParams, PRESETS, validateConfig } from '@/lib/model/config';
import { MAX_RACE_TOKENS, RACE_MODELS, type RaceModelName } from '@/lib/engine/features/kvcache/protocol';
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const KV_RACE_ID = 'kvrace';

export const CHECKPOINTS = {
  'en-shakespeare': { url: '/checkpoints/en-shakespeare/', vocabSize: 62 },
  'zh-tang-poetry': { url: '/checkpoints/zh-tang-poetry/', vocabSize: 3000 },
} as const;
export type RaceCheckpoint = keyof typeof CHECKPOINTS;

export function kvRaceSchema(checkpoint: RaceCheckpoint = 'en-shakespeare') {
  return {
    checkpoint: { kind: 'enum', default: checkpoint, options: ['en-shakespeare', 'zh-tang-poetry'] },
    model: { kind: 'enum', default: 'checkpoint', options: ['checkpoint', 'random-256', 'random-512'] },
    tokens: { kind: 'number', default: 120, min: 1, max: MAX_RACE_TOKENS, integer: true },
    temperature: { kind: 'number', default: 0.8, min: 0, max: 2 },
    seed: { kind: 'number', default: 0, min: 0, max: 999_999, integer: true },
    policy: { kind: 'enum', default: 'halve', options: ['halve', 'stop'] },
    backend: { kind: 'enum', default: 'auto', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
  } as const satisfies ParamSchema;
}
export type KvRaceSchema = ReturnType<typeof kvRaceSchema>;
export type KvRaceParams = ParamValues<KvRaceSchema>;

/** The shape a race will run, known before the engine starts (for the first paint and the formula). */
export function raceShape(checkpoint: RaceCheckpoint, model: RaceModelName) {
  const shape = RACE_MODELS[model] ?? PRESETS[checkpoint];
  const config = validateConfig({ vocabSize: CHECKPOINTS[checkpoint].vocabSize, ...shape });
  return { ...config, params: countParams(config) };
}

/** K and V bytes for `positions` cached tokens: 2 · layers · positions · d_model · 4. */
export function cacheBytes(nLayer: number, positions: number, dModel: number): number {
  return 2 * nLayer * positions * dModel * 4;
}

/** Median of the last `n` values (a robust "time per token now"). */
export function recentMedian(values: number[], n = 9): number | null {
  const tail = values.slice(-n).sort((a, b) => a - b);
  if (tail.length === 0) return null;
  const mid = tail.length >> 1;
  return tail.length % 2 ? tail[mid] : (tail[mid - 1] + tail[mid]) / 2;
}
