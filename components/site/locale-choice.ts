// Remembers the reader's language (localStorage for scripts, a cookie for anything server-side later).
import type { Locale } from '@/lib/content/types';

export function rememberLocale(locale: Locale) {
  try {
    localStorage.setItem('book-locale', locale);
  } catch {
    // Storage disabled: the cookie below still records the choice.
  }
  document.cookie = `book-locale=${locale}; path=/; max-age=31536000; SameSite=Lax`;
}
