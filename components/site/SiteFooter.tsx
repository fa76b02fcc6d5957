import type { Locale } from '@/lib/content/types';
import { STRINGS } from './strings';

export function SiteFooter({ locale }: { locale: Locale }) {
  const t = STRINGS[locale];
  return (
    <footer className="site-footer">
      <p>
        {t.bookTitle} · {t.bookSubtitle}
      </p>
    </footer>
  );
}
