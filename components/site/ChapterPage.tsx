import { renderMdx } from '@/components/mdx/renderMdx';
import { mdxComponents } from '@/components/mdx/registry';
import { SourceList } from '@/components/mdx/SourceList';
import type { ChapterMeta, CompiledChapter, Heading } from '@/lib/content/types';
import { ChapterNav } from './ChapterNav';
import { ChapterToc } from './ChapterToc';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';
import { STRINGS } from './strings';

interface ChapterPageProps {
  compiled: CompiledChapter;
  previous?: ChapterMeta;
  next?: ChapterMeta;
}

/** A chapter: header, its own outline beside the text, the MDX body, sources, previous / next. */
export function ChapterPage({ compiled, previous, next }: ChapterPageProps) {
  const { meta } = compiled;
  const t = STRINGS[meta.locale];
  // The outline also lists the boxes and the source list that components print at the end.
  const outline: Heading[] = [...compiled.headings];
  if (compiled.componentNames.includes('Recap')) outline.push({ depth: 2, id: 'recap', text: t.recap });
  if (compiled.componentNames.includes('Exercises')) outline.push({ depth: 2, id: 'exercises', text: t.exercises });
  outline.push({ depth: 2, id: 'sources', text: t.sources });

  return (
    <>
      <SiteHeader locale={meta.locale} path={`${meta.slug}/`} />
      <div className="chapter-layout">
        <aside className="chapter-aside">
          <ChapterToc title={t.onThisPage} headings={outline} />
        </aside>
        <main id="main" className="chapter-main">
          <article className="chapter">
            <header className="chapter-header">
              <p className="chapter-number">{t.chapterLabel(meta.order)}</p>
              <h1>{meta.title}</h1>
              <p className="chapter-summary">{meta.summary}</p>
            </header>
            <div className="prose">
              {renderMdx(compiled.code, mdxComponents({ locale: meta.locale, sources: meta.sources }))}
            </div>
            <SourceList title={t.sources} sources={meta.sources} />
          </article>
          <ChapterNav locale={meta.locale} previous={previous} next={next} />
        </main>
      </div>
      <SiteFooter locale={meta.locale} />
    </>
  );
}
