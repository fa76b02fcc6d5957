// Beam search over a model-independent ScoreNext callback, with GNMT's length penalty
// (Wu et al. 2016), an end-of-sequence id, multi-token stop sequences and a token budget.
// It returns the finished hypotheses with their scores and, for a widget that draws the
// search tree, every step's live beams and the candidates it weighed (with what became of them).
//
// Ranking: live beams all have the same length at a given step, so they are ranked by summed
// log-probability (the length penalty would divide them all by the same number). A hypothesis
// that finishes — eos, a stop sequence, or the token budget — is scored by
// logP / lp(|Y|), lp(|Y|) = ((5 + |Y|) / 6)^α, where |Y| counts the generated tokens including
// the eos / stop tokens (their probability is part of logP). The search stops early only when
// no live beam can still beat the worst of the `width` finished ones, so the result is the
// same as running every beam to the budget.
import { checkStopOptions, logSoftmax, matchStop, type ScoreNext, type StopMatch, type StopOptions } from './stop';

export interface BeamOptions extends StopOptions {
  /** Number of live hypotheses kept at each step (1 = greedy). */
  width: number;
  /** Most tokens to generate; hypotheses still live then finish with reason 'max-tokens'. */
  maxTokens: number;
  /** GNMT α: 0 = plain summed log-probability (short outputs favoured), larger α favours longer outputs. Default 0. */
  lengthPenalty?: number;
  /** Candidates weighed per step across all beams, best first (default 2 × width, as in Hugging Face). */
  candidatesPerStep?: number;
  /** Called after every step with what the search did (for streaming to a widget). */
  onStep?: (step: BeamStep) => void;
}

export interface BeamHypothesis {
  /** Generated ids (the prompt excluded), including the eos / stop tokens that ended it. */
  tokens: number[];
  /** Sum of log p(token | prefix) over `tokens` (natural log). */
  logProb: number;
  /** logProb / lengthPenaltyFactor(tokens.length, α): what hypotheses are ranked by. */
  score: number;
  finishReason: 'eos' | 'stop' | 'max-tokens';
  stop?: StopMatch;
}

export interface BeamCandidate {
  /** Index into the step's `beams` of the hypothesis this extends. */
  parent: number;
  token: number;
  /** log p(token | parent's prefix). */
  tokenLogProb: number;
  /** parent's logProb + tokenLogProb. */
  logProb: number;
  /**
   * 'live': kept as a beam for the next step; 'finished': it ended with eos / a stop sequence,
   * ranked among the step's best `width` and entered the finished pool; 'dropped': neither.
   */
  fate: 'live' | 'finished' | 'dropped';
}

export interface BeamStep {
  /** 0-based step: candidates here have step + 1 generated tokens. */
  step: number;
  /** The live hypotheses the step extended. */
  beams: { tokens: number[]; logProb: number }[];
  /** The best `candidatesPerStep` extensions, best first. */
  candidates: BeamCandidate[];
}

export interface BeamResult {
  /** Up to `width` finished hypotheses, best score first (ties: higher logProb, then lower ids). */
  hypotheses: BeamHypothesis[];
  steps: BeamStep[];
}

/** GNMT length penalty lp(|Y|) = ((5 + |Y|) / 6)^α. */
export function lengthPenaltyFactor(length: number, alpha: number): number {
  return ((5 + length) / 6) ** alpha;
}

function checkBeamOptions(o: BeamOptions): void {
  if (!Number.isInteger(o.width) || o.width < 1) throw new Error(`beamSearch: width must be an integer ≥ 1, got ${o.width}`);
  if (!Number.isInteger(o.maxTokens) || o.maxTokens < 1) throw new Error(`beamSearch: maxTokens must be an integer ≥ 1, got ${o.maxTokens}`);
  if (o.lengthPenalty !== undefined && !Number.isFinite(o.lengthPenalty)) throw new Error(`beamSearch: lengthPenalty (α) must be a finite number, got ${o.lengthPenalty}`);
  if (o.candidatesPerStep !== undefined && !(Number.isInteger(o.candidatesPerStep) && o.candidatesPerStep >= o.width)) {
    throw new Error(`beamSearch: candidatesPerStep must be an integer ≥ width (${o.width}), got ${o.candidatesPerStep}`);
  }
}

/** Ids of the k largest finite entries of `logProbs`, largest first (ties: lower id). */
function topIds(logProbs: Float64Array, k: number): number[] {
  const ids: number[] = [];
  for (let i = 0; i < logProbs.length; i++) if (logProbs[i] > -Infinity) ids.push(i);
  return ids.sort((a, b) => logProbs[b] - logProbs[a] || a - b).slice(0, k);
}

