// The `decoding` engine feature in Node on the shipped en-shakespeare checkpoint: the chart's
// distribution is lib/sample's (temperature 0 → one bar of probability 1; top-p keeps the smallest
// set with mass ≥ p), token-by-token generation resumed from the RNG state equals one run and
// equals decode(), beam width 1 is greedy, and the quantization run reports lib/model/quantize's
// bytes with int8 perplexity within 1 % of float32. No tensor is left behind.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '@/lib/engine/engine';
import type { EngineCommand, EngineEvent } from '@/lib/engine/protocol';
import type { GeneratedToken, QuantVariantResult, SamplingSettings } from '@/lib/engine/features/decoding/protocol';
import { parseCheckpoint } from '@/lib/model/checkpoint';
import { GPT } from '@/lib/model/gpt';
import { INT8_PER_CHANNEL, quantizeWeights } from '@/lib/model/quantize';
import { decode } from '@/lib/sample/decode';
import { modelScorer } from '@/lib/sample/score-model';
import { encodeKnownChars } from '@/lib/tokenizer/index';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DIR = path.join(ROOT, 'public', 'checkpoints', 'en-shakespeare');
const URL_BASE = 'http://book.test/checkpoints/en-shakespeare/';
const CORPUS_URL = 'http://book.test/corpora/tiny-shakespeare.txt';
const PROMPT = 'ROMEO:\nBut soft, what light';
const OFF: SamplingSettings = { temperature: 1, topK: 0, topP: 1, repetitionPenalty: 1 };

const events: EngineEvent[] = [];
let notify = () => {};
let send: (message: unknown) => void;
const realFetch = globalThis.fetch;

/** Wait for the first event (after `from`) that satisfies `pick`; an engine error fails the test. */
function waitFor<T extends EngineEvent>(pick: (e: EngineEvent) => e is T, from = 0, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for an engine event')), timeoutMs);
    notify = () => {
      const error = events.slice(from).find((e) => e.type === 'error');
      if (error) return reject(new Error(`engine error: ${(error as { message: string }).message}`));
      const hit = events.slice(from).find(pick);
      if (hit) {
        clearTimeout(timer);
        resolve(hit);
      }
    };
    notify();
  });
}
const command = (c: EngineCommand) => send(c);
const isType =
  <K extends EngineEvent['type']>(type: K, runId?: number) =>
  (e: EngineEvent): e is Extract<EngineEvent, { type: K }> =>
    e.type === type && (runId === undefined || !('runId' in e) || e.runId === runId);

