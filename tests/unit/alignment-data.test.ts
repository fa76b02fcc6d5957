import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CharTokenizer } from '@/lib/tokenizer/char';
import { formatPreference, type PreferencePair } from '@/lib/train/dpo';
import { formatExample, type InstructionPair, TANG_TEMPLATE } from '@/lib/train/sft';

const rows = <T>(path: string): T[] =>
  readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line, i) => {
      try {
        return JSON.parse(line) as T;
      } catch (e) {
        throw new Error(`${path}:${i + 1}: ${(e as Error).message}`);
      }
    });

const QUATRAIN = /^\p{Script=Han}{5}，\p{Script=Han}{5}[。？！]\n\p{Script=Han}{5}，\p{Script=Han}{5}[。？！]$/u;
const FOUR = /^\p{Script=Han}{4}，\p{Script=Han}{4}[。？！]\n\p{Script=Han}{4}，\p{Script=Han}{4}[。？！]$/u;

describe('alignment datasets (content/datasets)', () => {
  const tokenizer = CharTokenizer.fromText(readFileSync('content/corpora/tang-poetry.txt', 'utf8'));
  const sft = rows<InstructionPair>('content/datasets/tang-sft.jsonl');
  const preference = rows<PreferencePair>('content/datasets/tang-preference.jsonl');

  it('SFT: 200 title → five-character quatrain pairs, in the model vocabulary and context', () => {
    expect(sft).toHaveLength(200);
    for (const pair of sft) {
      expect(pair.response).toMatch(QUATRAIN);
      const ex = formatExample(TANG_TEMPLATE, tokenizer, pair); // throws on a character outside the vocabulary
      expect(ex.ids.length).toBeLessThanOrEqual(65); // contextLength 64 + 1
    }
    expect(new Set(sft.map((p) => p.prompt)).size).toBe(200);
  });

  it('preference: 150 triples where rejected is chosen with every clause cut from five characters to four', () => {
    expect(preference).toHaveLength(150);
    for (const p of preference) {
      expect(p.chosen).toMatch(QUATRAIN);
      expect(p.rejected).toMatch(FOUR);
      // the same characters in the same order, minus the fifth of each clause
      expect(p.rejected).toBe(p.chosen.replace(/(\p{Script=Han}{4})\p{Script=Han}/gu, '$1'));
      const f = formatPreference(TANG_TEMPLATE, tokenizer, p);
      expect(f.chosen.promptLength).toBe(f.rejected.promptLength);
    }
    const sftTitles = new Set(sft.map((p) => p.prompt));
    expect(preference.filter((p) => sftTitles.has(p.prompt))).toEqual([]);
  });
});
