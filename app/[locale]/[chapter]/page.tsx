import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ChapterPage } from '@/components/site/ChapterPage';
import { ContentErrorNotice } from '@/components/site/ContentErrorNotice';
import { KNOWN_COMPONENTS } from '@/components/mdx/registry';
import { chapterParamsFromFileNames, compileChapter, ContentError, ContentErrors, loadBook, neighbours } from '@/lib/content';
import { LOCALES, isLocale } from '@/lib/content/types';
import 'katex/dist/katex.min.css';

type Params = Promise<{ locale: string; chapter: string }>;

export const dynamicParams = false;

// In `npm run dev` a front-matter or MDX mistake is shown on the page (file:line) and the next
// good save brings the chapter back (docs/content-pipeline.md). `next build` still fails on it.
const showContentErrors = process.env.NODE_ENV === 'development';
const isContentError = (error: unknown): error is Error => error instanceof ContentError || error instanceof ContentErrors;

export function generateStaticParams() {
  try {
    const book = loadBook();
    return LOCALES.flatMap((locale) => book.chapters[locale].map((c) => ({ locale, chapter: c.slug })));
  } catch (error) {
    if (showContentErrors && isContentError(error)) return chapterParamsFromFileNames();
    throw error;
  }
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
  try {
    const { meta } = findChapter(locale, chapter);
    return { title: meta.title, description: meta.summary };
  } catch (error) {
    if (showContentErrors && isContentError(error)) return { title: 'Content error' };
    throw error;
  }
}

async function renderChapter(localeParam: string, chapter: string) {
  const { book, meta, locale } = findChapter(localeParam, chapter);
  const compiled = await compileChapter(meta, { knownComponents: KNOWN_COMPONENTS });
  return <ChapterPage compiled={compiled} {...neighbours(book, locale, meta.slug)} />;
}

export default async function Chapter({ params }: { params: Params }) {
  const { locale, chapter } = await params;
  if (!showContentErrors) return renderChapter(locale, chapter);
  try {
    return await renderChapter(locale, chapter);
  } catch (error) {
    if (!isContentError(error)) throw error;
    console.error(error.message); // the terminal shows it too
    return <ContentErrorNotice locale={isLocale(locale) ? locale : 'en'} message={error.message} />;
  }
}
