// What the engine harness runs on one backend: build a GPT, train it for a few steps recording
// loss, time and tensor counts, then generate. Shared by the browser worker (worker.ts) and the
// Node benchmark (scripts/bench.ts), so both measure exactly the same thing. No DOM here.
import * as tf from '@tensorflow/tfjs';
import { createGPT } from '@/lib/model/gpt';
import type { GPTConfigInput } from '@/lib/model/config';
import { splitTrainVal } from '@/lib/train/data';
import { Trainer } from '@/lib/train/trainer';
import { greedy } from '@/lib/sample/strategies';

export interface WorkloadSpec {
  /** Model shape; vocabSize must cover the text's characters (extra ids simply go unused). */
  config: GPTConfigInput;
  batchSize: number;
  /** Steps whose metrics are recorded (after the warm-up steps). */
  steps: number;
  /** Steps run first and left out of timing (shader compiles, WASM start-up, JIT). */
  warmupSteps: number;
  /** Stop recording once this much time has gone by (after at least `minSteps`); 0 = no limit. */
  maxSeconds: number;
  minSteps: number;
  learningRate: number;
  /** Training text, tokenized by characters (sorted unique characters → ids 0, 1, …). */
  text: string;
  /** Tokens to generate greedily after training (0 = skip). */
  generateTokens: number;
  /** Profile one extra step with tf.profile for its peak bytes (slow on WebGPU: off there). */
  profilePeak: boolean;
}

export interface WorkloadResult {
  backend: string;
  numParams: number;
  warmupMs: number[];
  /** Per recorded step. */
  losses: number[];
  msPerStep: number[];
  numTensorsAfterStep: number[];
  bytesAfterStep: number[];
  tokensPerStep: number;
  /** Peak bytes held during one profiled step (tf.profile), when asked. */
  peakBytes?: number;
  /** Largest numTensors seen at any step boundary or, when profiled, after any kernel of the profiled step. */
  peakNumTensors: number;
  generated: string;
  generateMs: number;
  numTensorsBeforeGenerate: number;
  numTensorsAfterGenerate: number;
}

/** Sorted unique characters → ids (the harness's own: it needs no tokenizer module). */
export function charVocab(text: string): { encode(s: string): number[]; decode(ids: number[]): string; size: number } {
  const chars = [...new Set(text)].sort();
  const index = new Map(chars.map((c, i) => [c, i]));
  return {
    size: chars.length,
    encode: (s) => [...s].map((c) => index.get(c) ?? 0),
    decode: (ids) => ids.map((i) => chars[i] ?? '?').join(''),
  };
}

/** The most tensors alive at once during a profiled function: max over its kernels of the live count after each. */
export function peakTensorsInProfile(info: Pick<Awaited<ReturnType<typeof tf.profile>>, 'kernels'>): number {
  return info.kernels.reduce((peak, k) => Math.max(peak, k.totalTensorsSnapshot), 0);
}

export async function runWorkload(spec: WorkloadSpec): Promise<WorkloadResult> {
  const vocab = charVocab(spec.text);
  if (vocab.size > spec.config.vocabSize) {
    throw new Error(`workload: the text has ${vocab.size} distinct characters but config.vocabSize is ${spec.config.vocabSize}`);
  }
  const model = createGPT(spec.config);
  const T = model.config.contextLength;
  const totalSteps = spec.warmupSteps + spec.steps;
  const trainer = new Trainer(model, splitTrainVal(vocab.encode(spec.text)), {
    steps: totalSteps + (spec.profilePeak ? 1 : 0),
    batchSize: spec.batchSize,
    learningRate: spec.learningRate,
    warmupSteps: 0,
    evalEvery: 0,
    seed: 1,
  });
  const result: WorkloadResult = {
    backend: tf.getBackend(),
    numParams: model.numParams,
    warmupMs: [],
    losses: [],
    msPerStep: [],
    numTensorsAfterStep: [],
    bytesAfterStep: [],
    tokensPerStep: spec.batchSize * T,
    peakNumTensors: tf.memory().numTensors,
    generated: '',
    generateMs: 0,
    numTensorsBeforeGenerate: 0,
    numTensorsAfterGenerate: 0,
  };
  const started = performance.now();
  const steps = trainer.run();
  for (let i = 0; i < totalSteps; i++) {
    const { value: m, done } = await steps.next();
    if (done || !m) break;
    const { numTensors, numBytes } = tf.memory();
    result.peakNumTensors = Math.max(result.peakNumTensors, numTensors);
    if (i < spec.warmupSteps) {
      result.warmupMs.push(m.msPerStep);
      continue;
    }
    result.losses.push(m.loss);
    result.msPerStep.push(m.msPerStep);
    result.numTensorsAfterStep.push(numTensors);
    result.bytesAfterStep.push(numBytes);
    const elapsed = (performance.now() - started) / 1000;
    if (spec.maxSeconds > 0 && elapsed > spec.maxSeconds && result.losses.length >= spec.minSteps) break;
  }
  if (spec.profilePeak) {
    const info = await tf.profile(async () => {
      await steps.next();
    });
    result.peakBytes = info.peakBytes;
    // Each kernel's snapshot is the live-tensor count right after it ran, before any tidy()
    // around it released its intermediates: the largest is the step's true peak. (info.newTensors
    // is only the net change over the whole step, ≈0 once Adam's moments exist.)
    result.peakNumTensors = Math.max(result.peakNumTensors, peakTensorsInProfile(info));
  }
  await steps.return(undefined);

  if (spec.generateTokens > 0) {
    result.numTensorsBeforeGenerate = tf.memory().numTensors;
    const ids = vocab.encode(spec.text.slice(0, T));
    const t0 = performance.now();
    for (let n = 0; n < spec.generateTokens; n++) {
      const window = ids.slice(-T);
      const logits = tf.tidy(() => {
        const tokens = tf.tensor2d(Int32Array.from(window), [1, window.length], 'int32');
        const { logits: all } = model.forward(tokens); // [1, t, V]
        return all.slice([0, window.length - 1, 0], [1, 1, model.config.vocabSize]).reshape([model.config.vocabSize]); // [V]
      });
      const values = (await logits.data()) as Float32Array;
      logits.dispose();
      ids.push(greedy(values).token);
    }
    result.generateMs = performance.now() - t0;
    result.generated = vocab.decode(ids.slice(T));
    result.numTensorsAfterGenerate = tf.memory().numTensors;
  }
  trainer.dispose();
  model.dispose();
  return result;
}
