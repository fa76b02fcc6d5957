// Screenshots of TrainingLab after a short real run, for docs/screenshots/ and for looking at
// the design: in the chapter (1280×900) and in presenter mode (1920×1080), light and dark, zh
// and en. Usage: npm run build && npx tsx scripts/lab-screenshots.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');
// Small enough to train 60 WASM steps in ≈10–30 s on two shared cores, big enough to learn visibly.
const RUN = 'w.training.layers=2&w.training.dModel=48&w.training.context=32&w.training.batch=16&w.training.lr=0.01&w.training.warmup=5&w.training.steps=60&w.training.sampleEvery=20&w.training.backend=wasm';

async function trainHere(page: Page) {
  await page.waitForFunction(() => document.querySelector('.tl')?.getAttribute('data-status') === 'idle', null, { timeout: 120_000 });
  await page.locator('.tl-actions .ui-button-primary').click();
  await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('.tl')?.getAttribute('data-status') ?? ''), null, { timeout: 300_000 });
  await page.mouse.move(0, 0);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
  try {
    for (const locale of ['en', 'zh'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const page = await browser.context.newPage();
        await page.goto(`${site.url}/${locale}/`);
        await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
        await page.goto(`${site.url}/${locale}/training/?${RUN}`);
        await page.locator('.tl-placeholder').scrollIntoViewIfNeeded();
        await page.waitForSelector('.tl');
        await trainHere(page);
        await page.locator('.tl').screenshot({ path: path.join(outDir, `training-lab-${locale}-${theme}.png`) });
        await page.setViewportSize({ width: 1920, height: 1080 });
        const href = await page.locator('.tl-header a.ui-button').getAttribute('href');
        await page.goto(`${site.url}${href}`);
        await page.waitForSelector('.tl-presenter');
        await trainHere(page);
        await page.screenshot({ path: path.join(outDir, `training-lab-present-${locale}-${theme}.png`) });
        console.log(`saved training-lab(-present)-${locale}-${theme}.png`);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
