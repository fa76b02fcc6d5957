// Penalties on tokens that already appeared: CTRL's repetition penalty and the presence /
// frequency penalties of the OpenAI API. Pure functions over one position's logits, applied
// before temperature and truncation (the order of Hugging Face's logits processors), so a
// penalised token can fall out of a top-k or top-p cut.

export interface PenaltyOptions {
  /**
   * CTRL repetition penalty θ (Keskar et al. 2019), ≥ 1 pushes seen tokens down, 1 = off.
   * A seen token's logit z becomes z / θ when z > 0 and z · θ when z ≤ 0 (Hugging Face's
   * `repetition_penalty`: dividing a negative logit would *raise* it). Applied once per
   * distinct token, however often it appeared.
   */
  repetitionPenalty?: number;
  /** Subtracted once from the logit of every token seen at least once (OpenAI `presence_penalty`). 0 = off. */
  presencePenalty?: number;
  /** Subtracted from a token's logit once per earlier occurrence (OpenAI `frequency_penalty`). 0 = off. */
  frequencyPenalty?: number;
}

export interface PenaltyStep {
  /** The logits after every penalty (a new array; the input is not modified). */
  logits: Float32Array;
  /** Distinct ids that were penalised, ascending. */
  penalizedIds: number[];
  /** How often each penalised id occurred in the history (same order as penalizedIds). */
  counts: number[];
}

export function checkPenaltyOptions({ repetitionPenalty, presencePenalty, frequencyPenalty }: PenaltyOptions): void {
  if (repetitionPenalty !== undefined && !(Number.isFinite(repetitionPenalty) && repetitionPenalty > 0)) {
    throw new Error(`penalties: repetitionPenalty must be a finite number > 0 (1 = off), got ${repetitionPenalty}`);
  }
  if (presencePenalty !== undefined && !Number.isFinite(presencePenalty)) throw new Error(`penalties: presencePenalty must be a finite number, got ${presencePenalty}`);
  if (frequencyPenalty !== undefined && !Number.isFinite(frequencyPenalty)) throw new Error(`penalties: frequencyPenalty must be a finite number, got ${frequencyPenalty}`);
}

/** True when the options change nothing (so callers can skip the copy). */
export function penaltiesAreOff({ repetitionPenalty = 1, presencePenalty = 0, frequencyPenalty = 0 }: PenaltyOptions): boolean {
  return repetitionPenalty === 1 && presencePenalty === 0 && frequencyPenalty === 0;
}

/** Occurrences of each id in `history`; every id must index into a vocabulary of `vocabSize`. */
export function countTokens(history: ArrayLike<number>, vocabSize: number): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < history.length; i++) {
    const id = history[i];
    if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new Error(`penalties: history[${i}] = ${id} is not an id in 0…${vocabSize - 1}`);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * Apply the penalties to `logits` for the ids in `history` (the tokens the caller counts as
 * "already seen": decode() passes the generated tokens, or prompt + generated). −Infinity
 * logits stay −Infinity.
 */
export function applyPenalties(logits: Float32Array, history: ArrayLike<number>, options: PenaltyOptions): PenaltyStep {
  checkPenaltyOptions(options);
  const { repetitionPenalty = 1, presencePenalty = 0, frequencyPenalty = 0 } = options;
  const out = Float32Array.from(logits);
  const counts = countTokens(history, logits.length);
  const penalizedIds = [...counts.keys()].sort((a, b) => a - b);
  for (const id of penalizedIds) {
    let z = out[id];
    if (z === -Infinity) continue;
    if (repetitionPenalty !== 1) z = z > 0 ? z / repetitionPenalty : z * repetitionPenalty;
    z -= presencePenalty + frequencyPenalty * counts.get(id)!;
    out[id] = z;
  }
  return { logits: out, penalizedIds, counts: penalizedIds.map((id) => counts.get(id)!) };
}
