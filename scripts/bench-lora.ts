// LoRA vs full fine-tuning on the shipped en-shakespeare checkpoint (809,472 parameters; 4 blocks,
// d 128, context 64) on the sea-shanties text: ms/step, exact trainable parameters and Adam bytes
// of LoRA at r = 4 and 16 on all four linears and of full fine-tuning, batch 8 — in Node (wasm,
// cpu) and, with --browser, in a Web Worker in Chromium on each backend (the engine harness).
// Both run tests/e2e/support/engine-harness/lora-workload.ts, so they measure the same thing.
// Part of `npm run bench` (one JSON object per measurement); `--only=lora` runs just these.
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { BackendName } from '@/lib/backend/choose';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { LORA_BENCH_SPEC, runLoraWorkload, type LoraWorkloadResult, type LoraWorkloadSpec } from '@/tests/e2e/support/engine-harness/lora-workload';

const root = path.resolve(import.meta.dirname, '..');
const CHECKPOINT = 'en-shakespeare';
const CORPUS = 'sea-shanties';

/**
 * Slow backends (WebGPU on SwiftShader, tfjs's plain-JS CPU backend) get 1 warm-up + at most 2
 * recorded steps per variant, stopping after one recorded step once 60 s have gone by.
 */
function specFor(env: 'node' | 'chromium', backend: string): LoraWorkloadSpec {
  const slow = backend === 'webgpu' || (env === 'chromium' && backend === 'cpu') || (env === 'node' && backend === 'cpu');
  return slow ? { ...LORA_BENCH_SPEC, steps: 2, minSteps: 1, maxSeconds: 60 } : LORA_BENCH_SPEC;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number | null, digits = 1) => (x === null ? null : Number(x.toFixed(digits)));

function emit(env: 'node' | 'chromium', backend: string, spec: LoraWorkloadSpec, r: LoraWorkloadResult): void {
  const base = { backend, env, config: CHECKPOINT, corpus: CORPUS, params: r.numParams, shape: { ...r.config, batchSize: spec.batchSize } };
  for (const run of r.runs) {
    const steps = { steps: run.msPerStep.length, warmup: run.warmupMs.length, warmupMs: run.warmupMs.map((x) => Math.round(x)) };
    const ms = median(run.msPerStep);
    console.log(JSON.stringify({ name: 'finetune.ms_per_step', ...base, variant: run.variant, median: round(ms), unit: 'ms', ...steps, min: round(Math.min(...run.msPerStep)), max: round(Math.max(...run.msPerStep)) }));
    console.log(JSON.stringify({ name: 'finetune.tokens_per_s', ...base, variant: run.variant, median: ms === null ? null : Math.round((run.tokensPerStep * 1000) / ms), unit: 'tokens/s', ...steps }));
    console.log(JSON.stringify({ name: 'finetune.trainable_params', ...base, variant: run.variant, median: run.trainableParams, unit: 'parameters' }));
    console.log(JSON.stringify({ name: 'finetune.optimizer_bytes', ...base, variant: run.variant, median: run.optimizerBytes, unit: 'bytes', note: "Adam's m and v as held by the trainer after the run" }));
    console.log(JSON.stringify({ name: 'finetune.losses', ...base, variant: run.variant, median: round(run.losses.at(-1) ?? null, 4), unit: 'nats/token', losses: run.losses.map((x) => round(x, 4)), numTensorsBefore: run.numTensorsBefore, numTensorsAfter: run.numTensorsAfter, note: 'same seed and batches on every backend and variant' }));
  }
}

export async function benchLora(backends: ('wasm' | 'cpu')[]): Promise<void> {
  const text = readFileSync(path.join(root, 'content', 'corpora', `${CORPUS}.txt`), 'utf8');
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) throw new Error(`Node: backend ${backend} failed to start`);
    await tf.ready();
    console.error(`node ${backend} lora r=4, r=16, full…`);
    const { model, tokenizer } = await loadCheckpoint(path.join(root, 'public', 'checkpoints', CHECKPOINT));
    const spec = specFor('node', backend);
    emit('node', backend, spec, await runLoraWorkload(spec, model, tokenizer, text));
    model.dispose();
  }
}

/** The same workload in the engine harness's worker, one fresh worker per backend (`page` shows the harness). */
export async function benchLoraBrowser(page: Page, backends: BackendName[]): Promise<void> {
  for (const backend of backends) {
    const spec = specFor('chromium', backend);
    console.error(`chromium ${backend} lora r=4, r=16, full…`);
    try {
      const reply = (await page.evaluate(
        (request) => (globalThis as unknown as { harness: { run(r: unknown): Promise<unknown> } }).harness.run(request),
        { type: 'lora' as const, backend, spec, checkpoint: CHECKPOINT, corpus: CORPUS },
      )) as { result: LoraWorkloadResult };
      emit('chromium', backend, spec, reply.result);
    } catch (err) {
      // A backend that does not start is a measurement too: say so, never drop it silently.
      console.log(JSON.stringify({ name: 'backend.start', backend, env: 'chromium', config: CHECKPOINT, median: null, unit: null, error: (err as Error).message }));
    }
  }
}
