'use client';
import type { Locale } from '@/lib/content/types';
import { rememberLocale } from './locale-choice';

/** A plain link to the same page in the other language that also remembers the choice. */
export function LanguageSwitch({ target, href, name, label }: { target: Locale; href: string; name: string; label: string }) {
  return (
    <a className="language-switch" href={href} hrefLang={target === 'zh' ? 'zh-CN' : 'en'} lang={target === 'zh' ? 'zh-CN' : 'en'} aria-label={label} title={label} onClick={() => rememberLocale(target)}>
      {name}
    </a>
  );
}
