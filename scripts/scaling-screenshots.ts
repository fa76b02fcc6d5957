// Screenshots of chapter 2's calculators (ScalingCalculator, EmergencePlot) in the chapter, en/zh ×
// light/dark, and in presenter mode at 1920×1080, for docs/screenshots/ and for looking at them.
// Usage: npm run build && npx tsx scripts/scaling-screenshots.ts [name-filter]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');
const WIDGETS = [
  // GPT-3's budget: the chapter's question.
  { name: 'scaling-calculator', slug: 'scaling-calculator', selector: '.sc', query: 'w.scaling.flops=3.15e23' },
  { name: 'emergence-plot', slug: 'emergence', selector: '.ep', query: '' },
  { name: 'emergence-plot-edit', slug: 'emergence', selector: '.ep', query: 'w.emergence.metric=edit&w.emergence.task=arith-3d-add' },
];

async function reach(page: Page, selector: string) {
  for (let i = 0; (await page.locator(`${selector}[data-params="url"]`).count()) === 0; i++) {
    if (i > 300) throw new Error(`${selector} did not load`);
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  // Top of the widget just under the site's sticky header (a viewport taller than the widget
  // means the element screenshot does not scroll it back under the header).
  await page.evaluate((sel) => window.scrollBy(0, document.querySelector(sel)!.getBoundingClientRect().top - 90), selector);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const only = process.argv[2];
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 1900 } });
  try {
    for (const w of WIDGETS) {
      if (only && !w.name.includes(only)) continue;
      for (const locale of ['en', 'zh'] as const) {
        for (const theme of ['light', 'dark'] as const) {
          const page = await browser.context.newPage();
          page.on('console', (m) => m.type() === 'error' && console.error(`console error (${w.name}): ${m.text()}`));
          await page.goto(`${site.url}/${locale}/`);
          await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
          await page.goto(`${site.url}/${locale}/scale/${w.query ? `?${w.query}` : ''}`);
          await reach(page, w.selector);
          const file = `${w.name}-${locale}-${theme}.png`;
          await page.locator(w.selector).screenshot({ path: path.join(outDir, file) });
          console.log(`saved ${file}`);
          await page.close();
        }
      }
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${site.url}/en/`);
      await page.evaluate(() => localStorage.setItem('book-theme', 'light'));
      await page.goto(`${site.url}/en/present/${w.slug}/${w.query ? `?${w.query}` : ''}`);
      await page.waitForSelector(`${w.selector}[data-params="url"]`, { timeout: 60_000 });
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(outDir, `${w.name}-present-en-light.png`) });
      console.log(`saved ${w.name}-present-en-light.png`);
      await page.close();
    }
  } finally {
    await browser.close();
    await site.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
