// Time per generated token of one decode lane (full recompute, or the KV cache with a given
// store), shared by the bench's Node half and the KV harness page (Chromium), so both measure the
// same loop. Two methods:
//   decodeTimes        — greedy from a one-token prompt until `length` tokens or the context (the
//                        whole decode: tokens/s up to L, ms/token near L);
//   decodeAfterPrompt  — ms/token at length L only: an (L − 8)-token prompt (one forward, or one
//                        cache prefill, timed apart), then 8 greedy tokens. A recompute step's cost
//                        depends only on the window length, and a cached step's only on the cache
//                        length, so these 8 tokens cost what tokens L−7 … L cost in a whole decode,
//                        without the L − 9 cheaper tokens before them (minutes on slow backends).
import type { GPT } from '@/lib/model/gpt';
import { CacheLane, RecomputeLane } from '@/lib/model/decode-lanes';
import type { KVStore } from '@/lib/model/kv-cache';

/** ms of each push (forward + reading the logits back); entry i produced sequence length i + 2. */
export async function decodeTimes(model: GPT, lane: 'recompute' | 'cache', length: number, store?: KVStore): Promise<number[]> {
  const decoder = lane === 'recompute' ? new RecomputeLane(model, 'stop') : new CacheLane(model, 'stop', store);
  try {
    let step = await decoder.begin([0]);
    const ms: number[] = [];
    while (decoder.ids.length < length) {
      let next = 0;
      for (let j = 1; j < step.logits.length; j++) if (step.logits[j] > step.logits[next]) next = j;
      const t0 = performance.now();
      const s = await decoder.push(next);
      const dt = performance.now() - t0;
      if (!s) break;
      ms.push(dt);
      step = s;
    }
    return ms;
  } finally {
    decoder.dispose();
  }
}

/** Tokens decoded after the prompt by decodeAfterPrompt (and the window atLengths takes the median of). */
export const TOKENS_AFTER_PROMPT = 8;

/**
 * A deterministic prompt of `n` ids below vocabSize (a stride that visits every id, not a constant, so
 * attention is not over identical rows). What the ids are does not change the cost of a step.
 */
export function syntheticPrompt(n: number, vocabSize: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`syntheticPrompt: length ${n} is not a whole number ≥ 1`);
  return Array.from({ length: n }, (_, i) => (i * 7 + 1) % vocabSize);
}

/** The lengths decodeAfterPrompt can measure with this context: L − tokens ≥ 1 and L ≤ contextLength. */
export function lengthsWithin(lengths: number[], contextLength: number, tokens = TOKENS_AFTER_PROMPT): number[] {
  return lengths.filter((L) => L - tokens >= 1 && L <= contextLength);
}

export interface AfterPromptTimes {
  /** The sequence length the last token reached. */
  length: number;
  /** ms of the prompt's forward (recompute) or of the cache prefill (cache): not part of ms/token. */
  prefillMs: number;
  /** ms of each of the `tokens` pushes; entry i produced length (L − tokens) + i + 1. */
  ms: number[];
  /** The decoded ids (both lanes decode the same ones from the same model: the same work). */
  decoded: number[];
}

/** ms/token at sequence length `length`: prompt of length − tokens ids, then `tokens` greedy pushes. */
export async function decodeAfterPrompt(model: GPT, lane: 'recompute' | 'cache', length: number, store?: KVStore, tokens = TOKENS_AFTER_PROMPT): Promise<AfterPromptTimes> {
  const { contextLength, vocabSize } = model.config;
  if (length > contextLength) throw new Error(`decodeAfterPrompt: length ${length} is past the model's context (${contextLength})`);
  if (length - tokens < 1) throw new Error(`decodeAfterPrompt: length ${length} leaves no prompt before ${tokens} decoded tokens`);
  const decoder = lane === 'recompute' ? new RecomputeLane(model, 'stop') : new CacheLane(model, 'stop', store);
  try {
    const t0 = performance.now();
    let step = await decoder.begin(syntheticPrompt(length - tokens, vocabSize));
    const prefillMs = performance.now() - t0;
    const ms: number[] = [];
    for (let i = 0; i < tokens; i++) {
      let next = 0;
      for (let j = 1; j < step.logits.length; j++) if (step.logits[j] > step.logits[next]) next = j;
      const t = performance.now();
      const s = await decoder.push(next);
      const dt = performance.now() - t;
      if (!s) throw new Error(`decodeAfterPrompt: the context filled before length ${length}`);
      ms.push(dt);
      step = s;
    }
    return { length: decoder.ids.length, prefillMs, ms, decoded: decoder.ids.slice(length - tokens) };
  } finally {
    decoder.dispose();
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** At each sequence length: tokens/s over the whole decode so far, and ms/token (median of the 8 tokens before it, `window`). */
export function atLengths(ms: number[], lengths: number[]): { length: number; tokensPerSec: number; msPerToken: number; window: number[] }[] {
  return lengths
    .filter((L) => ms.length >= L - 1)
    .map((L) => {
      const upTo = ms.slice(0, L - 1); // push i makes length i + 2
      const total = upTo.reduce((a, b) => a + b, 0);
      const window = upTo.slice(-TOKENS_AFTER_PROMPT);
      return { length: L, tokensPerSec: (upTo.length * 1000) / total, msPerToken: median(window), window };
    });
}
