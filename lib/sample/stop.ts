// Stop conditions shared by decode() and beam search: an end-of-sequence id, stop sequences of
// token ids (matched on the end of the generated tokens, so one may span several tokens) and
// stop strings (matched on the detokenised text, for tokenizers whose pieces do not line up
// with the string).

/**
 * A model-independent "what comes next" callback: for each prefix (prompt + tokens so far),
 * the next-token logits (or log-probabilities: both are normalised with a log-softmax), each
 * of length vocabSize. Decoding never touches a model, so it is testable on hand-made tables.
 */
export type ScoreNext = (prefixes: number[][]) => Promise<Float32Array[]>;

export interface StopOptions {
  /** End-of-sequence id: generating it finishes the sequence (it is kept in the output). */
  eos?: number;
  /** Token-id sequences; the output finishes as soon as it ends with one of them. */
  stopSequences?: number[][];
}

export interface StopMatch {
  /** What matched: the eos id as a one-token sequence, a stop sequence, or a stop string. */
  sequence: number[] | string;
  /** How many trailing tokens of the output the match covers (1 for eos). */
  tokenCount: number;
}

export function checkStopOptions({ eos, stopSequences }: StopOptions, vocabSize?: number): void {
  const checkId = (id: number, where: string) => {
    if (!Number.isInteger(id) || id < 0 || (vocabSize !== undefined && id >= vocabSize)) {
      throw new Error(`${where} = ${id} is not a token id${vocabSize !== undefined ? ` in 0…${vocabSize - 1}` : ''}`);
    }
  };
  if (eos !== undefined) checkId(eos, 'stop: eos');
  stopSequences?.forEach((seq, i) => {
    if (!Array.isArray(seq) || seq.length === 0) throw new Error(`stop: stopSequences[${i}] must be a non-empty array of token ids`);
    seq.forEach((id, j) => checkId(id, `stop: stopSequences[${i}][${j}]`));
  });
}

/** The first eos / stop sequence the generated tokens now end with, or null. */
export function matchStop(generated: readonly number[], { eos, stopSequences }: StopOptions): StopMatch | null {
  const n = generated.length;
  if (n === 0) return null;
  if (eos !== undefined && generated[n - 1] === eos) return { sequence: [eos], tokenCount: 1 };
  for (const seq of stopSequences ?? []) {
    if (seq.length > n) continue;
    let match = true;
    for (let j = 0; j < seq.length && match; j++) match = generated[n - seq.length + j] === seq[j];
    if (match) return { sequence: seq.slice(), tokenCount: seq.length };
  }
  return null;
}

/** log-softmax in float64; −Infinity stays −Infinity. Throws when nothing is finite. */
export function logSoftmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) {
    if (Number.isNaN(logits[i]) || logits[i] === Infinity) throw new Error(`logSoftmax: logit ${i} is ${logits[i]}; logits must be finite or −Infinity`);
    if (logits[i] > max) max = logits[i];
  }
  if (max === -Infinity) throw new Error('logSoftmax: every logit is −Infinity');
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += logits[i] === -Infinity ? 0 : Math.exp(logits[i] - max);
  const logZ = max + Math.log(sum);
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i] === -Infinity ? -Infinity : logits[i] - logZ;
  return out;
}
