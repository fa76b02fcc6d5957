// LoRA beside full fine-tuning on a shipped checkpoint, in Node (wasm): what LoRALab does in the
// page, with the same lib pieces (LoraAdapter, Trainer with `trainable`, same batches for both).
// Prints one JSON object: losses before/after on the new text's validation windows, ms/step,
// trainable parameters, Adam bytes, and samples before/after with one seed.
//
//   npx tsx scripts/lora-side-by-side.ts --checkpoint=en-shakespeare --corpus=sea-shanties --steps=150
//   npx tsx scripts/lora-side-by-side.ts --checkpoint=zh-tang-poetry --corpus=tang-qijue --r=8 --targets=all
//
// The benchmark (`npm run bench -- --only=lora`) times the same pieces in tests/e2e/support/engine-harness/lora-workload.ts.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initNodeBackend } from '@/lib/backend/node';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { GPT } from '@/lib/model/gpt';
import { LORA_TARGETS, LoraAdapter, type LoraTarget } from '@/lib/model/lora';
import { generate, temperatureTopKSampler } from '@/lib/sample/generate';
import { createRng } from '@/lib/sample/rng';
import { encodeKnownChars } from '@/lib/tokenizer/index';
import { randomStarts, splitTrainVal, windowsAt } from '@/lib/train/data';
import { Trainer } from '@/lib/train/trainer';

const root = path.resolve(import.meta.dirname, '..');

export interface SideBySideOptions {
  checkpoint: string;
  corpus: string;
  steps: number;
  batchSize: number;
  r: number;
  alpha: number;
  targets: LoraTarget[];
  loraLearningRate: number;
  fullLearningRate: number;
  /** Run the full fine-tuning copy too. */
  full: boolean;
  /** Samples before/after (0 = none). */
  sampleTokens: number;
  seed: number;
}

export const SIDE_BY_SIDE_DEFAULTS: SideBySideOptions = {
  checkpoint: 'en-shakespeare',
  corpus: 'sea-shanties',
  steps: 100,
  batchSize: 8,
  r: 8,
  alpha: 16,
  targets: [...LORA_TARGETS],
  loraLearningRate: 1e-2,
  fullLearningRate: 1e-3,
  full: true,
  sampleTokens: 160,
  seed: 0,
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function sideBySide(options: Partial<SideBySideOptions> = {}) {
  const o = { ...SIDE_BY_SIDE_DEFAULTS, ...options };
  const { model: cached, tokenizer } = await loadCheckpoint(path.join(root, 'public', 'checkpoints', o.checkpoint));
  const baseWeights = await cached.weights();
  cached.dispose();
  const text = readFileSync(path.join(root, 'content', 'corpora', `${o.corpus}.txt`), 'utf8');
  const ids = encodeKnownChars(tokenizer, text);
  const split = splitTrainVal(ids, 0.1);
  const T = cached.config.contextLength;
  const evalStarts = randomStarts(split.val, 16, T, createRng(1));
  const valLoss = async (model: GPT) => {
    const { inputs, targets } = windowsAt(split.val, evalStarts, T);
    const loss = model.loss(inputs, targets);
    const v = (await loss.data())[0];
    tf.dispose([inputs, targets, loss]);
    return v;
  };
  const prompt = encodeKnownChars(tokenizer, o.checkpoint.startsWith('zh') ? '春' : 'The ');
  const sample = async (model: GPT) =>
    o.sampleTokens > 0 ? tokenizer.decode(prompt) + tokenizer.decode(await generate(model, prompt, { maxTokens: o.sampleTokens, sampler: temperatureTopKSampler(0.8), rng: createRng(42) })) : '';

  const base = new GPT(cached.config, baseWeights);
  const before = { valLoss: await valLoss(base), sample: await sample(base) };
  const adapter = new LoraAdapter(base.config, { r: o.r, alpha: o.alpha, targets: o.targets, seed: o.seed });
  base.setAdapter(adapter);
  const common = { steps: o.steps, batchSize: o.batchSize, warmupSteps: Math.min(10, o.steps), weightDecay: 0, seed: o.seed, evalEvery: 0 };
  const runs: { name: 'lora' | 'full'; model: GPT; trainer: Trainer }[] = [{ name: 'lora', model: base, trainer: new Trainer(base, split, { ...common, learningRate: o.loraLearningRate, trainable: adapter.params }) }];
  const fullModel = o.full ? new GPT(cached.config, baseWeights) : null;
  if (fullModel) runs.push({ name: 'full', model: fullModel, trainer: new Trainer(fullModel, split, { ...common, learningRate: o.fullLearningRate }) });
  const result: Record<string, unknown> = { checkpoint: o.checkpoint, corpus: o.corpus, trainTokens: split.train.length, valTokens: split.val.length, backend: tf.getBackend(), options: o, before };
  for (const run of runs) {
    const metrics = await run.trainer.train((m) => {
      if (m.step % 10 === 0) console.error(`${run.name} step ${m.step}: loss ${m.loss.toFixed(3)}, ${m.msPerStep.toFixed(0)} ms`);
    });
    const ms = metrics.map((m) => m.msPerStep);
    result[run.name] = {
      trainableParams: [...run.trainer.trainable.values()].reduce((n, v) => n + v.size, 0),
      optimizerBytes: run.trainer.optimizerState.bytes,
      medianMsPerStep: Number(median(ms.slice(1)).toFixed(1)),
      firstStepMs: Number(ms[0].toFixed(0)),
      firstLoss: metrics[0].loss,
      lastLoss: metrics.at(-1)!.loss,
      after: { valLoss: await valLoss(run.model), sample: await sample(run.model) },
    };
    run.trainer.dispose();
  }
  adapter.dispose();
  base.dispose();
  fullModel?.dispose();
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const arg = (name: string) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const num = (name: string, fallback: number) => (arg(name) === undefined ? fallback : Number(arg(name)));
  const targets = arg('targets');
  const options: Partial<SideBySideOptions> = {
    checkpoint: arg('checkpoint') ?? SIDE_BY_SIDE_DEFAULTS.checkpoint,
    corpus: arg('corpus') ?? SIDE_BY_SIDE_DEFAULTS.corpus,
    steps: num('steps', SIDE_BY_SIDE_DEFAULTS.steps),
    batchSize: num('batch', SIDE_BY_SIDE_DEFAULTS.batchSize),
    r: num('r', SIDE_BY_SIDE_DEFAULTS.r),
    alpha: num('alpha', SIDE_BY_SIDE_DEFAULTS.alpha),
    loraLearningRate: num('lora-lr', SIDE_BY_SIDE_DEFAULTS.loraLearningRate),
    fullLearningRate: num('full-lr', SIDE_BY_SIDE_DEFAULTS.fullLearningRate),
    targets: !targets || targets === 'all' ? [...LORA_TARGETS] : (targets.split(',') as LoraTarget[]),
    full: arg('full') !== 'false',
  };
  console.error(`backend ${await initNodeBackend('wasm')}`);
  console.log(JSON.stringify(await sideBySide(options), null, 1));
}
