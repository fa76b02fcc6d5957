// Benchmarks of the tiny GPT: training ms/step and tokens/s, greedy generation tokens/s, peak
// tensors and bytes — in Node (wasm, cpu) and, with --browser, inside a Web Worker in headless
// Chromium on every backend that starts there (WebGPU/SwiftShader, WebGL, WASM, CPU).
//
//   npm run bench                       Node only
//   npm run bench -- --browser          Node, then Chromium
//   npm run bench -- --only=small       one configuration
//   npm run bench -- --only=alignment   SFT and DPO ms/step on the zh-tang-poetry checkpoint (scripts/bench-alignment.ts)
//   npm run bench -- --only=lora        LoRA vs full fine-tuning on the en-shakespeare checkpoint (scripts/bench-lora.ts; --browser: also in Chromium)
//   npm run bench -- --browser --webgpu-reference   also WebGPU on the reference config (minutes)
//   npm run bench -- --backends=wasm,webgl          only these backends (Node and browser)
//   npm run bench -- --browser --no-node            skip the Node half
//   npm run bench -- --only=kv                      only the KV-cache decode lanes (scripts/bench-kv.ts)
//   npm run bench -- --only=kv --kv-at-only         only their ms/token at 64/128/256 ('prefill L-8, decode 8')
//   npm run bench -- --only=kv --kv-method-check --backends=wasm   that method vs the whole decode, 3 rounds
//   npm run bench -- --no-node --sweep[=tokens-quick,…]  LiveScalingSweep's presets (scripts/bench-sweep.ts)
//
// Prints one JSON object per measurement on stdout ({name, backend, env, config, median, unit,
// steps, warmup, …}); progress goes to stderr. Never pass/fail: numbers only.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { GPTConfigInput } from '@/lib/model/config';
import type { BackendName } from '@/lib/backend/choose';
import { runWorkload, type WorkloadResult, type WorkloadSpec } from '@/tests/e2e/support/engine-harness/workload';
import { benchKvBrowser, benchKvMethodCheck, benchKvNode } from './bench-kv';
import { benchAlignment } from './bench-alignment';
import { benchLora, benchLoraBrowser } from './bench-lora';

const args = new Set(process.argv.slice(2));
const only = [...args].find((a) => a.startsWith('--only='))?.slice('--only='.length);
const backendList = [...args].find((a) => a.startsWith('--backends='))?.slice('--backends='.length).split(',');
const wanted = (backend: string) => !backendList || backendList.includes(backend);
const text = readFileSync(path.join(import.meta.dirname, '..', 'content', 'corpora', 'tiny-shakespeare.txt'), 'utf8');

interface BenchConfig {
  name: string;
  config: GPTConfigInput;
  batchSize: number;
  warmupSteps: number;
  steps: number;
  /** Recording stops after this many seconds once minSteps are in (slow backends). */
  maxSeconds: number;
  minSteps: number;
  generateTokens: number;
}

const CONFIGS: BenchConfig[] = [
  {
    name: 'small',
    config: { vocabSize: 65, contextLength: 64, nLayer: 2, nHead: 4, dModel: 64, seed: 0 },
    batchSize: 16,
    warmupSteps: 2,
    steps: 10,
    maxSeconds: 40,
    minSteps: 3,
    generateTokens: 32,
  },
  {
    name: 'reference',
    config: { vocabSize: 65, contextLength: 64, nLayer: 4, nHead: 4, dModel: 128, seed: 0 },
    batchSize: 32,
    warmupSteps: 1,
    steps: 5,
    maxSeconds: 40,
    minSteps: 2,
    generateTokens: 16,
  },
].filter((c) => !only || c.name === only);

