import { describe, expect, it } from 'vitest';
import { clauseLengths, TEMPLATES } from '@/lib/engine/features/alignment/data';
import { addClauseCounts, countClauses } from '@/lib/text/clauses';

describe('countClauses (the 七言 / 五言 share LoRALab and DPOLab show)', () => {
  it('counts a seven-character quatrain as four seven-character clauses', () => {
    const poem = '出塞\n秦時明月漢時關，萬里長征人未還。\n但使龍城飛將在，不教胡馬度陰山。\n';
    expect(countClauses(poem, 7)).toEqual({ matched: 4, total: 4 });
    expect(countClauses(poem, 5)).toEqual({ matched: 0, total: 4 });
  });

  it('splits at ，。！？； and counts a mixed sample clause by clause', () => {
    // 7, 5, 7, 4, 7 characters; closed by ，。；？！ in turn.
    const text = '春風不度玉門關，白日依山盡。黃河遠上白雲間；欲窮千里？一片孤城萬仞山！';
    expect(countClauses(text, 7)).toEqual({ matched: 3, total: 5 });
    expect(countClauses(text, 5)).toEqual({ matched: 1, total: 5 });
    expect(countClauses(text, 4)).toEqual({ matched: 1, total: 5 });
  });

  it('counts only Chinese characters: spaces, Latin letters and stray marks do not lengthen a clause', () => {
    expect(countClauses('春 風 不 度 玉 門 關，', 7)).toEqual({ matched: 1, total: 1 });
    expect(countClauses('ab春風不度玉門關、，', 7)).toEqual({ matched: 1, total: 1 });
    // A clause with no Chinese character at all is not a clause.
    expect(countClauses('，，ab。', 7)).toEqual({ matched: 0, total: 0 });
  });

  it('ignores an unclosed tail and a title line without a mark', () => {
    expect(countClauses('題李凝幽居\n閑居少鄰並，草徑入荒園。\n鳥宿池邊樹', 5)).toEqual({ matched: 2, total: 2 });
    // A newline ends the run: the title's characters are not glued onto the next clause.
    expect(countClauses('夜雨寄北\n君問歸期未有期，', 7)).toEqual({ matched: 1, total: 1 });
  });

  it('adds counts over several samples into one share', () => {
    const sum = addClauseCounts([countClauses('秦時明月漢時關，萬里長征人未還。', 7), countClauses('白日依山盡，黃河入海流。', 7)]);
    expect(sum).toEqual({ matched: 2, total: 4, share: 0.5 });
    expect(addClauseCounts([]).share).toBe(0);
  });

  it('refuses a nonsense length, naming it', () => {
    expect(() => countClauses('春', 0)).toThrow(/length = 0/);
  });

  it("is DPOLab's counter too: five characters, after cutting the answer at the template's end", () => {
    const end = TEMPLATES.tang.end;
    const answer = `白日依山盡，黃河入海流。${end}欲窮千里目，更上一層樓。`;
    expect(clauseLengths(answer, TEMPLATES.tang)).toEqual(countClauses('白日依山盡，黃河入海流。', 5));
    expect(clauseLengths(answer, TEMPLATES.tang)).toEqual({ matched: 2, total: 2 });
  });
});
