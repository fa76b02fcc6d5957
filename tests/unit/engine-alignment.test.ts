// The engine's `alignment` feature in Node, driven as the worker drives it, on a tiny checkpoint
// whose vocabulary covers the shipped Tang datasets (served through a stubbed fetch): the
// template view's mask is the library's, SFT lowers the held-out answer loss, DPO starts exactly
// at the reference (margin 0, KL 0) and its margin grows, β changes reach a running loop, bad
// data is refused with a message naming it, and no tensor is left behind.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEngine } from '@/lib/engine/engine';
import type { AlignmentSource } from '@/lib/engine/features/alignment/protocol';
import type { EngineCommand, EngineEvent } from '@/lib/engine/protocol';
import { serializeCheckpoint } from '@/lib/model/checkpoint';
import { validateConfig } from '@/lib/model/config';
import { GPT } from '@/lib/model/gpt';
import { CharTokenizer } from '@/lib/tokenizer/char';
import { formatExample, TANG_TEMPLATE } from '@/lib/train/sft';

const sftText = readFileSync('content/datasets/tang-sft.jsonl', 'utf8');
const prefText = readFileSync('content/datasets/tang-preference.jsonl', 'utf8');
const tokenizer = CharTokenizer.fromText(`題詩 \n${sftText}${prefText}`);
const config = validateConfig({ vocabSize: tokenizer.vocabSize, contextLength: 48, nLayer: 1, nHead: 2, dModel: 16, seed: 5 });
const files = new Map<string, Uint8Array | string>();

beforeAll(async () => {
  await tf.setBackend('cpu'); // the engine's init switches to wasm below
  const model = new GPT(config);
  const { json, weights } = serializeCheckpoint(config, await model.weights(), tokenizer.toJSON(), { steps: 0 });
  model.dispose();
  files.set('/ckpt/model.json', JSON.stringify(json));
  files.set('/ckpt/weights.bin', weights);
  files.set('/datasets/tang-sft.jsonl', sftText);
  files.set('/datasets/tang-preference.jsonl', prefText);
  files.set('/datasets/bad.jsonl', '{"prompt":"春","response":"天上ⓧ"}\n');
  vi.stubGlobal('fetch', async (url: string) => {
    const body = files.get(new URL(url).pathname);
    return body === undefined ? new Response('no', { status: 404, statusText: 'Not Found' }) : new Response(body as BodyInit);
  });
});
afterAll(() => vi.unstubAllGlobals());

function harness() {
  const events: EngineEvent[] = [];
  let listeners: ((e: EngineEvent) => void)[] = [];
  const handle = createEngine((event) => {
    events.push(event);
    for (const l of listeners) l(event);
  });
  const until = <T extends EngineEvent['type']>(type: T, test: (e: Extract<EngineEvent, { type: T }>) => boolean = () => true) =>
    new Promise<Extract<EngineEvent, { type: T }>>((resolve, reject) => {
      const l = (e: EngineEvent) => {
        if (e.type === 'error' && type !== 'error') reject(new Error(e.message));
        else if (e.type === type && test(e as Extract<EngineEvent, { type: T }>)) resolve(e as Extract<EngineEvent, { type: T }>);
        else return;
        listeners = listeners.filter((x) => x !== l);
      };
      listeners.push(l);
    });
  return { events, until, send: (cmd: EngineCommand) => handle(cmd) };
}

const source = (dataset: string): AlignmentSource => ({ checkpointUrl: 'http://book/ckpt/', datasetUrl: `http://book/datasets/${dataset}`, template: 'tang' });
const engine = harness();
let baseline = 0;

