// A wrong chapter fails the build with `file:line: what is wrong`. Each case writes a small book
// into a temporary folder and checks the message an author would see.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_COMPONENTS } from '@/components/mdx/registry';
import { compileChapter, loadBook } from '@/lib/content';

const GOOD_FRONT = (order = 1) => `---
title: A chapter
order: ${order}
summary: One sentence.
sources:
  - id: shannon1948
    title: A Mathematical Theory of Communication
    authors: Claude E. Shannon
    year: 1948
---
`;
const GOOD_BODY = '\n## Section\n\nText <Cite id="shannon1948" />.\n';

let repo: string;
afterEach(() => rmSync(repo, { recursive: true, force: true }));

/** Writes content/{zh,en}/<name> into a fresh folder; `en` defaults to the zh text. */
function writeBook(files: Record<string, { zh?: string; en?: string }>) {
  repo = mkdtempSync(path.join(tmpdir(), 'book-validation-'));
  for (const locale of ['zh', 'en'] as const) mkdirSync(path.join(repo, 'content', locale), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    if (text.zh !== undefined) writeFileSync(path.join(repo, 'content', 'zh', name), text.zh);
    if (text.en !== undefined) writeFileSync(path.join(repo, 'content', 'en', name), text.en);
  }
  return () => loadBook([path.join(repo, 'content')], repo);
}

async function compileError(body: string): Promise<string> {
  const load = writeBook({ '01-x.mdx': { zh: GOOD_FRONT() + body, en: GOOD_FRONT() + GOOD_BODY } });
  const meta = load().chapters.zh[0];
  try {
    await compileChapter(meta, { knownComponents: KNOWN_COMPONENTS });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the chapter not to compile');
}

describe('front matter', () => {
  it('accepts a valid chapter pair', () => {
    const book = writeBook({ '01-x.mdx': { zh: GOOD_FRONT() + GOOD_BODY, en: GOOD_FRONT() + GOOD_BODY } })();
    expect(book.chapters.en[0]).toMatchObject({ slug: 'x', order: 1, title: 'A chapter', file: 'content/en/01-x.mdx' });
    expect(book.chapters.en[0].sources[0]).toEqual({
      id: 'shannon1948',
      title: 'A Mathematical Theory of Communication',
      authors: 'Claude E. Shannon',
      year: 1948,
    });
  });

  it('names file, line and field when order is not a positive integer', () => {
    const bad = GOOD_FRONT().replace('order: 1', 'order: one') + GOOD_BODY;
    const load = writeBook({ '01-x.mdx': { zh: GOOD_FRONT() + GOOD_BODY, en: bad } });
    expect(load).toThrow('content/en/01-x.mdx:3: front matter field "order" must be a positive integer (got "one")');
  });

  it('names a missing field', () => {
    const bad = GOOD_FRONT().replace('summary: One sentence.\n', '') + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: bad, en: GOOD_FRONT() + GOOD_BODY } })).toThrow(
      'content/zh/01-x.mdx:1: front matter is missing the required field "summary"',
    );
  });

  it('names an order that disagrees with the file name', () => {
    const text = GOOD_FRONT(2) + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: text, en: text } })).toThrow('content/zh/01-x.mdx:3: front matter field "order" is 2 but the file name says 1');
  });

  it('names a source year that is not an integer, at its line', () => {
    const bad = GOOD_FRONT().replace('year: 1948', 'year: nineteen-48') + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: bad, en: GOOD_FRONT() + GOOD_BODY } })).toThrow(
      'content/zh/01-x.mdx:9: front matter field "sources[0].year" must be a positive integer (got "nineteen-48")',
    );
  });

  it('names an unknown field (a typo) and invalid YAML', () => {
    const typo = GOOD_FRONT().replace('summary:', 'sumary:') + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: typo, en: GOOD_FRONT() + GOOD_BODY } })).toThrow('content/zh/01-x.mdx:4: unknown front matter field "sumary"');
    const yaml = GOOD_FRONT().replace('summary: One sentence.', 'summary: Two: colons: here') + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: yaml, en: GOOD_FRONT() + GOOD_BODY } })).toThrow(/content\/zh\/01-x\.mdx:4: front matter is not valid YAML/);
  });

  it('names a duplicated source id and an empty source list', () => {
    const twice = GOOD_FRONT().replace('---\n\n', '').replace(/\n---\n$/, '') +
      '\n  - id: shannon1948\n    title: Again\n    authors: C. E. S.\n    year: 1949\n---\n' + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: twice, en: GOOD_FRONT() + GOOD_BODY } })).toThrow('content/zh/01-x.mdx:10: source id "shannon1948" appears twice');
    const none = '---\ntitle: T\norder: 1\nsummary: S.\nsources: []\n---\n' + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: none, en: GOOD_FRONT() + GOOD_BODY } })).toThrow('content/zh/01-x.mdx:5: front matter field "sources" must be a non-empty list');
  });
});

