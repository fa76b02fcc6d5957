// Every chapter of the book (and the valid fixture): compiles, and its two locales agree.
import { describe, expect, it } from 'vitest';
import { KNOWN_COMPONENTS } from '@/components/mdx/registry';
import type { ChapterMeta, CompiledChapter } from '@/lib/content';
import { bookChapters, compile, fixtureChapters } from './book';

const book = bookChapters();
const fixtures = fixtureChapters();
const pairs: Array<{ label: string; zh: ChapterMeta; en: ChapterMeta; expectWarnings: boolean }> = [];
for (const [source, chapters] of [['book', book], ['fixture', fixtures]] as const) {
  for (const zh of chapters.chapters.zh) {
    const en = chapters.chapters.en.find((c) => c.slug === zh.slug)!;
    pairs.push({ label: `${source}: ${zh.slug}`, zh, en, expectWarnings: zh.slug === 'broken-on-purpose' });
  }
}

const counts = (c: CompiledChapter) => ({
  h2: c.headings.filter((h) => h.depth === 2).length,
  h3: c.headings.filter((h) => h.depth === 3).length,
});

describe('the book', () => {
  it('has chapters, the same ones in zh and en, in the same order', () => {
    expect(book.chapters.zh.length).toBeGreaterThan(0);
    expect(book.chapters.zh.map((c) => `${c.order}-${c.slug}`)).toEqual(book.chapters.en.map((c) => `${c.order}-${c.slug}`));
  });
});

describe.each(pairs)('$label', ({ zh, en, expectWarnings }) => {
  it('compiles in both locales, with every formula rendered (or, for the broken fixture, each warned about)', async () => {
    for (const meta of [zh, en]) {
      const compiled = await compile(meta);
      expect(compiled.code.length).toBeGreaterThan(100);
      if (expectWarnings) expect(compiled.warnings.length).toBeGreaterThan(0);
      else expect(compiled.warnings).toEqual([]);
    }
  });

  it('uses only components from the registry', async () => {
    for (const meta of [zh, en]) {
      const { componentNames } = await compile(meta);
      for (const name of componentNames) expect(KNOWN_COMPONENTS, `${meta.file} uses <${name}>`).toContain(name);
    }
  });

  it('has the same outline in both locales (## count equal, ### within 2), the same figures and the same widgets', async () => {
    const [z, e] = [await compile(zh), await compile(en)];
    expect(counts(z).h2, `${zh.file} vs ${en.file}: ## sections`).toBe(counts(e).h2);
    expect(Math.abs(counts(z).h3 - counts(e).h3), `${zh.file} vs ${en.file}: ### subsections`).toBeLessThanOrEqual(2);
    expect(z.mermaidCount, 'mermaid diagrams').toBe(e.mermaidCount);
    expect(z.displayMathCount, 'display formulas').toBe(e.displayMathCount);
    // The same widgets and boxes: a reader of either language gets the same things to try.
    expect(z.componentNames, `${zh.file} vs ${en.file}: MDX tags used`).toEqual(e.componentNames);
    expect(z.headings.length, 'a chapter has sections').toBeGreaterThan(0);
  });

  it('lists the same source ids in both locales, with the same years', () => {
    const ids = (m: ChapterMeta) => m.sources.map((s) => `${s.id} (${s.year})`).sort();
    expect(ids(zh)).toEqual(ids(en));
  });

  it('cites every source it lists, and every <Cite> names a listed source', async () => {
    for (const meta of [zh, en]) {
      const { citedIds } = await compile(meta);
      const listed = meta.sources.map((s) => s.id);
      for (const id of citedIds) expect(listed, `${meta.file} cites ${id}`).toContain(id);
      for (const id of listed) expect(citedIds, `${meta.file} lists "${id}" but never cites it`).toContain(id);
    }
  });

  it('has unique heading ids', async () => {
    for (const meta of [zh, en]) {
      const ids = (await compile(meta)).headings.map((h) => h.id);
      expect(new Set(ids).size, `${meta.file}: ${ids.join(', ')}`).toBe(ids.length);
    }
  });
});
