// Stepping through BPE merges: at merge k the text is tokenized with exactly the first k merges.
import { describe, expect, it } from 'vitest';
import { trainBpe } from '@/lib/tokenizer/bpe';
import { charPieces, corpusSlice, tokensAtMerge } from '@/lib/tokenizer/merge-steps';

const TEXT = 'the cat sat on the mat; the cat ate the rat. 春風春風春風';

describe('BPE merge stepping', () => {
  const { merges, tokenizer } = trainBpe(TEXT.repeat(3), 256 + 30);

  it('merge 0 is the raw UTF-8 bytes; the full list equals the trained tokenizer', () => {
    const bytes = new TextEncoder().encode(TEXT);
    expect(tokensAtMerge(merges, 0, TEXT).map((p) => p.id)).toEqual(Array.from(bytes));
    expect(tokensAtMerge(merges, merges.length, TEXT).map((p) => p.id)).toEqual(tokenizer.encode(TEXT));
  });

  it('each merge never adds tokens, and merge k makes its token appear', () => {
    let previous = Infinity;
    for (let k = 0; k <= merges.length; k++) {
      const pieces = tokensAtMerge(merges, k, TEXT);
      expect(pieces.length).toBeLessThanOrEqual(previous);
      previous = pieces.length;
    }
    // The first merge of this text is the most frequent pair; with it alone its id shows up.
    const first = merges[0];
    expect(tokensAtMerge(merges, 1, TEXT).some((p) => p.id === first.id)).toBe(true);
    expect(tokensAtMerge(merges, 1, TEXT).length).toBe(new TextEncoder().encode(TEXT).length - TEXT.split(first.text).length + 1);
  });

  it('pieces read as the text, with partial UTF-8 bytes escaped until their character is merged', () => {
    const atZero = tokensAtMerge(merges, 0, '春').map((p) => p.text);
    expect(atZero).toEqual(['\\xE6', '\\x98', '\\xA5']);
    const all = tokensAtMerge(merges, merges.length, TEXT);
    expect(all.map((p) => p.text).join('')).toBe(TEXT);
  });

  it('character pieces and corpus slices count code points, never halves of one', () => {
    expect(charPieces('a春😀')).toEqual(['a', '春', '😀']);
    expect(corpusSlice('😀😀😀', 2)).toBe('😀😀');
    expect(corpusSlice('abc', 10)).toBe('abc');
  });
});
