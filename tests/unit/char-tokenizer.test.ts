import { describe, expect, it } from 'vitest';
import { CharTokenizer } from '@/lib/tokenizer/char';
import { tokenizerFromJSON } from '@/lib/tokenizer/index';

describe('char tokenizer', () => {
  it('builds a code-point-sorted vocabulary and round-trips text', () => {
    const text = '秦時明月漢時關，\n萬里長征人未還。Ab a😀';
    const tok = CharTokenizer.fromText(text);
    const chars = (tok.toJSON() as { chars: string[] }).chars;
    expect(chars).toEqual([...new Set(text)].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
    expect(chars[0]).toBe('\n');
    expect(chars).toContain('😀'); // one id for a surrogate pair, not two
    expect(tok.vocabSize).toBe(new Set(text).size);
    const ids = tok.encode(text);
    expect(ids).toHaveLength([...text].length);
    expect(tok.decode(ids)).toBe(text);
    expect(tok.tokenText(ids[0])).toBe('秦');
  });

  it('refuses unknown characters and ids, naming them', () => {
    const tok = CharTokenizer.fromText('abc');
    expect(() => tok.encode('abz')).toThrow(/character "z" \(U\+007A\) at position 2 is not in the vocabulary/);
    expect(() => tok.decode([0, 3])).toThrow(/id 3 is outside the vocabulary \(0…2\)/);
    expect(() => new CharTokenizer(['a', 'a'])).toThrow(/"a" appears twice/);
    expect(() => new CharTokenizer(['ab'])).toThrow(/entry 0 \("ab"\) is not a single character/);
  });

  it('survives its JSON form; unknown kinds are rejected', () => {
    const tok = CharTokenizer.fromText('hello, world');
    const back = tokenizerFromJSON(JSON.parse(JSON.stringify(tok.toJSON())));
    expect(back.encode('low')).toEqual(tok.encode('low'));
    expect(() => tokenizerFromJSON({ kind: 'wordpiece' } as never)).toThrow(/unknown kind "wordpiece"/);
  });
});
