// The `decoding` feature's command handler: SamplingLab (next-token distribution, token-by-token
// generation in one or two lanes, beam search) and QuantizationLab (float32 vs int8 vs intN).
// Models are the shipped checkpoints, cached by the engine (never disposed here).
import type { EngineContext, EngineFeature } from '../../context';
import { BadInputError } from '../../protocol';
import { beamSearch, type BeamStep } from '../../../sample/beam';
import { decodeStep } from '../../../sample/decode';
import { checkPenaltyOptions } from '../../../sample/penalties';
import { createRng } from '../../../sample/rng';
import type { Tokenizer } from '../../../tokenizer/types';
import { DECODING_COMMANDS, type DecodingCommand, type QuantVariant, type SamplingSettings } from './protocol';
import { heldOutIds, runVariant } from './quantization';
import { cachedScorer, distributionView, encodePrompt, modelProbability, nextDistribution, samplingOptions } from './sampling';
import { LoopControl } from '../../loop-control';

type Of<T extends DecodingCommand['type']> = Extract<DecodingCommand, { type: T }>;

const MAX_TOKENS_PER_RUN = 400;
const MAX_TOP_N = 50;

class StoppedRun extends Error {}

function checkSettings(s: SamplingSettings, where: string): void {
  const bad = (what: string) => {
    throw new BadInputError(`${where}: ${what}`);
  };
  if (!(Number.isFinite(s.temperature) && s.temperature >= 0 && s.temperature <= 10)) bad(`temperature must be in 0…10, got ${s.temperature}`);
  if (!(Number.isInteger(s.topK) && s.topK >= 0)) bad(`top-k must be a whole number ≥ 0 (0 = off), got ${s.topK}`);
  if (!(s.topP > 0 && s.topP <= 1)) bad(`top-p must be in (0, 1], got ${s.topP}`);
  try {
    checkPenaltyOptions({ repetitionPenalty: s.repetitionPenalty });
  } catch (e) {
    bad((e as Error).message);
  }
}

function checkCount(value: number, min: number, max: number, what: string): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) throw new BadInputError(`${what} must be a whole number in ${min}…${max}, got ${value}`);
}

function checkIds(ids: number[], tokenizer: Tokenizer, what: string): void {
  for (const id of ids) if (!(Number.isInteger(id) && id >= 0 && id < tokenizer.vocabSize)) throw new BadInputError(`${what} holds ${id}, not a token id of this model (0…${tokenizer.vocabSize - 1})`);
}

async function next(cmd: Of<'decoding/next'>, ctx: EngineContext) {
  checkSettings(cmd.settings, 'settings');
  checkCount(cmd.topN, 1, MAX_TOP_N, 'topN');
  const { model, tokenizer } = await ctx.checkpoint(cmd.checkpointUrl);
  checkIds(cmd.generated, tokenizer, 'generated');
  const { ids, info } = encodePrompt(model, tokenizer, cmd.prompt);
  const view = await nextDistribution(cachedScorer(model), ids, cmd.generated, cmd.settings, tokenizer, cmd.topN);
  ctx.post({ type: 'decoding/next', requestId: cmd.requestId, prompt: info, ...view });
}

async function generate(cmd: Of<'decoding/generate'>, ctx: EngineContext) {
  checkCount(cmd.tokens, 1, MAX_TOKENS_PER_RUN, 'tokens');
  checkCount(cmd.topN, 1, MAX_TOP_N, 'topN');
  if (!Number.isInteger(cmd.seed)) throw new BadInputError(`the seed must be a whole number, got ${cmd.seed}`);
  if (cmd.lanes.length < 1 || cmd.lanes.length > 2) throw new BadInputError(`1 or 2 lanes, got ${cmd.lanes.length}`);
  cmd.lanes.forEach((l, i) => checkSettings(l.settings, `lane ${i === 0 ? 'A' : 'B'}`));
  const { model, tokenizer } = await ctx.checkpoint(cmd.checkpointUrl);
  const { ids } = encodePrompt(model, tokenizer, cmd.prompt);
  const score = cachedScorer(model);
  const lanes = cmd.lanes.map((l, i) => {
    checkIds(l.generated, tokenizer, `lane ${i}'s tokens`);
    // Each lane has its own stream from the same seed: lane B's draws never shift lane A's.
    return { options: samplingOptions(l.settings), generated: [...l.generated], rng: createRng(cmd.seed, l.rngState ?? undefined) };
  });

  const control = new LoopControl();
  ctx.beginRun(cmd.runId, control);
  const startedAt = performance.now();
  let produced = 0;
  try {
    for (let t = 0; t < cmd.tokens; t++) {
      await control.gate();
      if (control.stopped) break;
      for (const [lane, l] of lanes.entries()) {
        const [raw] = await score([[...ids, ...l.generated]]);
        const step = decodeStep(raw, ids, l.generated, l.options, l.rng);
        l.generated.push(step.token);
        produced++;
        const elapsed = (performance.now() - startedAt) / 1000;
        ctx.post({
          type: 'decoding/token',
          runId: cmd.runId,
          lane,
          index: l.generated.length - 1,
          id: step.token,
          text: tokenizer.tokenText(step.token),
          modelProb: modelProbability(raw, step.token),
          sampledProb: step.probs[step.token],
          alternatives: distributionView(step, tokenizer, cmd.topN),
          rngState: l.rng.state(),
          tokensPerSec: elapsed > 0 ? produced / elapsed : 0,
        });
      }
      control.step = t + 1;
      ctx.progress(cmd.runId, 'train', t + 1, cmd.tokens, `token ${t + 1} of ${cmd.tokens}`, startedAt);
      if (ctx.takePauseRequest()) {
        control.pause();
        ctx.post({ type: 'paused', runId: cmd.runId, step: t + 1 });
      }
    }
    ctx.post({ type: 'done', runId: cmd.runId, reason: control.stopped ? 'stopped' : 'finished', steps: control.step });
  } finally {
    ctx.endRun(cmd.runId);
  }
}

