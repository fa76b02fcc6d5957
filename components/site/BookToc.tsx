import type { ChapterMeta, Locale } from '@/lib/content/types';
import { STRINGS } from './strings';

/** The book's table of contents: number, title and summary of every chapter. */
export function BookToc({ locale, chapters }: { locale: Locale; chapters: ChapterMeta[] }) {
  const t = STRINGS[locale];
  return (
    <ol className="book-toc">
      {chapters.map((chapter) => (
        <li key={chapter.slug}>
          <a href={`/${locale}/${chapter.slug}/`}>
            <span className="book-toc-number">{t.chapterLabel(chapter.order)}</span>
            <span className="book-toc-title">{chapter.title}</span>
            <span className="book-toc-summary">{chapter.summary}</span>
          </a>
        </li>
      ))}
    </ol>
  );
}
