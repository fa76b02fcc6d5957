// KV-cache decode benchmarks for `npm run bench` (scripts/bench.ts calls these): greedy decoding
// from a one-token prompt with full recompute and with the KV cache, on the reference shape
// (4 layers, 4 heads, d 128, vocab 65) with its context raised to 256 so the lanes can reach 256
// tokens. Two methods, one JSON line per measurement, never pass/fail:
//
// 1. `decode.ms_per_token_at` (method 'prefill L-8, decode 8'; decodeAfterPrompt): at L = 64, 128,
//    256, an (L − 8)-token prompt goes through the lane once (recompute: one forward; cache: one
//    prefill, reported as prefill_ms, not in ms/token), then 8 greedy tokens are decoded and timed;
//    the median of the 8 is ms/token at L. A recompute step costs a forward over the whole window, a
//    cached step an attention over the cache: both depend only on the length, so this is what tokens
//    L−7 … L cost in a whole decode, and it reaches 256 on every backend in minutes. Then
//    `decode.speedup_at` = recompute ms / cache ms at each L. Lengths per backend (AT_LENGTHS): all
//    three everywhere except WebGPU, which here is SwiftShader: a recompute token took ≈5 s at 64
//    under load (docs/benchmarks.md), so 8 tokens + prefill stay under ~2 min at 64 and 128 (≈1 and
//    ≈2 min), while 256 (≈4× the attention, ≈2× the rest) would be ~3–4 min per lane — left out.
//    Each lane first runs once, untimed, at length 16 (warm-up; see measureAt).
// 2. `decode.tokens_per_s` and `decode.ms_per_token` (decodeTimes): greedy from a one-token prompt,
//    tokens/s over the whole decode and ms/token near 64, 128, 256. Lengths per backend keep a run
//    within minutes on this 2-core machine: wasm to 256, cpu and webgl (SwiftShader) to 128, webgpu
//    (SwiftShader) to 64. `--kv-at-only` (bench.ts) skips this method.
// In Chromium the WebGPU cache lane also runs with the WGSL kernels (cache-wgsl) vs composed ops.
import type { Page } from 'playwright-core';
import type { GPTConfigInput } from '@/lib/model/config';
import { createGPT } from '@/lib/model/gpt';
import { atLengths, decodeAfterPrompt, decodeTimes, lengthsWithin, median, TOKENS_AFTER_PROMPT, type AfterPromptTimes } from '@/tests/e2e/support/kv-harness/decode-times';

export const KV_CONFIG = { name: 'reference-ctx256', config: { vocabSize: 65, contextLength: 256, nLayer: 4, nHead: 4, dModel: 128, seed: 0 } satisfies GPTConfigInput };
const LENGTHS = [64, 128, 256];
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const MAX_LENGTH: Record<string, number> = { wasm: 256, cpu: 128, webgl: 128, webgpu: 64 };
const AT_LENGTHS: Record<string, number[]> = { wasm: LENGTHS, cpu: LENGTHS, webgl: LENGTHS, webgpu: [64, 128] };
const WARMUP_LENGTH = 16;
const METHOD = `prefill L-${TOKENS_AFTER_PROMPT}, decode ${TOKENS_AFTER_PROMPT}`;

export interface KvBenchOptions {
  /** Skip the whole-decode method (only `decode.ms_per_token_at`). */
  atOnly?: boolean;
}

/** ms/token at each length and lane; the speedup of the cache lane over recompute where both ran. */
function emitAt(env: string, backend: string, results: Map<string, Map<number, AfterPromptTimes | Error>>): void {
  const base = { backend, env, config: KV_CONFIG.name, shape: KV_CONFIG.config, method: METHOD };
  for (const [lane, byLength] of results) {
    for (const [length, r] of byLength) {
      if (r instanceof Error) console.log(JSON.stringify({ name: 'decode.ms_per_token_at', ...base, lane, length, median: null, unit: null, error: r.message }));
      else console.log(JSON.stringify({ name: 'decode.ms_per_token_at', ...base, lane, length, median: round(median(r.ms)), unit: 'ms', prefill_ms: round(r.prefillMs), samples: r.ms.map((x) => round(x, 1)) }));
    }
  }
  const recompute = results.get('recompute');
  for (const [lane, byLength] of results) {
    if (lane === 'recompute' || !recompute) continue;
    for (const [length, r] of byLength) {
      const slow = recompute.get(length);
      if (r instanceof Error || !slow || slow instanceof Error) continue;
      console.log(JSON.stringify({ name: 'decode.speedup_at', ...base, lane, length, median: round(median(slow.ms) / median(r.ms), 1), unit: '×', note: `recompute ms/token ÷ ${lane} ms/token at length ${length}` }));
    }
  }
}

async function measureAt(label: string, lanes: readonly string[], lengths: number[], run: (lane: string, length: number) => Promise<AfterPromptTimes>) {
  const results = new Map<string, Map<number, AfterPromptTimes | Error>>();
  for (const lane of lanes) {
    const byLength = new Map<number, AfterPromptTimes | Error>();
    results.set(lane, byLength);
    // One untimed run at a short length first: one-time costs (wasm compile and JIT, the first
    // WebGL/WebGPU programs, buffer pools) would otherwise land in the first length's 8 tokens,
    // whereas in a whole decode they land in its first tokens, far from 64.
    await run(lane, WARMUP_LENGTH).catch(() => undefined);
    for (const length of lengthsWithin(lengths, KV_CONFIG.config.contextLength)) {
      console.error(`${label} kv ${METHOD} ${lane} at ${length}…`);
      try {
        byLength.set(length, await run(lane, length));
      } catch (err) {
        byLength.set(length, err as Error);
      }
    }
  }
  return results;
}

