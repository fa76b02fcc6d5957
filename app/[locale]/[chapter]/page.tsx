import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChapterPage } from '@/components/site/ChapterPage';
import { KNOWN_COMPONENTS } from '@/components/mdx/registry';
import { compileChapter, loadBook, neighbours } from '@/lib/content';
import { LOCALES, isLocale } from '@/lib/content/types';
import 'katex/dist/katex.min.css';

type Params = Promise<{ locale: string; chapter: string }>;

export const dynamicParams = false;

export function generateStaticParams() {
  const book = loadBook();
  return LOCALES.flatMap((locale) => book.chapters[locale].map((c) => ({ locale, chapter: c.slug })));
}

function findChapter(locale: string, slug: string) {
  if (!isLocale(locale)) notFound();
  const book = loadBook();
  const meta = book.chapters[locale].find((c) => c.slug === slug);
  if (!meta) notFound();
  return { book, meta, locale };
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale, chapter } = await params;
  const { meta } = findChapter(locale, chapter);
  return { title: meta.title, description: meta.summary };
}

export default async function Chapter({ params }: { params: Params }) {
  const { locale: localeParam, chapter } = await params;
  const { book, meta, locale } = findChapter(localeParam, chapter);
  const compiled = await compileChapter(meta, { knownComponents: KNOWN_COMPONENTS });
  return <ChapterPage compiled={compiled} {...neighbours(book, locale, meta.slug)} />;
}
