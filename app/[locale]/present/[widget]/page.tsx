// Presenter mode: /{locale}/present/{widget}?w.<id>.<param>=… renders one widget full-screen,
// with no page chrome, for projecting in a classroom.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PresentWidget } from '@/components/widgets/present/PresentWidget';
import { PRESENTABLE_WIDGETS, type PresentableWidget } from '@/components/widgets/present/widgets';
import { LOCALES, isLocale } from '@/lib/content/types';

type Params = Promise<{ locale: string; widget: string }>;

export const dynamicParams = false;

export function generateStaticParams() {
  return LOCALES.flatMap((locale) => PRESENTABLE_WIDGETS.map((widget) => ({ locale, widget })));
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { locale } = await params;
  return { title: locale === 'zh' ? '演示模式' : 'Presenter mode', robots: { index: false } };
}

export default async function PresentPage({ params }: { params: Params }) {
  const { locale, widget } = await params;
  if (!isLocale(locale) || !(PRESENTABLE_WIDGETS as readonly string[]).includes(widget)) notFound();
  return <PresentWidget widget={widget as PresentableWidget} locale={locale} />;
}
