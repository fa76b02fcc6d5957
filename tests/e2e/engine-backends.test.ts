// The tiny GPT trains and generates inside a Web Worker in Debian's Chromium on every
// TensorFlow.js backend — WebGPU (SwiftShader here), WebGL, WASM and CPU — and they agree.
// A backend that does not come up fails its test with the backend's own message; none is skipped.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendChoice, BackendName } from '@/lib/backend/choose';
import { openHarness, type OpenHarness } from './support/engine-harness/open';
import { charVocab, type WorkloadResult, type WorkloadSpec } from './support/engine-harness/workload';

const text = readFileSync(path.join(import.meta.dirname, '../../content/corpora/tiny-shakespeare.txt'), 'utf8').slice(0, 20_000);

// Tiny on purpose: WebGPU runs on SwiftShader (the CPU) here, seconds per step on bigger shapes.
const spec: WorkloadSpec = {
  config: { vocabSize: charVocab(text).size, contextLength: 16, nLayer: 2, nHead: 2, dModel: 32, seed: 3 },
  batchSize: 8,
  steps: 10,
  warmupSteps: 0,
  maxSeconds: 0,
  minSteps: 10,
  learningRate: 3e-3,
  text,
  generateTokens: 24,
  profilePeak: false,
};

// Float32 on different kernels (GPU shaders, WASM SIMD, JS) rounds differently; after ten Adam
// steps the losses still agree far inside this.
const RELATIVE_TOLERANCE = 1e-4;

type RunReply = { choice: BackendChoice; active: string; result: WorkloadResult };
type ChooseReply = { choice: BackendChoice; active: string };

let harness: OpenHarness;
let page: Page;
let consoleErrors: string[] = [];
const results = new Map<BackendName, WorkloadResult>();

beforeAll(async () => {
  harness = await openHarness();
  ({ page, consoleErrors } = harness);
});

afterAll(() => harness?.close());

const runIn = (backend: BackendName) =>
  page.evaluate(
    (request) => (globalThis as unknown as { harness: { run(r: unknown): Promise<unknown> } }).harness.run(request),
    { type: 'run' as const, backend, spec },
  ) as Promise<RunReply>;

describe('the tiny GPT in a Web Worker on every backend', () => {
  // CPU first: it is the reference the others are compared with.
  for (const backend of ['cpu', 'wasm', 'webgl', 'webgpu'] as const) {
    it(`${backend}: starts, trains 10 steps with falling loss, generates, and leaks no tensors`, async () => {
      const { choice, active, result } = await runIn(backend);
      expect(active).toBe(backend);
      expect(choice.reason).toBe('chosen explicitly');
      expect(result.losses).toHaveLength(10);
      // A fresh model predicts nearly uniformly: loss ≈ ln(vocab).
      expect(result.losses[0]).toBeGreaterThan(Math.log(spec.config.vocabSize) - 0.3);
      expect(result.losses[0]).toBeLessThan(Math.log(spec.config.vocabSize) + 0.3);
      expect(result.losses[9]).toBeLessThan(result.losses[0] - 0.3);
      // Optimiser moments appear at step 1; from then on every step ends with the same tensors.
      expect(new Set(result.numTensorsAfterStep).size).toBe(1);
      expect(result.numTensorsAfterGenerate).toBe(result.numTensorsBeforeGenerate);
      expect([...result.generated]).toHaveLength(spec.generateTokens);
      results.set(backend, result);
      console.log(
        `${backend}: losses ${result.losses.map((l) => l.toFixed(5)).join(' ')}; median ${median(result.msPerStep).toFixed(0)} ms/step; ` +
          `numTensors ${result.numTensorsAfterStep[0]}; generated ${JSON.stringify(result.generated)}`,
      );
    });
  }

  it(`the first 10 losses agree across all four backends within ${RELATIVE_TOLERANCE} relative`, () => {
    const reference = results.get('cpu');
    expect(reference, 'the cpu run must have passed').toBeDefined();
    for (const backend of ['wasm', 'webgl', 'webgpu'] as const) {
      const r = results.get(backend);
      expect(r, `the ${backend} run must have passed`).toBeDefined();
      r!.losses.forEach((loss, i) => {
        const relative = Math.abs(loss - reference!.losses[i]) / reference!.losses[i];
        expect(relative, `${backend} step ${i + 1}: ${loss} vs cpu ${reference!.losses[i]}`).toBeLessThan(RELATIVE_TOLERANCE);
      });
    }
  });

  it('the automatic choice names SwiftShader as a fallback adapter, picks the fastest measured backend, and remembers it', async () => {
    const choose = () =>
      page.evaluate(() => (globalThis as unknown as { harness: { choose(): Promise<unknown> } }).harness.choose()) as Promise<ChooseReply>;
    const first = await choose();
    const { choice } = first;
    console.log(`auto choice: ${choice.backend} (${choice.reason}); ${choice.rejected.map((r) => `${r.backend}: ${r.reason}`).join('; ')}`);
    expect(choice.rejected.find((r) => r.backend === 'webgpu')?.reason).toMatch(/^fallback adapter \(.*swiftshader.*\): software WebGPU is slower than WASM$/i);
    expect(choice.webgpuAdapter).toMatch(/swiftshader/i);
    expect(Object.keys(choice.measurements).sort()).toEqual(['cpu', 'wasm', 'webgl']);
    const fastest = (['webgl', 'wasm', 'cpu'] as const).reduce((a, b) => (choice.measurements[b]! < choice.measurements[a]! ? b : a));
    expect(choice.backend).toBe(fastest);
    expect(first.active).toBe(choice.backend);
    expect(choice.fromCache).toBe(false);
    for (const r of choice.rejected.filter((x) => x.backend !== 'webgpu')) expect(r.reason).toMatch(/^slower in the probe: [\d.]+ ms vs [\d.]+ ms$/);

    const second = await choose();
    expect(second.choice).toMatchObject({ backend: choice.backend, fromCache: true, measurements: choice.measurements });
    expect(second.active).toBe(choice.backend);
  });

  it('logged no errors to the page console', () => {
    expect(consoleErrors).toEqual([]);
  });
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