function specFor(c: BenchConfig, backend: string): WorkloadSpec {
  const webgpu = backend === 'webgpu';
  return {
    config: c.config,
    batchSize: c.batchSize,
    // SwiftShader compiles shaders on the first steps (tens of seconds) and then takes seconds
    // per step: warm up 2 steps and record at least 2, stopping after 60 s.
    warmupSteps: webgpu ? 2 : c.warmupSteps,
    steps: webgpu ? 3 : c.steps,
    maxSeconds: webgpu ? 60 : c.maxSeconds,
    minSteps: webgpu ? 2 : c.minSteps,
    learningRate: 1e-3,
    text,
    generateTokens: webgpu ? 8 : c.generateTokens,
    profilePeak: !webgpu,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number, digits = 1) => Number(x.toFixed(digits));

function emit(c: BenchConfig, backend: string, env: string, r: WorkloadResult, spec: WorkloadSpec): void {
  const base = { backend, env, config: c.name, shape: { ...c.config, batchSize: c.batchSize }, params: r.numParams };
  const ms = median(r.msPerStep);
  const steps = { steps: r.msPerStep.length, warmup: r.warmupMs.length, warmupMs: r.warmupMs.map((x) => round(x, 0)) };
  const lines = [
    { name: 'train.ms_per_step', ...base, median: round(ms), unit: 'ms', ...steps, min: round(Math.min(...r.msPerStep)), max: round(Math.max(...r.msPerStep)) },
    { name: 'train.tokens_per_s', ...base, median: round((r.tokensPerStep * 1000) / ms, 0), unit: 'tokens/s', ...steps },
    ...(spec.generateTokens > 0
      ? [{ name: 'generate.tokens_per_s', ...base, median: round((spec.generateTokens * 1000) / r.generateMs), unit: 'tokens/s', tokens: spec.generateTokens, note: 'greedy, full forward over ≤64 tokens per token (no KV cache)' }]
      : []),
    {
      name: 'memory.peak_num_tensors',
      ...base,
      median: r.peakNumTensors,
      unit: 'tensors',
      note: spec.profilePeak ? 'most live tensors after any kernel of one profiled training step (tf.profile snapshots)' : 'most live tensors at a step boundary (no tf.profile on this backend)',
    },
    ...(r.peakBytes !== undefined ? [{ name: 'memory.peak_bytes', ...base, median: r.peakBytes, unit: 'bytes', note: 'tf.profile of one training step' }] : []),
    { name: 'train.final_loss', ...base, median: round(r.losses[r.losses.length - 1], 4), unit: 'nats/token', note: 'loss at the last recorded step (warmup + steps); same seed everywhere, so equal step counts give equal losses' },
  ];
  for (const line of lines) console.log(JSON.stringify(line));
}

async function benchNode(): Promise<void> {
  for (const backend of (['wasm', 'cpu'] as const).filter(wanted)) {
    if (!(await tf.setBackend(backend))) throw new Error(`Node: backend ${backend} failed to start`);
    await tf.ready();
    for (const c of CONFIGS) {
      const spec = specFor(c, backend);
      console.error(`node ${backend} ${c.name}…`);
      emit(c, backend, 'node', await runWorkload(spec), spec);
    }
    if (args.has('--kv-method-check')) await benchKvMethodCheck(backend);
    else if (!only || only === 'kv') await benchKvNode(backend, { atOnly: args.has('--kv-at-only') });
  }
}

async function benchBrowser(): Promise<void> {
  // Loaded only here, so a Node-only run needs no Chromium.
  const { launchChromium } = await import('@/tests/e2e/support/chromium');
  const { buildHarness, serveHarness } = await import('@/tests/e2e/support/engine-harness/serve');
  const server = await serveHarness(await buildHarness());
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => document.title === 'engine harness ready');
    for (const backend of (['webgpu', 'webgl', 'wasm', 'cpu'] as BackendName[]).filter(wanted)) {
      for (const c of CONFIGS) {
        if (backend === 'webgpu' && c.name === 'reference' && !args.has('--webgpu-reference')) {
          console.log(JSON.stringify({ name: 'train.ms_per_step', backend, env: 'chromium', config: c.name, median: null, unit: 'ms', skipped: 'WebGPU is SwiftShader here: tens of seconds per step on this shape; pass --webgpu-reference to run it' }));
          continue;
        }
        const spec = specFor(c, backend);
        console.error(`chromium ${backend} ${c.name}…`);
        try {
          const reply = (await page.evaluate(
            (request) => (globalThis as unknown as { harness: { run(r: unknown): Promise<unknown> } }).harness.run(request),
            { type: 'run' as const, backend, spec },
          )) as { result: WorkloadResult };
          emit(c, backend, 'chromium', reply.result, spec);
        } catch (err) {
          // A backend that does not start is a measurement too: say so, never drop it silently.
          console.log(JSON.stringify({ name: 'backend.start', backend, env: 'chromium', config: c.name, median: null, unit: null, error: (err as Error).message }));
        }
      }
    }
    if (!only || only === 'lora') await benchLoraBrowser(page, (['webgpu', 'webgl', 'wasm', 'cpu'] as BackendName[]).filter(wanted));
    if (!only || only === 'kv') {
      const { buildKvHarness } = await import('@/tests/e2e/support/kv-harness/build');
      const kvServer = await serveHarness(await buildKvHarness());
      try {
        await page.goto(kvServer.url);
        await page.waitForFunction(() => document.title === 'kv harness ready');
        await benchKvBrowser(page, (['webgpu', 'webgl', 'wasm', 'cpu'] as BackendName[]).filter(wanted), { atOnly: args.has('--kv-at-only') });
      } finally {
        await kvServer.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

console.error(`bench: ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, node ${process.version}, tfjs ${tf.version.tfjs}`);
if (!args.has('--no-node')) await benchNode();
if (!args.has('--no-node') && (!only || only === 'alignment')) await benchAlignment((['wasm', 'cpu'] as const).filter(wanted));
if (!args.has('--no-node') && (!only || only === 'lora')) await benchLora((['wasm', 'cpu'] as const).filter(wanted));
if (args.has('--browser')) await benchBrowser();
const sweepArg = [...args].find((a) => a === '--sweep' || a.startsWith('--sweep='));
if (sweepArg) await (await import('./bench-sweep')).benchSweep(sweepArg.split('=')[1]);
console.error(`bench: done, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