beforeAll(async () => {
  globalThis.fetch = (async (url: string | URL) => {
    const u = String(url);
    if (u === `${URL_BASE}model.json`) return new Response(readFileSync(path.join(DIR, 'model.json')));
    if (u === `${URL_BASE}weights.bin`) return new Response(readFileSync(path.join(DIR, 'weights.bin')));
    if (u === CORPUS_URL) return new Response(readFileSync(path.join(ROOT, 'content', 'corpora', 'tiny-shakespeare.txt')));
    return new Response('not found', { status: 404 });
  }) as typeof fetch;
  send = createEngine((e) => {
    events.push(e);
    notify();
  });
  command({ type: 'init', backend: 'cpu' });
  await waitFor(isType('ready'));
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

/** The checkpoint as the test's own reference model (Node, same backend). */
function reference() {
  const parsed = parseCheckpoint(JSON.parse(readFileSync(path.join(DIR, 'model.json'), 'utf8')), readFileSync(path.join(DIR, 'weights.bin')).buffer as ArrayBuffer);
  return { model: new GPT(parsed.config, parsed.weights), tokenizer: parsed.tokenizer, weights: parsed.weights, config: parsed.config, json: parsed.json };
}

async function distribution(settings: SamplingSettings, requestId: number) {
  const from = events.length;
  command({ type: 'decoding/next', requestId, checkpointUrl: URL_BASE, prompt: PROMPT, generated: [], settings, topN: 50 });
  return waitFor(isType('decoding/next'), from);
}

async function generate(runId: number, lanes: { settings: SamplingSettings; generated: number[]; rngState: number | null }[], tokens: number, seed = 5) {
  const from = events.length;
  command({ type: 'decoding/generate', runId, checkpointUrl: URL_BASE, prompt: PROMPT, seed, lanes, tokens, topN: 5 });
  await waitFor(isType('done', runId), from);
  return events.slice(from).filter(isType('decoding/token', runId)) as GeneratedToken[];
}

describe('decoding feature (SamplingLab)', () => {
  it('draws lib/sample’s distribution: temperature 0 is one bar of probability 1, top-p 0.5 the smallest set with mass ≥ 0.5', async () => {
    const greedy = await distribution({ ...OFF, temperature: 0 }, 1);
    expect(greedy.keptCount).toBe(1);
    expect(greedy.candidates[0].kept).toBe(true);
    expect(greedy.candidates[0].after).toBe(1);
    expect(greedy.candidates.slice(1).every((c) => c.after === 0 && !c.kept)).toBe(true);
    expect(greedy.prompt).toMatchObject({ text: PROMPT, tokens: PROMPT.length, dropped: 0 });

    const nucleus = await distribution({ ...OFF, topP: 0.5 }, 2);
    const kept = nucleus.candidates.filter((c) => c.kept);
    expect(kept.length).toBe(nucleus.keptCount);
    const mass = kept.reduce((s, c) => s + c.before, 0);
    expect(mass).toBeGreaterThanOrEqual(0.5);
    expect(mass - kept[kept.length - 1].before).toBeLessThan(0.5);
    expect(nucleus.keptMass).toBeCloseTo(mass, 6);
    // Kept tokens are the most likely ones, renormalised by the kept mass.
    expect(nucleus.candidates.slice(0, kept.length).every((c) => c.kept)).toBe(true);
    for (const c of kept) expect(c.after).toBeCloseTo(c.before / mass, 5);
  }, 60_000);

  it('generates what decode() generates, token by token from the RNG state or in one run; temperature 0 is greedy', async () => {
    const before = tf.memory().numTensors; // the engine's cached checkpoint is loaded already
    const { model, tokenizer } = reference();
    const promptIds = encodeKnownChars(tokenizer, PROMPT);
    const settings: SamplingSettings = { temperature: 0.9, topK: 20, topP: 0.95, repetitionPenalty: 1.2 };
    const run = await generate(10, [{ settings, generated: [], rngState: null }, { settings: { ...OFF, temperature: 0 }, generated: [], rngState: null }], 12);
    const laneA = run.filter((t) => t.lane === 0).map((t) => t.id);
    const laneB = run.filter((t) => t.lane === 1).map((t) => t.id);
    const expectedA = await decode(modelScorer(model), promptIds, { maxTokens: 12, seed: 5, temperature: 0.9, topK: 20, topP: 0.95, repetitionPenalty: 1.2 });
    const expectedGreedy = await decode(modelScorer(model), promptIds, { maxTokens: 12, temperature: 0 });
    expect(laneA).toEqual(expectedA.tokens);
    expect(laneB).toEqual(expectedGreedy.tokens);
    expect(run.filter((t) => t.lane === 1).every((t) => t.sampledProb === 1)).toBe(true);

    // One token at a time, carrying the generated ids and the RNG state: the same 12 tokens.
    let lane = { settings, generated: [] as number[], rngState: null as number | null };
    for (let i = 0; i < 12; i++) {
      const [t] = await generate(100 + i, [lane], 1);
      lane = { settings, generated: [...lane.generated, t.id], rngState: t.rngState };
    }
    expect(lane.generated).toEqual(expectedA.tokens);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('beam search of width 1 is greedy; wider beams score at least as well', async () => {
    const greedyText = (await generate(20, [{ settings: { ...OFF, temperature: 0 }, generated: [], rngState: null }], 10)).map((t) => t.text).join('');
    const beam = async (runId: number, width: number) => {
      const from = events.length;
      command({ type: 'decoding/beam', runId, checkpointUrl: URL_BASE, prompt: PROMPT, width, lengthPenalty: 0, maxTokens: 10 });
      return waitFor((e): e is Extract<EngineEvent, { type: 'decoding/beam' }> => isType('decoding/beam', runId)(e) && e.done, from);
    };
    const one = await beam(21, 1);
    expect(one.hypotheses[0].text).toBe(greedyText);
    const four = await beam(22, 4);
    expect(four.hypotheses).toHaveLength(4);
    expect(four.hypotheses[0].logProb).toBeGreaterThanOrEqual(one.hypotheses[0].logProb - 1e-9);
  }, 60_000);
});

describe('decoding feature (QuantizationLab)', () => {
  it('reports lib/model/quantize’s exact bytes, int8 perplexity within 1 % of float32 and int2 worse than int8', async () => {
    const from = events.length;
    command({
      type: 'decoding/quantize',
      runId: 30,
      checkpointUrl: URL_BASE,
      corpusUrl: CORPUS_URL,
      bits: 2,
      groupSize: 32,
      includeEmbeddings: true,
      evalTokens: 512,
      prompt: 'ROMEO:',
      seed: 3,
      sampleTokens: 10,
    });
    await waitFor(isType('done', 30), from, 120_000);
    const results = events.slice(from).filter(isType('decoding/quantized', 30)).map((e) => e.result) as QuantVariantResult[];
    expect(results.map((r) => r.variant)).toEqual(['float32', 'int8', 'intN']);
    const [f32, int8, int2] = results;
    const { config, weights, model } = reference();
    model.dispose();
    const lib = quantizeWeights(config, weights, { scheme: INT8_PER_CHANNEL, includeEmbeddings: true, histogramBins: 0 });
    expect(int8.bytes).toBe(lib.totals.bytes);
    expect(f32.bytes).toBe(lib.totals.float32Bytes);
    // Quantized tensors: one byte per weight plus one float32 scale per output channel.
    const expected = lib.tensors.filter((t) => t.quantized).reduce((s, t) => s + t.float32Bytes / 4 + 4 * (t.name === 'wte' || t.name === 'wpe' ? t.shape[0] : t.shape[1]), 0);
    expect(int8.quantizedBytes).toBe(expected);
    expect(Math.abs(int8.perplexity / f32.perplexity - 1)).toBeLessThan(0.01);
    expect(int2.perplexity).toBeGreaterThan(int8.perplexity);
    expect(f32.evalTokens).toBe(512 - 64); // 7 whole windows of 64 (+1 target) in 512 tokens
    // The histogram shows int2's grid: 4 levels, 0 among them.
    const hist = int2.histograms.find((h) => h.name === 'h.0.attn.c_attn.weight')!;
    expect(hist.grid).toHaveLength(4);
    expect(hist.grid).toContain(0);
    expect(hist.before.reduce((a, b) => a + b, 0)).toBe(weights.get('h.0.attn.c_attn.weight')!.length);
    expect(f32.histograms.every((h) => h.grid.length === 0)).toBe(true);
    expect(f32.sample.length).toBeGreaterThan(0);
  }, 180_000);
});
