// Saves PNGs of the built book for the README and for looking at the design:
// the contents page and the first chapter in both languages, light and dark, 1280×800.
// Usage: npm run build && npx tsx scripts/screenshots.ts [chapter-slug] [heading-id]
// (Widgets: scripts/widget-screenshots.ts.)
import path from 'node:path';
import { loadBook } from '../lib/content/chapters'; // not ../lib/content: its index is server-only
import { REPO_ROOT } from '../tests/e2e/support/server';
import { openPage, shootScreen, withBook } from './lib/screenshot-kit';

const PAGE_VIEWPORT = { width: 1280, height: 800 };
const firstChapter = () => loadBook([path.join(REPO_ROOT, 'content')], REPO_ROOT).chapters.en[0].slug;

async function main() {
  const slug = process.argv[2] ?? firstChapter();
  const heading = process.argv[3]; // optional: a heading id to scroll to
  await withBook(async (book) => {
    for (const locale of ['zh', 'en'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        for (const [name, url] of [
          ['contents', `/${locale}/`],
          ['chapter', `/${locale}/${slug}/${heading ? `#${heading}` : ''}`],
        ] as const) {
          const page = await openPage(book, url, theme, PAGE_VIEWPORT);
          await page.waitForLoadState('networkidle');
          // Scroll to the heading before judging which diagrams are in view: content above it (lazy
          // widgets, diagrams) still changes height after load, so scroll until the heading stays put.
          if (heading && name === 'chapter') {
            let last = NaN;
            for (let i = 0; i < 20; i++) {
              const top = await page.evaluate((id) => {
                document.getElementById(id)?.scrollIntoView();
                return scrollY;
              }, heading);
              if (top === last) break;
              last = top;
              await page.waitForTimeout(500);
            }
          }
          // Diagrams in view have rendered (those far below may stay pending: they render lazily).
          await page.waitForFunction(() => [...document.querySelectorAll('.mermaid')].every((m) => m.getAttribute('data-mermaid-state') !== 'pending' || m.getBoundingClientRect().top > innerHeight + 600));
          await shootScreen(page, `${name}-${locale}-${theme}.png`);
          await page.close();
        }
      }
    }
  }, PAGE_VIEWPORT);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
