// `npm run dev` only: a chapter whose front matter or MDX does not compile shows its problems
// here, one `file:line: problem` a line, instead of the page (app/[locale]/[chapter]/page.tsx).
// The next good save refreshes the page back to the chapter; `next build` fails on the same error.
import type { Locale } from '@/lib/content/types';

const TEXT: Record<Locale, { title: string; hint: string }> = {
  zh: { title: '这一章无法编译', hint: '改正后保存，页面会自动刷新。' },
  en: { title: 'This chapter does not compile', hint: 'Fix it and save: the page refreshes by itself.' },
};

export function ContentErrorNotice({ locale, message }: { locale: Locale; message: string }) {
  const t = TEXT[locale];
  return (
    <main id="main" className="content-error" role="alert" style={{ maxWidth: '60rem', margin: '2rem auto', padding: '0 1rem' }}>
      <h1>{t.title}</h1>
      <pre style={{ whiteSpace: 'pre-wrap', padding: '1rem', border: '2px solid #b91c1c', borderRadius: 6 }}>{message}</pre>
      <p>{t.hint}</p>
    </main>
  );
}
