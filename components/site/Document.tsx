import type { ReactNode } from 'react';
import { THEME_SCRIPT } from './inline-scripts';

/** <html> and <body> for both root layouts: language, theme set before first paint. */
export function Document({ lang, children }: { lang: string; children: ReactNode }) {
  return (
    // data-theme is set by THEME_SCRIPT before React hydrates, so the server value differs.
    <html lang={lang} suppressHydrationWarning>
      <body>
        {/* First in <body> and blocking: it runs before anything below is painted. */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
        {children}
      </body>
    </html>
  );
}
