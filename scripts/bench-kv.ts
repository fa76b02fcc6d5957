// KV-cache decode benchmarks for `npm run bench` (scripts/bench.ts calls these): greedy decoding
// from a one-token prompt with full recompute and with the KV cache, on the reference shape
// (4 layers, 4 heads, d 128, vocab 65) with its context raised to 256 so the lanes can reach 256
// tokens. Reports tokens/s over the whole decode and ms/token near sequence lengths 64, 128, 256.
// In Chromium also the WebGPU cache lane with the WGSL kernels vs composed ops. Lengths per backend
// keep a run within minutes on this 2-core machine: wasm to 256, cpu and webgl (SwiftShader) to
// 128, webgpu (SwiftShader) to 64. One JSON line per measurement; never pass/fail.
import type { Page } from 'playwright-core';
import type { GPTConfigInput } from '@/lib/model/config';
import { createGPT } from '@/lib/model/gpt';
import { atLengths, decodeTimes } from '@/tests/e2e/support/kv-harness/decode-times';

export const KV_CONFIG = { name: 'reference-ctx256', config: { vocabSize: 65, contextLength: 256, nLayer: 4, nHead: 4, dModel: 128, seed: 0 } satisfies GPTConfigInput };
const LENGTHS = [64, 128, 256];
const round = (x: number, digits = 2) => Number(x.toFixed(digits));
const MAX_LENGTH: Record<string, number> = { wasm: 256, cpu: 128, webgl: 128, webgpu: 64 };

function emit(env: string, backend: string, lane: string, ms: number[]): void {
  for (const r of atLengths(ms, LENGTHS)) {
    const base = { backend, env, config: KV_CONFIG.name, shape: KV_CONFIG.config, lane, length: r.length };
    console.log(JSON.stringify({ name: 'decode.tokens_per_s', ...base, median: round(r.tokensPerSec, 1), unit: 'tokens/s', note: `greedy, ${r.length - 1} tokens from a 1-token prompt, reading each step's logits back` }));
    console.log(JSON.stringify({ name: 'decode.ms_per_token', ...base, median: round(r.msPerToken), unit: 'ms', note: `median of the 8 tokens before length ${r.length}` }));
  }
}

/** Node: the active backend (the caller sets wasm / cpu). */
export async function benchKvNode(backend: string): Promise<void> {
  const model = createGPT(KV_CONFIG.config);
  try {
    for (const lane of ['cache', 'recompute'] as const) {
      console.error(`node ${backend} kv-decode ${lane}…`);
      emit('node', backend, lane, await decodeTimes(model, lane, MAX_LENGTH[backend] ?? 128));
    }
  } finally {
    model.dispose();
  }
}

type TimeReply = { backend: string; ms: number[] };

/** Chromium, through the KV harness page (tests/e2e/support/kv-harness). */
export async function benchKvBrowser(page: Page, backends: string[]): Promise<void> {
  const time = (spec: object) => page.evaluate((s) => (globalThis as unknown as { kvHarness: { time(s: object): Promise<TimeReply> } }).kvHarness.time(s), spec);
  for (const backend of backends) {
    const lanes = backend === 'webgpu' ? (['kernel', 'composed', 'recompute'] as const) : (['composed', 'recompute'] as const);
    for (const lane of lanes) {
      const length = MAX_LENGTH[backend] ?? 128;
      console.error(`chromium ${backend} kv-decode ${lane} to ${length}…`);
      try {
        const reply = await time({ config: KV_CONFIG.config, backend, lane, length });
        emit('chromium', reply.backend, lane === 'recompute' ? 'recompute' : lane === 'kernel' ? 'cache-wgsl' : 'cache', reply.ms);
      } catch (err) {
        console.log(JSON.stringify({ name: 'decode.tokens_per_s', backend, env: 'chromium', config: KV_CONFIG.name, lane, median: null, unit: null, error: (err as Error).message }));
      }
    }
  }
}
