// One decoding entry point: penalties → temperature / top-k / top-p (./strategies.ts) → a draw
// from a seeded RNG, one token at a time over a model-independent ScoreNext callback, until the
// token budget, an end-of-sequence id, a stop sequence of ids or a stop string.
// Same prompt, options and seed → the same tokens, on any backend that gives the same logits.
import { applyPenalties, checkPenaltyOptions, penaltiesAreOff, type PenaltyOptions } from './penalties';
import { createRng, type Rng } from './rng';
import { checkStopOptions, matchStop, type ScoreNext, type StopMatch, type StopOptions } from './stop';
import { sample, type SamplingOptions, type SamplingStep } from './strategies';

export interface DecodeOptions extends SamplingOptions, PenaltyOptions, StopOptions {
  /** Most new tokens to generate. */
  maxTokens: number;
  /** Seed of the draws (default 0). Ignored when `rng` is given. */
  seed?: number;
  /** Continue an existing random stream instead of seeding a new one. */
  rng?: Rng;
  /** Which tokens count as already seen for the penalties: the generated ones (CTRL, default) or the prompt too (Hugging Face). */
  penaltyScope?: 'generated' | 'prompt-and-generated';
  /** Strings that end generation once the detokenised output contains them (needs `detokenize`). */
  stopStrings?: string[];
  /** Turns generated ids into text, for stop strings. */
  detokenize?: (ids: number[]) => string;
  /** Called after each token (before the stop checks); return false to stop (finishReason 'callback' unless a stop also matched). */
  onStep?: (step: DecodeStep) => void | boolean;
}

export interface DecodeStep extends SamplingStep {
  /** 0-based index of the generated token. */
  index: number;
  /** The logits the callback returned for this position. */
  rawLogits: Float32Array;
  /** After the penalties (the same array values as rawLogits when they are off). */
  penalizedLogits: Float32Array;
  /** Ids the penalties touched at this step. */
  penalizedIds: number[];
}

export interface DecodeResult {
  /** Generated ids (the prompt excluded), including the eos / stop tokens that ended them. */
  tokens: number[];
  finishReason: 'max-tokens' | 'eos' | 'stop' | 'callback';
  /** What stopped generation, when finishReason is 'eos' or 'stop'. */
  stop?: StopMatch;
  /** detokenize(tokens) cut just before the stop string, when a stop string matched. */
  textBeforeStop?: string;
  /** Every step's intermediates, for a widget to draw. */
  steps: DecodeStep[];
}

function checkDecodeOptions(o: DecodeOptions): void {
  if (!Number.isInteger(o.maxTokens) || o.maxTokens < 0) throw new Error(`decode: maxTokens must be an integer ≥ 0, got ${o.maxTokens}`);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new Error(`decode: seed must be an integer, got ${o.seed}`);
  if (o.stopStrings?.length) {
    if (!o.detokenize) throw new Error('decode: stopStrings need a detokenize function to turn ids into text');
    o.stopStrings.forEach((s, i) => {
      if (typeof s !== 'string' || s.length === 0) throw new Error(`decode: stopStrings[${i}] must be a non-empty string`);
    });
  }
  if (o.penaltyScope !== undefined && o.penaltyScope !== 'generated' && o.penaltyScope !== 'prompt-and-generated') {
    throw new Error(`decode: penaltyScope must be 'generated' or 'prompt-and-generated', got ${JSON.stringify(o.penaltyScope)}`);
  }
  checkPenaltyOptions(o);
  checkStopOptions(o);
}

/** The first stop string in `text`, and where it starts; null if none occurs. */
function findStopString(text: string, stops: string[]): { stop: string; at: number } | null {
  let best: { stop: string; at: number } | null = null;
  for (const stop of stops) {
    const at = text.indexOf(stop);
    if (at !== -1 && (best === null || at < best.at)) best = { stop, at };
  }
  return best;
}

/**
 * One token of decode(): penalties over the tokens seen so far, then the strategies and one draw
 * from `rng`. Exported so a caller that advances step by step (a widget's "one more token",
 * resuming the RNG from its state) picks exactly what decode() would. Options are checked by decode().
 */
export function decodeStep(
  rawLogits: Float32Array,
  promptIds: readonly number[],
  generated: readonly number[],
  options: SamplingOptions & PenaltyOptions & Pick<DecodeOptions, 'penaltyScope'>,
  rng: Rng,
  penalize = !penaltiesAreOff(options),
): DecodeStep {
  const history = options.penaltyScope === 'prompt-and-generated' ? [...promptIds, ...generated] : generated;
  const penalty = penalize ? applyPenalties(rawLogits, history, options) : { logits: rawLogits, penalizedIds: [] };
  const chosen = sample(penalty.logits, options, rng);
  return { ...chosen, index: generated.length, rawLogits, penalizedLogits: penalty.logits, penalizedIds: penalty.penalizedIds };
}

/** Generate up to maxTokens ids after `promptIds`, one ScoreNext call per token. */
export async function decode(scoreNext: ScoreNext, promptIds: number[], options: DecodeOptions): Promise<DecodeResult> {
  checkDecodeOptions(options);
  const rng = options.rng ?? createRng(options.seed ?? 0);
  const penalize = !penaltiesAreOff(options);
  const tokens: number[] = [];
  const steps: DecodeStep[] = [];
  for (let index = 0; index < options.maxTokens; index++) {
    const results = await scoreNext([[...promptIds, ...tokens]]);
    if (!Array.isArray(results) || results.length !== 1) throw new Error(`decode: scoreNext returned ${Array.isArray(results) ? results.length : typeof results} results for 1 prefix`);
    const rawLogits = results[0];
    if (index === 0) checkStopOptions(options, rawLogits.length);
    const step = decodeStep(rawLogits, promptIds, tokens, options, rng, penalize);
    steps.push(step);
    tokens.push(step.token);
    const keepGoing = options.onStep?.(step) !== false;

    const stop = matchStop(tokens, options);
    if (stop) return { tokens, finishReason: tokens[tokens.length - 1] === options.eos ? 'eos' : 'stop', stop, steps };
    if (options.stopStrings?.length) {
      const text = options.detokenize!(tokens);
      const found = findStopString(text, options.stopStrings);
      if (found) {
        // The fewest trailing tokens whose removal also removes the match: how many tokens the stop spans.
        let tokenCount = 1;
        while (tokenCount < tokens.length && options.detokenize!(tokens.slice(0, tokens.length - tokenCount)).length > found.at) tokenCount++;
        return { tokens, finishReason: 'stop', stop: { sequence: found.stop, tokenCount }, textBeforeStop: text.slice(0, found.at), steps };
      }
    }
    if (!keepGoing) return { tokens, finishReason: 'callback', steps };
  }
  return { tokens, finishReason: 'max-tokens', steps };
}
