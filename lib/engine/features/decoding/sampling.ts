// SamplingLab's computations in the worker: the prompt as a shipped model reads it, next-token
// logits cached by prefix (moving a slider re-samples the same logits; it must not re-run the
// model), and the chart's view of one decoding step — every number from lib/sample.
import type { GPT } from '../../../model/gpt';
import { decodeStep } from '../../../sample/decode';
import { createRng } from '../../../sample/rng';
import { modelScorer } from '../../../sample/score-model';
import type { ScoreNext } from '../../../sample/stop';
import { softmax, type SamplingStep } from '../../../sample/strategies';
import { encodeKnownChars, type Tokenizer } from '../../../tokenizer/index';
import { BadInputError } from '../../protocol';
import type { NextDistribution, PromptInfo, SamplingSettings } from './protocol';

/** Most prefixes whose logits one model keeps (one entry is vocabSize floats: 12 kB at V = 3000). */
const CACHE_ENTRIES = 1024;
const caches = new WeakMap<GPT, Map<string, Float32Array>>();

/** modelScorer with a per-model cache of each window's last-position logits. */
export function cachedScorer(model: GPT): ScoreNext {
  let cache = caches.get(model);
  if (!cache) caches.set(model, (cache = new Map()));
  const store = cache;
  const score = modelScorer(model);
  const T = model.config.contextLength;
  return async (prefixes) => {
    const keys = prefixes.map((p) => p.slice(-T).join(','));
    const missing = prefixes.filter((_, i) => !store.has(keys[i]));
    if (missing.length > 0) {
      const fresh = await score(missing);
      let j = 0;
      prefixes.forEach((_, i) => {
        if (store.has(keys[i])) return;
        store.set(keys[i], fresh[j++]);
        if (store.size > CACHE_ENTRIES) store.delete(store.keys().next().value!);
      });
    }
    return keys.map((k) => store.get(k)!);
  };
}

/** The prompt's ids (characters the vocabulary lacks are skipped, and counted). */
export function encodePrompt(model: GPT, tokenizer: Tokenizer, prompt: string): { ids: number[]; info: PromptInfo } {
  const ids = encodeKnownChars(tokenizer, prompt);
  if (ids.length === 0) throw new BadInputError(prompt.trim() === '' ? 'the prompt is empty: type a few characters' : `no character of the prompt is in this model's vocabulary (${tokenizer.vocabSize} characters): type in its language`);
  const c = model.config;
  return {
    ids,
    info: {
      text: tokenizer.decode(ids),
      tokens: ids.length,
      dropped: tokenizer.kind === 'char' ? [...prompt].length - ids.length : 0,
      model: { params: model.numParams, vocabSize: c.vocabSize, contextLength: c.contextLength, nLayer: c.nLayer, nHead: c.nHead, dModel: c.dModel },
    },
  };
}

/** lib/sample's options from a lane's settings (topK 0 and topP 1 mean no cut). */
export function samplingOptions(s: SamplingSettings) {
  return { temperature: s.temperature, topK: s.topK > 0 ? s.topK : undefined, topP: s.topP < 1 ? s.topP : undefined, repetitionPenalty: s.repetitionPenalty };
}

/** The chart's view of a step: the topN candidates by pre-cut probability, and the cut. */
export function distributionView(step: SamplingStep, tokenizer: Tokenizer, topN: number): NextDistribution {
  const before = softmax(step.scaledLogits);
  const kept = new Set(step.keptIds);
  const ranked = Array.from({ length: before.length }, (_, i) => i).sort((a, b) => before[b] - before[a] || a - b);
  return {
    candidates: ranked.slice(0, topN).map((id) => ({ id, text: tokenizer.tokenText(id), before: before[id], after: step.probs[id], kept: kept.has(id) })),
    keptCount: step.keptIds.length,
    keptMass: step.keptMass,
    vocabSize: before.length,
  };
}

/** The next-token distribution after prompt + generated under `settings`, without drawing from any real stream. */
export async function nextDistribution(score: ScoreNext, promptIds: number[], generated: number[], settings: SamplingSettings, tokenizer: Tokenizer, topN: number): Promise<NextDistribution> {
  const [raw] = await score([[...promptIds, ...generated]]);
  return distributionView(decodeStep(raw, promptIds, generated, samplingOptions(settings), createRng(0)), tokenizer, topN);
}

/** Probability of `id` under the model itself (softmax of the raw logits, temperature 1). */
export function modelProbability(rawLogits: Float32Array, id: number): number {
  return softmax(rawLogits)[id];
}
