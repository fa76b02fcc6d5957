import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Document } from '@/components/site/Document';
import { HTML_LANG, STRINGS } from '@/components/site/strings';
import { LOCALES, isLocale } from '@/lib/content/types';
import '@/styles/globals.css';

export const dynamicParams = false;

export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = STRINGS[isLocale(locale) ? locale : 'zh'];
  return { title: { default: t.bookTitle, template: `%s · ${t.bookTitle}` }, description: t.bookSubtitle };
}

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  // `npm run dev` refreshes the page when a chapter is saved (scripts/dev.ts). Imported here, in a
  // branch that is dead at build time, so `next build` drops the module: a static import left an
  // empty client chunk in every page's first-load scripts.
  const DevContentReload =
    process.env.NODE_ENV === 'development' && process.env.BOOK_CONTENT_EVENTS_PORT
      ? (await import('@/components/site/DevContentReload')).DevContentReload
      : null;
  return (
    <Document lang={HTML_LANG[isLocale(locale) ? locale : 'zh']}>
      {children}
      {DevContentReload ? <DevContentReload port={Number(process.env.BOOK_CONTENT_EVENTS_PORT)} /> : null}
    </Document>
  );
}
