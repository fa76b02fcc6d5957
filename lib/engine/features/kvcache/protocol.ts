// Messages of the `kvcache` feature: KVCacheRace (issue 5). The same prompt decoded twice, by
// full recompute and with the KV cache, step by step, with each lane's time, positions computed,
// FLOPs and cache bytes — all measured or counted from the run itself.
import type { ContextPolicy } from '../../../model/decode-lanes';

export type { ContextPolicy };

/**
 * The models a reader can race. `checkpoint` is the chapter's shipped model (real text); the others
 * are random-weight models over the same vocabulary, larger and with a longer context, so the
 * recompute lane's growth is visible (their text is noise; their timings are real).
 */
export const RACE_MODELS = {
  checkpoint: null,
  'random-256': { nLayer: 4, nHead: 4, dModel: 128, contextLength: 256 },
  'random-512': { nLayer: 6, nHead: 8, dModel: 256, contextLength: 512 },
} as const;
export type RaceModelName = keyof typeof RACE_MODELS;
export const RACE_MODEL_NAMES = Object.keys(RACE_MODELS) as RaceModelName[];

/** Longest race in new tokens (the UI's slider stops here too). */
export const MAX_RACE_TOKENS = 1024;

export type RaceLaneName = 'recompute' | 'cache';

export interface KvRaceRequest {
  runId: number;
  /** The shipped checkpoint (its tokenizer is used by every model). */
  checkpointUrl: string;
  model: RaceModelName;
  prompt: string;
  /** New tokens to generate (each lane). */
  tokens: number;
  /** 0 = greedy. */
  temperature: number;
  seed: number;
  policy: ContextPolicy;
  /** Pause after the first token (presenter's "one step" from idle). */
  startPaused?: boolean;
}

export interface RaceModelInfo {
  name: RaceModelName;
  params: number;
  nLayer: number;
  nHead: number;
  dModel: number;
  contextLength: number;
  vocabSize: number;
  /** Bytes of a full cache for one sequence: 2 · nLayer · contextLength · dModel · 4. */
  capacityBytes: number;
  /** How the cache lane stores K, V and attends: WGSL kernels on WebGPU, composed tfjs ops elsewhere. */
  kernels: 'wgsl' | 'composed';
}

/** One lane's step: the token it chose and what that step cost. */
export interface LaneStepReport {
  id: number;
  token: string;
  /** Wall time of the step (forward pass + reading the logits back), ms. */
  ms: number;
  /** Positions that went through the model this step (1 for a cached step). */
  positionsComputed: number;
  flops: number;
  /** Bytes of keys and values the lane holds after the step (0 for recompute). */
  cacheBytes: number;
  /** Tokens the next-token logits conditioned on (the window). */
  windowLength: number;
  /** The window had to move (policy 'halve') and the cache was rebuilt. */
  refilled: boolean;
}

export interface LaneSummary {
  tokens: number;
  ms: number;
  tokensPerSec: number;
  flops: number;
}

export type KvCacheCommand = { type: 'kvcache/race' } & KvRaceRequest;

export type KvCacheEvent =
  | { type: 'kvcache/start'; runId: number; model: RaceModelInfo; promptTokens: string[]; prefill: Record<RaceLaneName, LaneStepReport> }
  /** Step `index` (0-based) of both lanes: each sampled token `index` with its own RNG of the same seed. */
  | { type: 'kvcache/step'; runId: number; index: number; lanes: Record<RaceLaneName, LaneStepReport> }
  | {
      type: 'kvcache/done';
      runId: number;
      /** finished: all tokens; context: the window is full under policy 'stop'; stopped: the reader stopped it. */
      reason: 'finished' | 'context' | 'stopped';
      /** Index of the first step where the lanes chose different tokens, or null when identical. */
      firstDifference: number | null;
      lanes: Record<RaceLaneName, LaneSummary>;
    };

export const KVCACHE_COMMANDS: readonly KvCacheCommand['type'][] = ['kvcache/race'];
