// Saves PNGs of the built book for the README and for looking at the design:
// the contents page and the first chapter in both languages, light and dark, 1280×800.
// Usage: npm run build && npx tsx scripts/screenshots.ts [chapter-slug]
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');
const firstChapter = () => {
  const file = readdirSync(path.join(REPO_ROOT, 'out', 'en'), { withFileTypes: true }).find((d) => d.isDirectory());
  if (!file) throw new Error('The build has no chapter pages.');
  return file.name;
};

async function main() {
  const slug = process.argv[2] ?? firstChapter();
  const extra = process.argv[3]; // optional: a URL hash to scroll to
  mkdirSync(outDir, { recursive: true });
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await browser.context.newPage();
    for (const locale of ['zh', 'en'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await page.goto(`${site.url}/${locale}/`);
        await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
        for (const [name, url] of [
          ['contents', `/${locale}/`],
          ['chapter', `/${locale}/${slug}/${extra ? `#${extra}` : ''}`],
        ] as const) {
          await page.goto(`${site.url}${url}`, { waitUntil: 'networkidle' });
          await page.waitForFunction(() => [...document.querySelectorAll('.mermaid')].every((m) => m.getAttribute('data-mermaid-state') !== 'pending' || m.getBoundingClientRect().top > innerHeight + 600));
          await page.waitForTimeout(300);
          const file = path.join(outDir, `${name}-${locale}-${theme}.png`);
          await page.screenshot({ path: file });
          console.log(file);
        }
      }
    }
  } finally {
    await browser.close();
    await site.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
