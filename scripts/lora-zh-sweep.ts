// How fast does LoRA teach the Tang checkpoint the 七言 form? Trains LoRA only (the lab's batch,
// targets and warm-up) on tang-qijue and, at chosen steps, samples several seeded texts and counts
// the share of seven-character clauses (lib/text/clauses.ts) and the validation loss. One JSON
// line per measurement; the numbers in docs/lora-lab.md ("How many steps show 七言") come from here.
//
//   nice -n 15 npx tsx scripts/lora-zh-sweep.ts --r=4 --alpha=8 --lr=0.02 --steps=200 --at=60,120,200
//
// The cosine schedule decays over --steps, so a reading at step 60 of a 200-step run has seen a
// higher learning rate than a 60-step run ends with; confirm a chosen default with --steps=<it>.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initNodeBackend } from '@/lib/backend/node';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { LORA_TARGETS, LoraAdapter } from '@/lib/model/lora';
import { generate, temperatureTopKSampler } from '@/lib/sample/generate';
import { createRng } from '@/lib/sample/rng';
import { addClauseCounts, countClauses } from '@/lib/text/clauses';
import { encodeKnownChars } from '@/lib/tokenizer/index';
import { randomStarts, splitTrainVal, windowsAt } from '@/lib/train/data';
import { Trainer } from '@/lib/train/trainer';
import type { GPT } from '@/lib/model/gpt';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string) => process.argv.slice(2).find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const num = (name: string, fallback: number) => (arg(name) === undefined ? fallback : Number(arg(name)));
const o = {
  r: num('r', 4),
  alpha: num('alpha', 8),
  lr: num('lr', 0.01),
  steps: num('steps', 200),
  batch: num('batch', 8),
  warmup: num('warmup', 5),
  samples: num('samples', 4),
  tokens: num('tokens', 160),
  at: (arg('at') ?? '60,120,200').split(',').map(Number),
};

const backend = await initNodeBackend('wasm');
const { model, tokenizer } = await loadCheckpoint(path.join(root, 'public', 'checkpoints', 'zh-tang-poetry'));
const ids = encodeKnownChars(tokenizer, readFileSync(path.join(root, 'content', 'corpora', 'tang-qijue.txt'), 'utf8'));
const split = splitTrainVal(ids, 0.1);
const T = model.config.contextLength;
const evalStarts = randomStarts(split.val, 16, T, createRng(1));
const prompt = encodeKnownChars(tokenizer, '春');

async function measure(m: GPT, step: number, msPerStep: number) {
  const { inputs, targets } = windowsAt(split.val, evalStarts, T);
  const loss = m.loss(inputs, targets);
  const valLoss = (await loss.data())[0];
  tf.dispose([inputs, targets, loss]);
  const t0 = performance.now();
  const perSeed = [];
  for (let seed = 0; seed < o.samples; seed++) {
    const text = tokenizer.decode(await generate(m, prompt, { maxTokens: o.tokens, sampler: temperatureTopKSampler(0.8), rng: createRng(seed) }));
    const c = countClauses(text, 7);
    perSeed.push({ ...c, share: c.total ? c.matched / c.total : 0, text: seed === 0 ? text.slice(0, 60) : undefined });
  }
  const all = addClauseCounts(perSeed);
  const shares = perSeed.map((c) => c.share);
  console.log(JSON.stringify({ ...o, at: undefined, backend, step, valLoss: +valLoss.toFixed(4), share7: +all.share.toFixed(3), clauses: all.total, seedShares: shares.map((s) => +s.toFixed(2)), seedCounts: perSeed.map((c) => [c.matched, c.total]), seedSpread: +(Math.max(...shares) - Math.min(...shares)).toFixed(2), msPerStep: Math.round(msPerStep), sampleMs: Math.round(performance.now() - t0), sample0: perSeed[0].text }));
}

if (arg("skip0") === undefined) await measure(model, 0, 0);
const adapter = new LoraAdapter(model.config, { r: o.r, alpha: o.alpha, targets: [...LORA_TARGETS], seed: 0 });
model.setAdapter(adapter);
const trainer = new Trainer(model, split, { steps: o.steps, batchSize: o.batch, learningRate: o.lr, warmupSteps: o.warmup, weightDecay: 0, seed: 0, evalEvery: 0, trainable: adapter.params });
const ms: number[] = [];
await trainer.train(async (m) => {
  ms.push(m.msPerStep);
  if (o.at.includes(m.step)) {
    const s = [...ms.slice(1)].sort((a, b) => a - b);
    await measure(model, m.step, s[Math.floor(s.length / 2)] ?? ms[0]);
  }
});
trainer.dispose();
