// Tokenize a text with only the first k merges of a BPE training run, so a widget can step
// through the merges one by one and show the text's tokens at each step (k = 0: raw bytes).
import { BpeTokenizer, type BpeMerge } from './bpe';

export interface TokenPiece {
  id: number;
  /** The token as a reader sees it (`readableBytes`: partial UTF-8 bytes appear as \xE6). */
  text: string;
}

/** A tokenizer of the first `k` merges (k is clamped to 0…merges.length). */
export function tokenizerAtMerge(merges: readonly BpeMerge[], k: number): BpeTokenizer {
  const n = Math.max(0, Math.min(merges.length, Math.floor(k)));
  return new BpeTokenizer(merges.slice(0, n).map((m) => m.pair));
}

/** The text's tokens under the first `k` merges. Decoding their ids gives the text back. */
export function tokensAtMerge(merges: readonly BpeMerge[], k: number, text: string): TokenPiece[] {
  const tokenizer = tokenizerAtMerge(merges, k);
  return tokenizer.encode(text).map((id) => ({ id, text: tokenizer.tokenText(id) }));
}

/** Character-level pieces: one per Unicode code point (what a char tokenizer makes of the text). */
export function charPieces(text: string): string[] {
  return [...text];
}

/** The first `limit` characters of a corpus (by code point, so no character is cut in half). */
export function corpusSlice(text: string, limit: number): string {
  const chars = [...text.slice(0, limit * 2)];
  return chars.length <= limit ? chars.join('') : chars.slice(0, limit).join('');
}
