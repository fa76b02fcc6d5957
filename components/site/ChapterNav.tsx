import type { ChapterMeta, Locale } from '@/lib/content/types';
import { STRINGS } from './strings';

type Neighbour = Pick<ChapterMeta, 'slug' | 'title' | 'order'> | undefined;

/** Previous / next chapter, at the foot of a chapter. */
export function ChapterNav({ locale, previous, next }: { locale: Locale; previous: Neighbour; next: Neighbour }) {
  const t = STRINGS[locale];
  return (
    <nav className="chapter-nav" aria-label={t.chapterNav}>
      {previous ? (
        <a className="chapter-nav-link previous" href={`/${locale}/${previous.slug}/`} rel="prev">
          <span className="chapter-nav-direction">← {t.previous}</span>
          <span className="chapter-nav-title">
            {t.chapterLabel(previous.order)} · {previous.title}
          </span>
        </a>
      ) : (
        <a className="chapter-nav-link previous" href={`/${locale}/`}>
          <span className="chapter-nav-direction">← {t.backToContents}</span>
          <span className="chapter-nav-title">{t.contents}</span>
        </a>
      )}
      {next ? (
        <a className="chapter-nav-link next" href={`/${locale}/${next.slug}/`} rel="next">
          <span className="chapter-nav-direction">
            {t.next} →
          </span>
          <span className="chapter-nav-title">
            {t.chapterLabel(next.order)} · {next.title}
          </span>
        </a>
      ) : (
        <a className="chapter-nav-link next" href={`/${locale}/`}>
          <span className="chapter-nav-direction">{t.backToContents} →</span>
          <span className="chapter-nav-title">{t.contents}</span>
        </a>
      )}
    </nav>
  );
}