function byScore(a: BeamHypothesis, b: BeamHypothesis): number {
  if (b.score !== a.score) return b.score - a.score;
  if (b.logProb !== a.logProb) return b.logProb - a.logProb;
  for (let i = 0; i < Math.min(a.tokens.length, b.tokens.length); i++) if (a.tokens[i] !== b.tokens[i]) return a.tokens[i] - b.tokens[i];
  return a.tokens.length - b.tokens.length;
}

/** Beam search from `promptIds` (may be empty if the callback accepts an empty prefix). */
export async function beamSearch(scoreNext: ScoreNext, promptIds: number[], options: BeamOptions): Promise<BeamResult> {
  checkBeamOptions(options);
  checkStopOptions(options);
  const { width, maxTokens } = options;
  const alpha = options.lengthPenalty ?? 0;
  const perStep = options.candidatesPerStep ?? 2 * width;
  const finished: BeamHypothesis[] = [];
  const steps: BeamStep[] = [];
  let live: { tokens: number[]; logProb: number }[] = [{ tokens: [], logProb: 0 }];

  const admit = (h: BeamHypothesis): boolean => {
    if (finished.length === width && byScore(h, finished[width - 1]) >= 0) return false;
    finished.push(h);
    finished.sort(byScore);
    if (finished.length > width) finished.pop();
    return true;
  };

  for (let step = 0; step < maxTokens && live.length > 0; step++) {
    const logits = await scoreNext(live.map((b) => [...promptIds, ...b.tokens]));
    if (!Array.isArray(logits) || logits.length !== live.length) {
      throw new Error(`beamSearch: scoreNext returned ${Array.isArray(logits) ? logits.length : typeof logits} results for ${live.length} prefixes`);
    }
    const vocabSize = logits[0].length;
    logits.forEach((l, b) => {
      if (l.length !== vocabSize) throw new Error(`beamSearch: scoreNext result ${b} has ${l.length} logits, result 0 has ${vocabSize}`);
    });
    if (step === 0) checkStopOptions(options, vocabSize);

    // Each beam's best `perStep` extensions, then the best `perStep` of them all.
    const pool: BeamCandidate[] = [];
    live.forEach((beam, parent) => {
      const lp = logSoftmax(logits[parent]);
      for (const token of topIds(lp, perStep)) pool.push({ parent, token, tokenLogProb: lp[token], logProb: beam.logProb + lp[token], fate: 'dropped' });
    });
    pool.sort((a, b) => b.logProb - a.logProb || a.parent - b.parent || a.token - b.token);
    const candidates = pool.slice(0, perStep);

    const next: { tokens: number[]; logProb: number }[] = [];
    for (const [rank, c] of candidates.entries()) {
      const tokens = [...live[c.parent].tokens, c.token];
      const stop = matchStop(tokens, options);
      if (stop) {
        const finishReason = tokens[tokens.length - 1] === options.eos ? 'eos' : 'stop'; // matchStop tries eos first
        const h: BeamHypothesis = { tokens, logProb: c.logProb, score: c.logProb / lengthPenaltyFactor(tokens.length, alpha), finishReason, stop };
        // As in Hugging Face: only a finish ranked among the step's best `width` counts, which is
        // what makes width 1 exactly greedy (greedy would not stop on a second-best eos).
        if (rank < width && admit(h)) c.fate = 'finished';
      } else if (next.length < width) {
        next.push({ tokens, logProb: c.logProb });
        c.fate = 'live';
      }
    }
    const record: BeamStep = { step, beams: live.map((b) => ({ tokens: b.tokens.slice(), logProb: b.logProb })), candidates };
    steps.push(record);
    options.onStep?.(record);
    live = next;

    const length = step + 1;
    if (length === maxTokens) {
      for (const b of live) admit({ tokens: b.tokens, logProb: b.logProb, score: b.logProb / lengthPenaltyFactor(length, alpha), finishReason: 'max-tokens' });
      live = [];
    } else if (finished.length === width && live.length > 0) {
      // A live beam's logP can only fall; the best it can still score is logP / max lp(L) over
      // the lengths it may reach (lp is monotone in L, so one of the two ends).
      const bestLp = Math.max(lengthPenaltyFactor(length + 1, alpha), lengthPenaltyFactor(maxTokens, alpha));
      const bestPossible = Math.max(...live.map((b) => b.logProb / bestLp));
      if (finished[width - 1].score >= bestPossible) live = [];
    }
  }
  return { hypotheses: finished, steps };
}