describe('files', () => {
  it('names a chapter that exists in one locale only', () => {
    const text = GOOD_FRONT() + GOOD_BODY;
    expect(writeBook({ '01-x.mdx': { zh: text, en: text }, '02-y.mdx': { en: GOOD_FRONT(2) + GOOD_BODY } })).toThrow(
      'content/en/02-y.mdx:1: no matching chapter in the other locale: content/zh/02-y.mdx is missing',
    );
  });

  it('names a badly named file', () => {
    const text = GOOD_FRONT() + GOOD_BODY;
    expect(writeBook({ '1-Intro.mdx': { zh: text, en: text } })).toThrow('content/zh/1-Intro.mdx:1: a chapter file is named NN-slug.mdx');
  });
});

describe('MDX body', () => {
  it('names an unknown component, its line and the known ones', async () => {
    const message = await compileError('\n## S\n\n<Cite id="shannon1948" />\n\n<SamplingLabb />\n');
    expect(message).toMatch(/^content\/zh\/01-x\.mdx:16: <SamplingLabb> is not a known component \(known: [\w, ]+\)/);
    // The known list is sorted (it grows with every widget) and names the nearest real tag.
    const known = /known: ([\w, ]+)\)/.exec(message)![1].split(', ');
    expect(known).toEqual([...known].sort());
    expect(known).toEqual(expect.arrayContaining(['Callout', 'Cite', 'Exercises', 'Figure', 'SamplingLab']));
  });

  it('names MDX that does not compile, at its line', async () => {
    const message = await compileError('\n## S\n\nText <Cite id="shannon1948" />.\n\nA stray { brace.\n');
    expect(message).toMatch(/^content\/zh\/01-x\.mdx:16: MDX does not compile: /);
  });

  it('names an unclosed component tag at the line of the tag (esbuild gives it no location)', async () => {
    const message = await compileError('\n## S\n\nText <Cite id="shannon1948" />.\n\n<Callout type="note">\n\nNever closed.\n');
    expect(message).toBe('content/zh/01-x.mdx:16: MDX does not compile: Expected a closing tag for `<Callout>` (16:1-16:22)');
  });

  it('names a <Cite> of a source the chapter does not list', async () => {
    const message = await compileError('\n## S\n\n<Cite id="shannon1948" /> and <Cite id="turing1950" />\n');
    expect(message).toContain('content/zh/01-x.mdx:14: <Cite id="turing1950"> names no source of this chapter (sources: shannon1948)');
  });

  it('names a Callout of an unknown type and a Figure without caption', async () => {
    const message = await compileError('\n<Cite id="shannon1948" />\n\n<Callout type="danger">\n\nx\n\n</Callout>\n\n<Figure>\n\nx\n\n</Figure>\n');
    expect(message).toContain('content/zh/01-x.mdx:14: <Callout type="danger"> must be one of note, tip, warning');
    expect(message).toContain('content/zh/01-x.mdx:20: <Figure> needs a caption');
  });

  it('turns a malformed formula into a warning naming file and line, and still compiles', async () => {
    const load = writeBook({ '01-x.mdx': { zh: GOOD_FRONT() + GOOD_BODY + '\n$$\n\\frac{1}{\n$$\n', en: GOOD_FRONT() + GOOD_BODY } });
    const compiled = await compileChapter(load().chapters.zh[0], { knownComponents: KNOWN_COMPONENTS });
    expect(compiled.warnings).toHaveLength(1);
    expect(compiled.warnings[0]).toMatch(/^content\/zh\/01-x\.mdx:16: KaTeX cannot render \$\$…\$\$ "\\frac\{1\}\{": KaTeX parse error/);
    expect(compiled.code).toContain('math-error');
  });
});
