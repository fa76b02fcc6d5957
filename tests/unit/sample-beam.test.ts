import { describe, expect, it } from 'vitest';
import { beamSearch, lengthPenaltyFactor } from '@/lib/sample/beam';
import { decode } from '@/lib/sample/decode';
import { logSoftmax } from '@/lib/sample/stop';
import { hashedScorer, tableScorer } from './sample-tables';

const PROMPT = [0];

describe('beam search', () => {
  it('width 1 is greedy decoding (with and without an eos id)', async () => {
    for (const vocab of [5, 12]) {
      const score = hashedScorer(vocab);
      for (const prompt of [[1], [2, 3], [4, 0, 1]]) {
        const greedy = await decode(score, prompt, { maxTokens: 12, temperature: 0 });
        const beam = await beamSearch(score, prompt, { width: 1, maxTokens: 12 });
        expect(beam.hypotheses[0].tokens).toEqual(greedy.tokens);
        const greedyEos = await decode(score, prompt, { maxTokens: 12, temperature: 0, eos: 0 });
        const beamEos = await beamSearch(score, prompt, { width: 1, maxTokens: 12, eos: 0 });
        expect(beamEos.hypotheses[0].tokens).toEqual(greedyEos.tokens);
      }
    }
  });

  // The chapter's example: big (0.5) / old (0.4); after big the model is unsure (house 0.4),
  // after old it is sure (friend 0.9). Then the end.
  const [big, old, house, friend, other, eos] = [1, 2, 3, 4, 5, 6];
  const vocab = 7;
  const oneHot = (id: number) => Array.from({ length: vocab }, (_, i) => (i === id ? 1 : 0));
  const dist = (entries: [number, number][]) => {
    const p = new Array(vocab).fill(0);
    for (const [id, q] of entries) p[id] = q;
    return p;
  };
  const myopic = () =>
    tableScorer(PROMPT.length, {
      '': dist([[big, 0.5], [old, 0.4], [other, 0.1]]),
      [`${big}`]: dist([[house, 0.4], [friend, 0.3], [other, 0.3]]),
      [`${old}`]: dist([[friend, 0.9], [house, 0.1]]),
    }, oneHot(eos));

  it('finds a more probable sequence than greedy where greedy is myopic (big house 0.20 < old friend 0.36)', async () => {
    const greedy = await decode(myopic(), PROMPT, { maxTokens: 5, temperature: 0, eos });
    expect(greedy.tokens).toEqual([big, house, eos]);
    const beam = await beamSearch(myopic(), PROMPT, { width: 2, maxTokens: 5, eos });
    const best = beam.hypotheses[0];
    expect(best.tokens).toEqual([old, friend, eos]);
    expect(best.finishReason).toBe('eos');
    expect(best.logProb).toBeCloseTo(Math.log(0.36), 6);
    expect(best.logProb).toBeGreaterThan(Math.log(0.2));
    expect(beam.hypotheses[1].tokens).toEqual([big, house, eos]);
    expect(beam.hypotheses[1].logProb).toBeCloseTo(Math.log(0.2), 6);
  });

  it('records each step for a widget: the beams extended, the candidates and their fates', async () => {
    const { steps } = await beamSearch(myopic(), PROMPT, { width: 2, maxTokens: 5, eos });
    expect(steps[0].beams).toEqual([{ tokens: [], logProb: 0 }]);
    expect(steps[0].candidates.map((c) => [c.token, c.fate])).toEqual([[big, 'live'], [old, 'live'], [other, 'dropped']]);
    // Step 1 weighs old→friend (0.36) above big→house (0.20), big→friend and big→other (0.15 each).
    expect(steps[1].candidates.slice(0, 2).map((c) => [steps[1].beams[c.parent].tokens[0], c.token])).toEqual([[old, friend], [big, house]]);
    expect(steps[1].candidates[0].logProb).toBeCloseTo(Math.log(0.36), 6);
    expect(steps[1].candidates.filter((c) => c.fate === 'live')).toHaveLength(2);
    for (const step of steps) for (const c of step.candidates) expect(c.tokenLogProb).toBeLessThanOrEqual(0);
  });

  // Short: A (0.6) then eos (0.9): P = 0.54, |Y| = 2. Long: B (0.4), then C, D, E, eos each
  // with probability 1: P = 0.4, |Y| = 5. Summed log-probability prefers the short one; a
  // strong enough length penalty forgives the long one its length.
  const [A, B, C, D, E, F, END] = [1, 2, 3, 4, 5, 6, 7];
  const v8 = (entries: [number, number][]) => {
    const p = new Array(8).fill(0);
    for (const [id, q] of entries) p[id] = q;
    return p;
  };
  const lengths = () =>
    tableScorer(PROMPT.length, {
      '': v8([[A, 0.6], [B, 0.4]]),
      [`${A}`]: v8([[END, 0.9], [F, 0.1]]),
      [`${B}`]: v8([[C, 1]]),
      [`${B},${C}`]: v8([[D, 1]]),
      [`${B},${C},${D}`]: v8([[E, 1]]),
    }, v8([[END, 1]]));

  it('the GNMT length penalty changes the winner as the formula says', async () => {
    const short = Math.log(0.54);
    const long = Math.log(0.4);
    for (const alpha of [0, 0.5, 1, 1.5, 2, 3]) {
      const { hypotheses } = await beamSearch(lengths(), PROMPT, { width: 2, maxTokens: 8, eos: END, lengthPenalty: alpha });
      const shortScore = short / lengthPenaltyFactor(2, alpha);
      const longScore = long / lengthPenaltyFactor(5, alpha);
      const winner = shortScore > longScore ? [A, END] : [B, C, D, E, END];
      expect(hypotheses[0].tokens).toEqual(winner);
      expect(hypotheses[0].score).toBeCloseTo(Math.max(shortScore, longScore), 6);
    }
    // α = 0: short wins (0.54 > 0.4); α = 2: (5+5)/6 squared forgives enough for the long one.
    expect((await beamSearch(lengths(), PROMPT, { width: 2, maxTokens: 8, eos: END })).hypotheses[0].tokens).toEqual([A, END]);
    expect((await beamSearch(lengths(), PROMPT, { width: 2, maxTokens: 8, eos: END, lengthPenalty: 2 })).hypotheses[0].tokens).toEqual([B, C, D, E, END]);
    expect(lengthPenaltyFactor(7, 0.6)).toBeCloseTo(2 ** 0.6, 12);
  });

  it('keeps searching while a live beam can still overtake a finished one under the length penalty', async () => {
    // Step 0 finishes at once with P = 0.6 (score ln 0.6 / lp(1)); the live beam B (0.4) can only
    // win by growing: at |Y| = 5 its score is ln 0.4 / lp(5). Stopping as soon as the live
    // beam trails at its *current* length would miss it.
    const early = () =>
      tableScorer(PROMPT.length, { '': v8([[END, 0.6], [B, 0.4]]), [`${B}`]: v8([[C, 1]]), [`${B},${C}`]: v8([[D, 1]]), [`${B},${C},${D}`]: v8([[E, 1]]) }, v8([[END, 1]]));
    const plain = await beamSearch(early(), PROMPT, { width: 1, maxTokens: 8, eos: END });
    expect(plain.hypotheses[0].tokens).toEqual([END]);
    expect(plain.steps).toHaveLength(1); // α = 0: nothing can beat a finished 0.6 any more
    const forgiving = await beamSearch(early(), PROMPT, { width: 1, maxTokens: 8, eos: END, lengthPenalty: 2 });
    expect(Math.log(0.4) / lengthPenaltyFactor(5, 2)).toBeGreaterThan(Math.log(0.6) / lengthPenaltyFactor(1, 2));
    expect(forgiving.hypotheses[0].tokens).toEqual([B, C, D, E, END]);
  });

  it('a width that holds every sequence returns the exact best score (the early stop loses nothing)', async () => {
    const vocab3 = 3; // ids 0, 1 and eos = 2
    const maxTokens = 4;
    const score = hashedScorer(vocab3, 1.5, 0);
    for (const alpha of [0, 0.8, 2, -0.5]) {
      // Every sequence: ends at its first eos or runs to maxTokens.
      const all: { tokens: number[]; score: number }[] = [];
      const walk = async (tokens: number[], logProb: number) => {
        if (tokens.length > 0 && (tokens[tokens.length - 1] === 2 || tokens.length === maxTokens)) {
          all.push({ tokens, score: logProb / lengthPenaltyFactor(tokens.length, alpha) });
          return;
        }
        const lp = logSoftmax((await score([[...PROMPT, ...tokens]]))[0]);
        for (let id = 0; id < vocab3; id++) await walk([...tokens, id], logProb + lp[id]);
      };
      await walk([], 0);
      all.sort((a, b) => b.score - a.score);
      const { hypotheses } = await beamSearch(score, PROMPT, { width: 3 ** maxTokens, maxTokens, eos: 2, lengthPenalty: alpha });
      expect(hypotheses[0].tokens).toEqual(all[0].tokens);
      expect(hypotheses[0].score).toBeCloseTo(all[0].score, 9);
      expect(hypotheses.slice(0, 5).map((h) => h.score)).toEqual(all.slice(0, 5).map((h) => expect.closeTo(h.score, 9)));
    }
  });

  it('stops a hypothesis exactly when it ends with a multi-token stop sequence', async () => {
    // Deterministic chain 1 → 2 → 3 → 4 → 5 …; stop sequence [3, 4].
    const chain = tableScorer(PROMPT.length, { '': v8([[1, 0.7], [5, 0.3]]), '1': v8([[2, 1]]), '1,2': v8([[3, 1]]), '1,2,3': v8([[4, 1]]), '1,2,3,4': v8([[5, 1]]) }, v8([[6, 1]]));
    const { hypotheses } = await beamSearch(chain, PROMPT, { width: 2, maxTokens: 10, stopSequences: [[3, 4]] });
    const stopped = hypotheses.find((h) => h.finishReason === 'stop')!;
    expect(stopped.tokens).toEqual([1, 2, 3, 4]);
    expect(stopped.stop).toEqual({ sequence: [3, 4], tokenCount: 2 });
    expect(stopped.logProb).toBeCloseTo(Math.log(0.7), 6);
    // The other beam never meets the stop sequence and runs to the budget.
    const other = hypotheses.find((h) => h.finishReason === 'max-tokens')!;
    expect(other.tokens).toHaveLength(10);
  });

  it('scores every live beam in one callback per step', async () => {
    const score = tableScorer(PROMPT.length, {}, [0.3, 0.3, 0.2, 0.2]);
    await beamSearch(score, PROMPT, { width: 3, maxTokens: 4 });
    expect(score.calls.map((c) => c.length)).toEqual([1, 3, 3, 3]);
    for (const call of score.calls) for (const prefix of call) expect(prefix[0]).toBe(PROMPT[0]);
  });

  it('rejects bad settings by name', async () => {
    const score = hashedScorer(4);
    await expect(beamSearch(score, PROMPT, { width: 0, maxTokens: 3 })).rejects.toThrow(/width/);
    await expect(beamSearch(score, PROMPT, { width: 2, maxTokens: 0 })).rejects.toThrow(/maxTokens/);
    await expect(beamSearch(score, PROMPT, { width: 2, maxTokens: 3, lengthPenalty: NaN })).rejects.toThrow(/lengthPenalty/);
    await expect(beamSearch(score, PROMPT, { width: 2, maxTokens: 3, eos: 4 })).rejects.toThrow(/eos = 4/);
    await expect(beamSearch(score, PROMPT, { width: 2, maxTokens: 3, stopSequences: [[]] })).rejects.toThrow(/stopSequences\[0\]/);
  });
});
