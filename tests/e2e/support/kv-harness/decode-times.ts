// Time per generated token of one decode lane (full recompute, or the KV cache with a given
// store), greedy from a one-token prompt until `length` tokens or the context. Shared by the
// bench's Node half and the KV harness page (Chromium), so both measure the same loop.
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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** At each sequence length: tokens/s over the whole decode so far, and ms/token (median of the 8 tokens before it). */
export function atLengths(ms: number[], lengths: number[]): { length: number; tokensPerSec: number; msPerToken: number }[] {
  return lengths
    .filter((L) => ms.length >= L - 1)
    .map((L) => {
      const upTo = ms.slice(0, L - 1); // push i makes length i + 2
      const total = upTo.reduce((a, b) => a + b, 0);
      return { length: L, tokensPerSec: (upTo.length * 1000) / total, msPerToken: median(upTo.slice(-8)) };
    });
}
