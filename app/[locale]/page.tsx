import { notFound } from 'next/navigation';
import { BookToc } from '@/components/site/BookToc';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SiteHeader } from '@/components/site/SiteHeader';
import { STRINGS } from '@/components/site/strings';
import { loadBook } from '@/lib/content';
import { isLocale } from '@/lib/content/types';

export default async function ContentsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
  const t = STRINGS[locale];
  const book = loadBook();
  return (
    <>
      <SiteHeader locale={locale} path="" />
      <main id="main" className="contents-page">
        <header className="contents-header">
          <h1>{t.bookTitle}</h1>
          <p className="contents-subtitle">{t.bookSubtitle}</p>
          <p className="contents-intro">{t.bookIntro}</p>
        </header>
        <h2 className="contents-heading">{t.contents}</h2>
        <BookToc locale={locale} chapters={book.chapters[locale]} />
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
