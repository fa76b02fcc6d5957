import type { Locale } from '@/lib/content/types';
import { LanguageSwitch } from './LanguageSwitch';
import { LANGUAGE_NAME, STRINGS } from './strings';
import { ThemeToggle } from './ThemeToggle';

/** The bar on every book page: skip link, book title, language switch (same page), theme toggle. */
export function SiteHeader({ locale, path }: { locale: Locale; path: string }) {
  const t = STRINGS[locale];
  const other: Locale = locale === 'zh' ? 'en' : 'zh';
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <div className="site-header-inner">
        <a className="brand" href={`/${locale}/`}>
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" className="brand-mark">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path d="M9 22V10h2.6v9.7H17V22Zm9.5 0V10h2.6v9.7h5.4V22Z" fill="var(--bg)" />
          </svg>
          <span>{t.bookTitle}</span>
        </a>
        <nav className="site-controls" aria-label={t.siteNav}>
          <a className="toc-link" href={`/${locale}/`}>
            {t.contents}
          </a>
          <LanguageSwitch target={other} href={`/${other}/${path}`} name={LANGUAGE_NAME[other]} label={t.switchLanguage} />
          <ThemeToggle label={t.themeToggle} />
        </nav>
      </div>
    </header>
  );
}
