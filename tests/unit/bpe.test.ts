import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BpeTokenizer, bpeFromJSON, readableBytes, splitIntoChunks, trainBpe } from '@/lib/tokenizer/bpe';
import { createRng, type Rng } from '@/lib/sample/rng';
import { tokenizerFromJSON } from '@/lib/tokenizer';

const corpus = (name: string) => readFileSync(path.join(import.meta.dirname, '../../content/corpora', name), 'utf8');
const byteLength = (s: string) => new TextEncoder().encode(s).length;

/** A random string mixing ASCII, CJK, emoji (surrogate pairs), combining marks and whitespace. */
function randomUnicode(rng: Rng, length: number): string {
  const pools: [number, number][] = [
    [0x20, 0x7e], // printable ASCII
    [0x4e00, 0x9fff], // CJK unified ideographs
    [0x1f600, 0x1f64f], // emoji, outside the BMP
    [0x0300, 0x036f], // combining diacritics (may stand alone at the start)
    [0x00a0, 0x00ff], // Latin-1
    [0x0590, 0x05ff], // Hebrew
  ];
  let out = '';
  for (let i = 0; i < length; i++) {
    const r = rng.next();
    if (r < 0.08) {
      out += ['\n', '\t', ' ', '  ', '\r\n'][rng.int(5)];
      continue;
    }
    const [lo, hi] = pools[rng.int(pools.length)];
    out += String.fromCodePoint(lo + rng.int(hi - lo + 1));
  }
  return out;
}

describe('byte-level BPE training', () => {
  it('reproduces the Wikipedia example: aaabdaaabac → Z=aa, Y=ab, X=ZY, giving XdXac', () => {
    const { tokenizer, merges, stoppedBecause } = trainBpe('aaabdaaabac', 259);
    const a = 97;
    const b = 98;
    // (a,a) is most frequent; then (a,b) and (Z,a) tie at 2 and the lower ids win: (97,98) < (256,97).
    expect(merges.map((m) => m.pair)).toEqual([[a, a], [a, b], [256, 257]]);
    expect(merges.map((m) => m.text)).toEqual(['aa', 'ab', 'aaab']);
    expect(merges.map((m) => m.count)).toEqual([4, 2, 2]); // "aaa" holds the pair (a,a) twice …
    expect(merges.map((m) => m.replacements)).toEqual([2, 2, 2]); // … but it is replaced once
    expect(stoppedBecause).toBe('vocab-size-reached');
    expect(tokenizer.encode('aaabdaaabac')).toEqual([258, 'd'.charCodeAt(0), 258, a, 'c'.charCodeAt(0)]);
  });

  it('stops early, and says so, when no pair occurs twice', () => {
    const { tokenizer, merges, stoppedBecause } = trainBpe('abcdef', 300);
    expect(merges).toHaveLength(0);
    expect(tokenizer.vocabSize).toBe(256);
    expect(stoppedBecause).toBe('no-frequent-pair');
  });

  it('reaches the requested vocabulary size and reports every merge to onMerge', () => {
    const text = corpus('tiny-shakespeare.txt').slice(0, 40_000);
    const seen: number[] = [];
    const { tokenizer, merges, stoppedBecause } = trainBpe(text, 512, { onMerge: (m, i) => seen.push(m.id - 256 - i) });
    expect(tokenizer.vocabSize).toBe(512);
    expect(merges).toHaveLength(256);
    expect(seen).toEqual(new Array(256).fill(0));
    expect(stoppedBecause).toBe('vocab-size-reached');
    // Counts never increase: the most frequent pair goes first.
    for (let i = 1; i < merges.length; i++) expect(merges[i].count).toBeLessThanOrEqual(merges[i - 1].count);
  });

  it('encodes its training text as training segmented it, and much shorter than its bytes', () => {
    const text = corpus('tiny-shakespeare.txt');
    const { tokenizer, merges } = trainBpe(text, 600);
    const ids = tokenizer.encode(text);
    const bytes = byteLength(text);
    // Each replacement during training removed one token: encode must land on the same count.
    expect(ids.length).toBe(bytes - merges.reduce((n, m) => n + m.replacements, 0));
    expect(ids.length / bytes).toBeLessThan(0.5);
    expect(tokenizer.decode(ids)).toBe(text);
  });

  it('on Chinese poetry learns whole characters first and never merges across punctuation', () => {
    const text = corpus('tang-poetry.txt').slice(0, 60_000);
    const { tokenizer, merges } = trainBpe(text, 800);
    const texts = merges.map((m) => m.text);
    expect(texts.slice(0, 40)).toContain('，');
    expect(texts.slice(0, 40)).toContain('。');
    expect(texts).toContain('月');
    for (const t of texts) if (/[，。？！]/.test(t)) expect(t).toHaveLength(1); // punctuation is a chunk of its own
    const ids = tokenizer.encode(text);
    expect(ids.length / byteLength(text)).toBeLessThan(0.5); // ≈3 bytes per character, most characters one token
    expect(tokenizer.decode(ids)).toBe(text);
  });

  it('is deterministic: the same text gives the same merges', () => {
    const text = corpus('tiny-shakespeare.txt').slice(0, 20_000);
    expect(trainBpe(text, 400).merges).toEqual(trainBpe(text, 400).merges);
  });

  it('rejects a vocabulary smaller than the 256 bytes', () => {
    expect(() => trainBpe('abc', 100)).toThrow(/targetVocabSize must be an integer from 256/);
  });
});

