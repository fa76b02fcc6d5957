// The site theme lives in <html data-theme>; an inline script sets it before first paint
// (THEME_SCRIPT) and the toggle changes it. Components subscribe with useSiteTheme().
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'book-theme';

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const current = (): Theme => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

/** The theme now; 'light' during the server render. */
export function useSiteTheme(): Theme {
  return useSyncExternalStore(subscribe, current, () => 'light');
}

export function setSiteTheme(theme: Theme) {
  document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage may be disabled (private mode): the theme still applies to this page.
  }
}
