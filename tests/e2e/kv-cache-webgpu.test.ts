// The KV cache's WGSL kernels in Debian's Chromium on WebGPU (SwiftShader: the CPU runs the
// shaders, so this proves correctness, not speed): greedy decoding with the in-place cache write
// and the fused attention kernel gives the logits of the composed-op cache and of a full recompute
// at every step, and over a long decode the kernel store holds the same tensors and GPU buffers
// at every step while the composed store's concatenations keep adding buffers of new sizes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { serveHarness, type HarnessServer } from './support/engine-harness/serve';
import { buildKvHarness } from './support/kv-harness/build';

let browser: LaunchedBrowser;
let server: HarnessServer;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await serveHarness(await buildKvHarness());
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.title === 'kv harness ready');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

type Step = { tensors: number; used: number; free: number };
type CheckResult = { backend: string; tokens: number; worstVsComposed: number; worstVsRecompute: number; kernelSteps: Step[]; composedSteps: Step[]; tensorsBefore: number; tensorsAfter: number };

const check = (spec: object) => page.evaluate((s) => (globalThis as unknown as { kvHarness: { check(s: object): Promise<CheckResult> } }).kvHarness.check(s), spec);

describe('KV cache WGSL kernels (WebGPU on SwiftShader)', () => {
  it.each([
    ['3 heads × odd d_head 5, context 24', { vocabSize: 17, contextLength: 24, nLayer: 2, nHead: 3, dModel: 15, seed: 3 }],
    ['1 head × 16, context 32', { vocabSize: 13, contextLength: 32, nLayer: 1, nHead: 1, dModel: 16, seed: 4 }],
  ])('%s: kernel logits equal the composed ops and a full recompute; tensors and buffers stay flat', async (_name, config) => {
    const r = await check({ config, prompt: [1, 2, 3], steps: 40 });
    expect(r.backend).toBe('webgpu');
    expect(r.tokens).toBe(config.contextLength); // decoded up to the context
    console.log(`${_name}: worst relative logit difference vs composed ${r.worstVsComposed.toExponential(2)}, vs recompute ${r.worstVsRecompute.toExponential(2)}`);
    expect(r.worstVsComposed).toBeLessThan(1e-4);
    expect(r.worstVsRecompute).toBeLessThan(1e-4);
    // After two warm-up steps the kernel store's step allocates nothing new: same tensors, same buffers.
    const steady = r.kernelSteps.slice(2);
    expect(new Set(steady.map((s) => s.tensors)).size).toBe(1);
    expect(new Set(steady.map((s) => s.used + s.free)).size).toBe(1);
    // The composed store concatenates: each step a K and V buffer of a new size per layer, never freed by the pool.
    const grown = r.composedSteps.at(-1)!.used + r.composedSteps.at(-1)!.free - (r.composedSteps[2].used + r.composedSteps[2].free);
    console.log(`GPU buffers: kernel store flat at ${steady[0].used + steady[0].free}; composed store grew by ${grown} over ${r.composedSteps.length - 3} steps`);
    expect(grown).toBeGreaterThan(0);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
    expect(errors).toEqual([]);
  });
});
