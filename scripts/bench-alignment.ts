// SFT and DPO ms/step on the shipped zh-tang-poetry checkpoint (987k parameters, vocab 3000,
// context 64) with the shipped Tang datasets, in Node per backend: the work one SFTLab / DPOLab
// step does in the worker (SFT: batch 8, masked loss; DPO: 4 pairs = 8 rows through the policy
// with gradients plus 8 through the frozen reference). Called by scripts/bench.ts (--only=alignment).
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { GPT } from '@/lib/model/gpt';
import { createRng } from '@/lib/sample/rng';
import { DPOTrainer, formatPreference, type PreferencePair } from '@/lib/train/dpo';
import { disposeBatch } from '@/lib/train/logprobs';
import { ObjectiveOptimizer } from '@/lib/train/objective';
import { formatExample, type InstructionPair, maskedLoss, sampleExamples, sftBatch, TANG_TEMPLATE } from '@/lib/train/sft';

const root = path.resolve(import.meta.dirname, '..');
const rows = <T>(file: string): T[] => readFileSync(path.join(root, 'content', 'datasets', file), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as T);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const WARMUP = 1;
const STEPS = 5;

export async function benchAlignment(backends: readonly ('wasm' | 'cpu')[]): Promise<void> {
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) throw new Error(`Node: backend ${backend} failed to start`);
    await tf.ready();
    const { model: reference, tokenizer } = await loadCheckpoint(path.join(root, 'public', 'checkpoints', 'zh-tang-poetry'));
    const T = reference.config.contextLength;
    const base = { backend, env: 'node', config: 'zh-tang-poetry (3L d128 V3000 T64)', steps: STEPS, warmup: WARMUP };

    console.error(`node ${backend} alignment: SFT…`);
    const sftModel = new GPT(reference.config, await reference.weights());
    const examples = rows<InstructionPair>('tang-sft.jsonl').map((p) => formatExample(TANG_TEMPLATE, tokenizer, p));
    const optimizer = new ObjectiveOptimizer(sftModel.params, { learningRate: 2e-3 });
    const rng = createRng(0);
    const sftTimes: number[] = [];
    for (let i = 0; i < WARMUP + STEPS; i++) {
      const batch = sftBatch(sampleExamples(examples, 8, rng), T);
      const t0 = performance.now();
      await optimizer.step(() => ({ loss: maskedLoss(sftModel, batch) }));
      if (i >= WARMUP) sftTimes.push(performance.now() - t0);
      disposeBatch(batch);
    }
    optimizer.dispose();
    sftModel.dispose();
    console.log(JSON.stringify({ name: 'sft.ms_per_step', ...base, batch: 8, median: Math.round(median(sftTimes)), unit: 'ms' }));

    console.error(`node ${backend} alignment: DPO…`);
    const policy = new GPT(reference.config, await reference.weights());
    const pairs = rows<PreferencePair>('tang-preference.jsonl').map((p) => formatPreference(TANG_TEMPLATE, tokenizer, p));
    const trainer = new DPOTrainer(policy, reference, pairs, policy.params, { beta: 0.1, batchSize: 4, learningRate: 1e-4, seed: 0 });
    const dpoTimes: number[] = [];
    for (let i = 0; i < WARMUP + STEPS; i++) {
      const t0 = performance.now();
      await trainer.trainStep();
      if (i >= WARMUP) dpoTimes.push(performance.now() - t0);
    }
    trainer.dispose();
    policy.dispose();
    reference.dispose();
    console.log(JSON.stringify({ name: 'dpo.ms_per_step', ...base, pairs: 4, median: Math.round(median(dpoTimes)), unit: 'ms', note: 'policy forward+backward on 8 rows, reference forward on 8 rows, exact KL' }));
  }
}
