// What `npm run bench -- --only=lora` measures on one backend: fine-tune a shipped checkpoint on a
// new text with a LoRA adapter (r = 4, 16 on all four linears) and with full fine-tuning, a few
// steps each on the same batches, recording ms/step, the exact trainable count and Adam's bytes.
// Shared by the harness worker (Chromium, worker.ts) and the Node bench (scripts/bench-lora.ts),
// so both measure exactly the same thing — as workload.ts does for training from scratch. No DOM.
import * as tf from '@tensorflow/tfjs';
import { GPT } from '@/lib/model/gpt';
import { LORA_TARGETS, LoraAdapter } from '@/lib/model/lora';
import { encodeKnownChars } from '@/lib/tokenizer/index';
import type { Tokenizer } from '@/lib/tokenizer/types';
import { splitTrainVal } from '@/lib/train/data';
import { Trainer } from '@/lib/train/trainer';

/** One fine-tuning run: LoRA at rank `r` on all four linears (α = 2r), or every weight (`full`). */
export type LoraVariant = { kind: 'lora'; r: number } | { kind: 'full' };

export interface LoraWorkloadSpec {
  variants: LoraVariant[];
  batchSize: number;
  /** Steps left out of timing (WASM start-up, shader compiles). */
  warmupSteps: number;
  /** Steps recorded after the warm-up. */
  steps: number;
  /** Stop recording once this much time has gone by in a variant (after at least `minSteps`); 0 = no limit. */
  maxSeconds: number;
  minSteps: number;
  /** LoRA's and full fine-tuning's learning rates (LoRALab's defaults). */
  loraLearningRate: number;
  fullLearningRate: number;
}

export const LORA_BENCH_SPEC: LoraWorkloadSpec = {
  variants: [{ kind: 'lora', r: 4 }, { kind: 'lora', r: 16 }, { kind: 'full' }],
  batchSize: 8,
  warmupSteps: 1,
  steps: 4,
  maxSeconds: 0,
  minSteps: 4,
  loraLearningRate: 1e-2,
  fullLearningRate: 1e-3,
};

export interface LoraVariantResult {
  variant: string;
  /** Exact count of the scalars the trainer updates (A and B, or every weight). */
  trainableParams: number;
  /** Adam's m and v as the trainer holds them after the run. */
  optimizerBytes: number;
  warmupMs: number[];
  msPerStep: number[];
  losses: number[];
  tokensPerStep: number;
  /** tf.memory().numTensors before the variant and after it was disposed (equal = no leak). */
  numTensorsBefore: number;
  numTensorsAfter: number;
}

export interface LoraWorkloadResult {
  backend: string;
  numParams: number;
  config: { nLayer: number; dModel: number; contextLength: number; vocabSize: number };
  trainTokens: number;
  runs: LoraVariantResult[];
}

export const variantName = (v: LoraVariant) => (v.kind === 'full' ? 'full' : `lora r=${v.r} all four`);

/**
 * Run every variant of `spec` on a fresh copy of `base` (never changed: the caller may share it).
 * The data split and seed are the same for every variant, so step k sees the same batch in each.
 */
export async function runLoraWorkload(spec: LoraWorkloadSpec, base: GPT, tokenizer: Tokenizer, text: string): Promise<LoraWorkloadResult> {
  const ids = encodeKnownChars(tokenizer, text);
  const split = splitTrainVal(ids, 0.1);
  const weights = await base.weights();
  const c = base.config;
  const result: LoraWorkloadResult = {
    backend: tf.getBackend(),
    numParams: base.numParams,
    config: { nLayer: c.nLayer, dModel: c.dModel, contextLength: c.contextLength, vocabSize: c.vocabSize },
    trainTokens: split.train.length,
    runs: [],
  };
  const total = spec.warmupSteps + spec.steps;
  for (const variant of spec.variants) {
    const numTensorsBefore = tf.memory().numTensors;
    const model = new GPT(c, weights);
    const adapter = variant.kind === 'lora' ? new LoraAdapter(c, { r: variant.r, alpha: 2 * variant.r, targets: [...LORA_TARGETS], seed: 0 }) : null;
    if (adapter) model.setAdapter(adapter);
    const trainer = new Trainer(model, split, {
      steps: total,
      batchSize: spec.batchSize,
      learningRate: adapter ? spec.loraLearningRate : spec.fullLearningRate,
      warmupSteps: 0,
      weightDecay: 0,
      evalEvery: 0,
      seed: 0,
      ...(adapter ? { trainable: adapter.params } : {}),
    });
    const run: LoraVariantResult = {
      variant: variantName(variant),
      trainableParams: [...trainer.trainable.values()].reduce((n, v) => n + v.size, 0),
      optimizerBytes: 0,
      warmupMs: [],
      msPerStep: [],
      losses: [],
      tokensPerStep: spec.batchSize * c.contextLength,
      numTensorsBefore,
      numTensorsAfter: 0,
    };
    const started = performance.now();
    const steps = trainer.run();
    for (let i = 0; i < total; i++) {
      const { value: m, done } = await steps.next();
      if (done || !m) break;
      if (i < spec.warmupSteps) {
        run.warmupMs.push(m.msPerStep);
        continue;
      }
      run.losses.push(m.loss);
      run.msPerStep.push(m.msPerStep);
      const elapsed = (performance.now() - started) / 1000;
      if (spec.maxSeconds > 0 && elapsed > spec.maxSeconds && run.msPerStep.length >= spec.minSteps) break;
    }
    await steps.return(undefined);
    run.optimizerBytes = trainer.optimizerState.bytes;
    trainer.dispose();
    adapter?.dispose();
    model.dispose();
    run.numTensorsAfter = tf.memory().numTensors;
    result.runs.push(run);
  }
  return result;
}