async function beam(cmd: Of<'decoding/beam'>, ctx: EngineContext) {
  checkCount(cmd.width, 1, 8, 'beam width');
  checkCount(cmd.maxTokens, 1, 120, 'beam length');
  if (!(Number.isFinite(cmd.lengthPenalty) && cmd.lengthPenalty >= -1 && cmd.lengthPenalty <= 3)) throw new BadInputError(`the length penalty α must be in −1…3, got ${cmd.lengthPenalty}`);
  const { model, tokenizer } = await ctx.checkpoint(cmd.checkpointUrl);
  const { ids } = encodePrompt(model, tokenizer, cmd.prompt);
  const view = (tokens: number[], logProb: number, score: number, finishReason?: 'eos' | 'stop' | 'max-tokens') => ({ text: tokenizer.decode(tokens), logProb, score, finishReason });
  const result = await beamSearch(cachedScorer(model), ids, {
    width: cmd.width,
    maxTokens: cmd.maxTokens,
    lengthPenalty: cmd.lengthPenalty,
    onStep: (s: BeamStep) => {
      // The beams this step kept: its live candidates, as text with their summed log-probability.
      const live = s.candidates.filter((c) => c.fate === 'live').map((c) => view([...s.beams[c.parent].tokens, c.token], c.logProb, c.logProb));
      ctx.post({ type: 'decoding/beam', runId: cmd.runId, step: s.step + 1, beams: live, hypotheses: [], done: false });
    },
  });
  ctx.post({
    type: 'decoding/beam',
    runId: cmd.runId,
    step: result.steps.length,
    beams: [],
    hypotheses: result.hypotheses.map((h) => view(h.tokens, h.logProb, h.score, h.finishReason)),
    done: true,
  });
}

const corpora = new Map<string, Promise<string>>();

function fetchCorpus(url: string): Promise<string> {
  let text = corpora.get(url);
  if (!text) {
    text = fetch(url).then(async (r) => {
      if (!r.ok) throw new BadInputError(`could not fetch the held-out text ${url} (${r.status} ${r.statusText})`);
      return r.text();
    });
    text.catch(() => corpora.delete(url));
    corpora.set(url, text);
  }
  return text;
}

async function quantize(cmd: Of<'decoding/quantize'>, ctx: EngineContext) {
  checkCount(cmd.bits, 2, 8, 'bits');
  checkCount(cmd.groupSize, 0, 4096, 'group size');
  checkCount(cmd.evalTokens, 64, 200_000, 'evaluation tokens');
  checkCount(cmd.sampleTokens, 1, 200, 'sample length');
  const control = new LoopControl();
  ctx.beginRun(cmd.runId, control);
  try {
    ctx.progress(cmd.runId, 'model', 0, 1, 'loading the checkpoint and its held-out text');
    const [{ model, tokenizer, json }, corpus] = await Promise.all([ctx.checkpoint(cmd.checkpointUrl), fetchCorpus(cmd.corpusUrl)]);
    const weights = await model.weights();
    const heldOut = heldOutIds(tokenizer, corpus, json.training?.valTokens as number | undefined, cmd.evalTokens);
    const { ids: promptIds } = encodePrompt(model, tokenizer, cmd.prompt);
    const variants: QuantVariant[] = ['float32', 'int8', 'intN'];
    const startedAt = performance.now();
    let before = 0;
    for (const [i, variant] of variants.entries()) {
      await control.gate();
      if (control.stopped) break;
      const result = await runVariant({
        config: model.config,
        weights,
        float32Model: model,
        tokenizer,
        heldOut,
        variant,
        bits: cmd.bits,
        groupSize: cmd.groupSize,
        includeEmbeddings: cmd.includeEmbeddings,
        promptIds,
        seed: cmd.seed,
        sampleTokens: cmd.sampleTokens,
        onProgress(done, total) {
          if (control.stopped) throw new StoppedRun();
          before = i * total + done;
          ctx.progress(cmd.runId, 'eval', before, variants.length * total, `${variant === 'intN' ? `int${cmd.bits}` : variant}: perplexity on ${heldOut.length.toLocaleString('en')} held-out tokens`, startedAt);
        },
      });
      control.step = i + 1;
      ctx.post({ type: 'decoding/quantized', runId: cmd.runId, result, heldOutTokens: heldOut.length });
    }
    ctx.post({ type: 'done', runId: cmd.runId, reason: control.stopped ? 'stopped' : 'finished', steps: control.step });
  } catch (e) {
    if (!(e instanceof StoppedRun)) throw e;
    ctx.post({ type: 'done', runId: cmd.runId, reason: 'stopped', steps: control.step });
  } finally {
    ctx.endRun(cmd.runId);
  }
}

export const decodingFeature: EngineFeature<DecodingCommand> = {
  commands: DECODING_COMMANDS,
  async handle(cmd, ctx) {
    switch (cmd.type) {
      case 'decoding/next':
        return next(cmd, ctx);
      case 'decoding/generate':
        return generate(cmd, ctx);
      case 'decoding/beam':
        return beam(cmd, ctx);
      case 'decoding/quantize':
        return quantize(cmd, ctx);
    }
  },
};