describe('engine: alignment feature', () => {
  it('lays out a row with the library’s mask: exactly the prompt tokens are out of the loss', async () => {
    // WASM, as the CLI trains: about 4× the cpu backend's speed (its files come from the package here).
    engine.send({ type: 'init', backend: 'wasm', wasmPath: `${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/` });
    expect((await engine.until('ready')).report.backend).toBe('wasm');
    engine.send({ type: 'alignment/template', source: source('tang-sft.jsonl'), index: 2, maskPrompt: true });
    const view = await engine.until('alignment/template');
    baseline = tf.memory().numTensors; // the cached checkpoint's weights only
    const row = JSON.parse(sftText.split('\n')[2]);
    const ex = formatExample(TANG_TEMPLATE, tokenizer, row);
    expect(view.tokens.join('')).toBe(`題 ${row.prompt}\n詩 ${row.response}\n\n`);
    expect(view.promptLength).toBe(ex.promptLength);
    expect(view.lossTokens).toBe(ex.ids.length - ex.promptLength);
    expect(view.inLoss.slice(0, ex.promptLength).every((m) => m === 0)).toBe(true);
    expect(view.inLoss.slice(ex.promptLength).every((m) => m === 1)).toBe(true);
    expect(view.count).toBe(200);

    engine.send({ type: 'alignment/template', source: source('tang-sft.jsonl'), index: 2, maskPrompt: false });
    const unmasked = await engine.until('alignment/template');
    expect(unmasked.lossTokens).toBe(ex.ids.length - 1); // every token but the first is a target
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('SFT: answers before and after, the held-out answer loss falls, no tensor leaks', async () => {
    engine.events.length = 0;
    engine.send({
      type: 'alignment/sft',
      runId: 1,
      source: source('tang-sft.jsonl'),
      sft: { steps: 12, batchSize: 8, learningRate: 0.02, seed: 1, maskPrompt: true, questions: ['春望', '江雪'], answerTokens: 12, evalEvery: 6 },
    });
    const done = await engine.until('done');
    expect(done).toMatchObject({ reason: 'finished', steps: 12 });
    const steps = engine.events.flatMap((e) => (e.type === 'alignment/sft-step' ? [e] : []));
    expect(steps.map((s) => s.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const evals = engine.events.flatMap((e) => (e.type === 'alignment/sft-eval' ? [e] : []));
    expect(evals.map((e) => e.step)).toEqual([0, 6, 12]);
    expect(evals[0].heldOut).toBe(16);
    expect(evals[2].evalLoss).toBeLessThan(evals[0].evalLoss - 0.3);
    // Masked: the loss counted is the answer loss.
    expect(steps[0].loss).toBeCloseTo(steps[0].responseLoss, 6);
    const answers = engine.events.flatMap((e) => (e.type === 'alignment/answers' ? [e] : []));
    expect(answers.map((a) => a.phase)).toEqual(['before', 'after']);
    expect(answers[1].answers.map((a) => a.prompt)).toEqual(['春望', '江雪']);
    // The trained copy is held (for `sample`); the optimizer's state is gone.
    expect(tf.memory().numTensors - baseline).toBe(config.nLayer * 12 + 4);
  });

  it('SFT without the prompt mask counts the prompt too: the loss differs from the answer loss', async () => {
    engine.events.length = 0;
    engine.send({
      type: 'alignment/sft',
      runId: 2,
      source: source('tang-sft.jsonl'),
      sft: { steps: 2, batchSize: 4, learningRate: 0.01, seed: 1, maskPrompt: false, questions: [], answerTokens: 4, evalEvery: 0 },
    });
    await engine.until('done');
    const first = engine.events.find((e) => e.type === 'alignment/sft-step' && e.step === 1) as Extract<EngineEvent, { type: 'alignment/sft-step' }>;
    expect(Math.abs(first.loss - first.responseLoss)).toBeGreaterThan(1e-3);
  });

  it('DPO: step 0 is the reference exactly; the margin grows; a β change reaches the running loop', async () => {
    engine.events.length = 0;
    const before = tf.memory().numTensors;
    engine.send({
      type: 'alignment/dpo',
      runId: 3,
      source: source('tang-preference.jsonl'),
      dpo: { steps: 14, batchSize: 4, learningRate: 0.01, beta: 0.1, seed: 2, shownPairs: 3, samples: 3, answerTokens: 12 },
    });
    await engine.until('alignment/dpo-step', (e) => e.metrics.step === 3);
    engine.send({ type: 'alignment/set-beta', beta: 0.5 });
    const ack = await engine.until('alignment/beta');
    expect(ack).toMatchObject({ runId: 3, beta: 0.5 });
    await engine.until('done');
    const metrics = engine.events.flatMap((e) => (e.type === 'alignment/dpo-step' ? [e.metrics] : []));
    expect(metrics[0]).toMatchObject({ step: 0, margin: 0, kl: 0, accuracy: 0, chosenReward: 0, rejectedReward: 0 });
    expect(metrics.at(-1)!.beta).toBe(0.5);
    expect(metrics.find((m) => m.step === 2)!.beta).toBe(0.1);
    const late = metrics.slice(-4);
    expect(late.reduce((s, m) => s + m.margin, 0) / late.length).toBeGreaterThan(0.05);
    expect(late.every((m) => m.kl > 0)).toBe(true);
    const pairs = engine.events.flatMap((e) => (e.type === 'alignment/dpo-pairs' ? [e] : []));
    expect(pairs[0].step).toBe(0);
    for (const p of pairs[0].pairs) {
      expect(p.policyChosen).toBe(p.refChosen);
      expect(p.policyRejected).toBe(p.refRejected);
    }
    const gap = (p: (typeof pairs)[number]['pairs'][number]) => p.policyChosen - p.refChosen - (p.policyRejected - p.refRejected);
    expect(pairs.at(-1)!.pairs.reduce((s, p) => s + gap(p), 0)).toBeGreaterThan(0);
    const property = engine.events.flatMap((e) => (e.type === 'alignment/property' ? [e] : []));
    expect(property.map((p) => p.phase)).toEqual(['before', 'after']);
    expect(property[0].samples).toHaveLength(3);
    // The new policy replaced the SFT copy as the held model: same count of tensors as before.
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a missing dataset and a row the model cannot read, naming them', async () => {
    engine.send({ type: 'alignment/template', source: source('nope.jsonl'), index: 0, maskPrompt: true });
    const missing = await engine.until('error');
    expect(missing.code).toBe('bad-input');
    expect(missing.message).toMatch(/nope\.jsonl \(404/);
    engine.send({ type: 'alignment/template', source: source('bad.jsonl'), index: 0, maskPrompt: true });
    const bad = await engine.until('error');
    expect(bad.message).toMatch(/dataset row 1: chat template: the response cannot be encoded/);
  });
});
