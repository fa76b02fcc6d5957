'use client';
// The page's locale for a widget's labels: the [locale] route segment (en / zh).
import { useParams } from 'next/navigation';

export type UiLocale = 'en' | 'zh';

export function useLocale(): UiLocale {
  const params = useParams<{ locale?: string }>();
  return params?.locale === 'zh' ? 'zh' : 'en';
}