function emit(env: string, backend: string, lane: string, ms: number[]): void {
  for (const r of atLengths(ms, LENGTHS)) {
    const base = { backend, env, config: KV_CONFIG.name, shape: KV_CONFIG.config, lane, length: r.length };
    console.log(JSON.stringify({ name: 'decode.tokens_per_s', ...base, median: round(r.tokensPerSec, 1), unit: 'tokens/s', note: `greedy, ${r.length - 1} tokens from a 1-token prompt, reading each step's logits back` }));
    console.log(JSON.stringify({ name: 'decode.ms_per_token', ...base, median: round(r.msPerToken), unit: 'ms', samples: r.window.map((x) => round(x, 1)), note: `median of the 8 tokens before length ${r.length}` }));
  }
}

/** Node: the active backend (the caller sets wasm / cpu). */
export async function benchKvNode(backend: string, options: KvBenchOptions = {}): Promise<void> {
  const model = createGPT(KV_CONFIG.config);
  try {
    emitAt('node', backend, await measureAt(`node ${backend}`, ['cache', 'recompute'], AT_LENGTHS[backend] ?? LENGTHS, (lane, length) => decodeAfterPrompt(model, lane as 'cache' | 'recompute', length)));
    if (options.atOnly) return;
    for (const lane of ['cache', 'recompute'] as const) {
      console.error(`node ${backend} kv-decode ${lane}…`);
      emit('node', backend, lane, await decodeTimes(model, lane, MAX_LENGTH[backend] ?? 128));
    }
  } finally {
    model.dispose();
  }
}

/**
 * Is 'prefill L-8, decode 8' sound? Alternates it with the whole decode `rounds` times on the active
 * Node backend (so both meet the same load) and prints, per round and length, the recompute lane's
 * ms/token by each method (`decode.method_check`). They should agree within the rounds' spread.
 */
export async function benchKvMethodCheck(backend: string, rounds = 3): Promise<void> {
  const model = createGPT(KV_CONFIG.config);
  const lengths = AT_LENGTHS[backend] ?? LENGTHS;
  const top = Math.min(Math.max(...lengths), MAX_LENGTH[backend] ?? 128);
  try {
    await decodeAfterPrompt(model, 'recompute', WARMUP_LENGTH);
    for (let round = 1; round <= rounds; round++) {
      console.error(`node ${backend} kv method check, round ${round}/${rounds}…`);
      const at = new Map<number, number>();
      for (const L of lengths.filter((L) => L <= top)) at.set(L, median((await decodeAfterPrompt(model, 'recompute', L)).ms));
      for (const r of atLengths(await decodeTimes(model, 'recompute', top), lengths)) {
        const base = { backend, env: 'node', config: KV_CONFIG.name, lane: 'recompute', length: r.length, round };
        console.log(JSON.stringify({ name: 'decode.method_check', ...base, prefill_method_ms: round2(at.get(r.length)), whole_decode_ms: round2(r.msPerToken), unit: 'ms', note: `recompute ms/token at ${r.length}: '${METHOD}' vs median of the 8 tokens before ${r.length} in a whole decode` }));
      }
    }
  } finally {
    model.dispose();
  }
}
const round2 = (x: number | undefined) => (x === undefined ? null : round(x));

type TimeReply = { backend: string; ms: number[] };
type TimeAtReply = AfterPromptTimes & { backend: string };
type Harness = { time(s: object): Promise<TimeReply>; timeAt(s: object): Promise<TimeAtReply> };
const laneName = (lane: string) => (lane === 'recompute' ? 'recompute' : lane === 'kernel' ? 'cache-wgsl' : 'cache');

/** Chromium, through the KV harness page (tests/e2e/support/kv-harness). */
export async function benchKvBrowser(page: Page, backends: string[], options: KvBenchOptions = {}): Promise<void> {
  const time = (spec: object) => page.evaluate((s) => (globalThis as unknown as { kvHarness: Harness }).kvHarness.time(s), spec);
  const timeAt = (spec: object) => page.evaluate((s) => (globalThis as unknown as { kvHarness: Harness }).kvHarness.timeAt(s), spec);
  for (const backend of backends) {
    const lanes = backend === 'webgpu' ? (['kernel', 'composed', 'recompute'] as const) : (['composed', 'recompute'] as const);
    let actual = backend;
    const at = await measureAt(`chromium ${backend}`, lanes, AT_LENGTHS[backend] ?? LENGTHS, async (lane, length) => {
      const reply = await timeAt({ config: KV_CONFIG.config, backend, lane, length });
      actual = reply.backend;
      return reply;
    });
    emitAt('chromium', actual, new Map([...at].map(([lane, r]) => [laneName(lane), r])));
    if (options.atOnly) continue;
    for (const lane of lanes) {
      const length = MAX_LENGTH[backend] ?? 128;
      console.error(`chromium ${backend} kv-decode ${lane} to ${length}…`);
      try {
        const reply = await time({ config: KV_CONFIG.config, backend, lane, length });
        emit('chromium', reply.backend, laneName(lane), reply.ms);
      } catch (err) {
        console.log(JSON.stringify({ name: 'decode.tokens_per_s', backend, env: 'chromium', config: KV_CONFIG.name, lane, median: null, unit: null, error: (err as Error).message }));
      }
    }
  }
}