describe('byte-level BPE encode / decode', () => {
  const trained = trainBpe(corpus('tiny-shakespeare.txt').slice(0, 30_000) + corpus('tang-poetry.txt').slice(0, 10_000), 700).tokenizer;
  const bytesOnly = new BpeTokenizer([]);

  it('round-trips random Unicode (CJK, emoji, combining marks, whitespace) and the empty string exactly', () => {
    const rng = createRng(7);
    for (const tokenizer of [trained, bytesOnly]) {
      expect(tokenizer.encode('')).toEqual([]);
      expect(tokenizer.decode([])).toBe('');
      for (let n = 0; n < 200; n++) {
        const s = randomUnicode(rng, rng.int(60));
        const ids = tokenizer.encode(s);
        expect(tokenizer.decode(ids)).toBe(s);
        for (const id of ids) expect(id).toBeLessThan(tokenizer.vocabSize);
      }
    }
    const tricky = 'e\u0301 👩‍👩‍👧 🇨🇳 𠀋 ﬁ \u200b\r\n\t\t  end';
    expect(trained.decode(trained.encode(tricky))).toBe(tricky);
  });

  it('splits text into chunks that join back to the text, a leading space kept with its word', () => {
    const text = "Hello world, it's 2026!\n\n秦時明月，漢時關。";
    // GPT-2's pattern leaves the last whitespace character for the next chunk: "\n\n" → "\n", "\n".
    const chunks = ['Hello', ' world', ',', ' it', "'s", ' 2026', '!', '\n', '\n', '秦時明月', '，', '漢時關', '。'];
    expect(splitIntoChunks(text)).toEqual(chunks);
    expect(chunks.join('')).toBe(text);
  });

  it('round-trips through its checkpoint JSON, also via tokenizerFromJSON', () => {
    const again = tokenizerFromJSON(JSON.parse(JSON.stringify(trained.toJSON())));
    expect(again).toBeInstanceOf(BpeTokenizer);
    const s = 'Shall I compare thee to a summer’s day? 床前明月光';
    expect(again.vocabSize).toBe(trained.vocabSize);
    expect(again.encode(s)).toEqual(trained.encode(s));
  });

  it('a tokenizer loaded from checkpoint JSON lists the merges trainBpe learned (pair, id, text), read-only', () => {
    const text = corpus('tiny-shakespeare.txt').slice(0, 8_000) + corpus('tang-poetry.txt').slice(0, 4_000);
    const { tokenizer, merges } = trainBpe(text, 420);
    const loaded = bpeFromJSON(JSON.parse(JSON.stringify(tokenizer.toJSON())));
    const listed = loaded.merges();
    expect(listed).toHaveLength(164);
    expect(listed).toEqual(merges.map(({ pair, id, text: t }) => ({ pair, id, text: t })));
    expect(listed.map((m) => m.text)).toContain('月'); // a whole Chinese character, made of 3 bytes
    // Copies: editing the list changes neither the tokenizer nor the next call's list.
    listed[0].pair[0] = 999;
    listed.pop();
    expect(loaded.merges()).toEqual(tokenizer.merges());
    expect(loaded.encode(text.slice(0, 500))).toEqual(tokenizer.encode(text.slice(0, 500)));
    expect(new BpeTokenizer([]).merges()).toEqual([]);
  });

  it('shows tokens readably, escaping partial UTF-8 and control bytes', () => {
    // 明 is E6 98 8E: a token holding only its first two bytes is shown as escapes.
    const t = new BpeTokenizer([[0xe6, 0x98], [256, 0x8e], [0x20, 0x74]]);
    expect(t.tokenText(256)).toBe('\\xE6\\x98');
    expect(t.tokenText(257)).toBe('明');
    expect(t.tokenText(258)).toBe(' t');
    expect(t.tokenText(10)).toBe('\\n');
    expect(t.tokenText(0x8e)).toBe('\\x8E');
    expect(readableBytes(new TextEncoder().encode('a\\b😀'))).toBe('a\\\\b😀');
    expect(t.encode('明')).toEqual([257]);
  });

  it('fails with a message naming the bad merge or id', () => {
    expect(() => bpeFromJSON({ kind: 'bpe', merges: [[97, 98], [300, 97]] })).toThrow(/merge 1 \(making token 257\): its left token 300/);
    expect(() => bpeFromJSON({ kind: 'bpe', merges: [[97, 98], [97, 98]] })).toThrow(/merge 1 repeats merge 0/);
    expect(() => bpeFromJSON({ kind: 'char', chars: ['a'] })).toThrow(/expected a BPE tokenizer/);
    expect(() => trained.decode([trained.vocabSize])).toThrow(/token id 700 is outside the vocabulary \(0–699\)/);
  });
});
