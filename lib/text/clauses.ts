// Clause lengths of classical Chinese verse in generated text: the one property of a Tang sample
// a reader can count without reading Chinese. DPOLab counts five-character clauses (its
// preference set's one difference); LoRALab counts seven-character ones (the 七言絕句 it
// fine-tunes on). Pure string code, no tfjs.

/** Marks that close a clause. A newline also ends a run, so a title line (no mark) is not a clause. */
export const CLAUSE_MARKS = '，。！？；';

const CLAUSE = new RegExp(`([^${CLAUSE_MARKS}\\n]+)[${CLAUSE_MARKS}]`, 'gu');
const HAN = /\p{Script=Han}/gu;

export interface ClauseCount {
  /** Closed clauses with exactly `length` Chinese characters. */
  matched: number;
  /** Closed clauses with at least one Chinese character. */
  total: number;
}

/**
 * Clauses — runs of text closed by one of ，。！？； — whose Chinese characters (Han script only;
 * spaces, Latin letters and other marks inside a clause are not counted) number exactly `length`.
 * An unclosed tail (a sample cut mid-line) is not a clause.
 */
export function countClauses(text: string, length: number): ClauseCount {
  if (!Number.isInteger(length) || length < 1) throw new Error(`countClauses: length = ${length} must be an integer ≥ 1`);
  let matched = 0;
  let total = 0;
  for (const m of text.matchAll(CLAUSE)) {
    const han = m[1].match(HAN)?.length ?? 0;
    if (han === 0) continue;
    total += 1;
    if (han === length) matched += 1;
  }
  return { matched, total };
}

/** Sum of counts over several texts (e.g. samples with different seeds). */
export function addClauseCounts(counts: readonly ClauseCount[]): ClauseCount & { share: number } {
  const matched = counts.reduce((n, c) => n + c.matched, 0);
  const total = counts.reduce((n, c) => n + c.total, 0);
  return { matched, total, share: total > 0 ? matched / total : 0 };
}
