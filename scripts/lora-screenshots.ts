// Screenshots of LoRALab after a short real run (WASM): chapter 5 in en/zh × light/dark, and
// presenter mode at 1920×1080 — docs/screenshots/lora-lab-*.png.
// Usage: npm run build && npx tsx scripts/lora-screenshots.ts [en|zh|present]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');
const QUERY = 'w.lora.backend=wasm&w.lora.steps=16&w.lora.batch=4&w.lora.lr=0.02&w.lora.fullLr=0.002&w.lora.warmup=2&w.lora.sampleTokens=120';

async function trainAndWait(page: Page) {
  await page.waitForSelector('.ll[data-params="url"]', { timeout: 120_000 });
  await page.waitForSelector('.ll[data-status="idle"]', { timeout: 240_000 });
  await page.locator('.ll .ui-button-primary').first().click();
  await page.waitForSelector('.ll[data-status="training"]');
  await page.waitForSelector('.ll[data-status="idle"]', { timeout: 600_000 });
  await page.waitForSelector('[data-testid=lora-singular-values]', { timeout: 60_000 });
  await page.waitForSelector('.ll[data-status="idle"]');
  await page.waitForTimeout(500);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const only = process.argv[2];
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 1000 } });
  try {
    for (const locale of ['en', 'zh'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        if (only && only !== locale) continue;
        const page = await browser.context.newPage();
        page.on('console', (m) => m.type() === 'error' && console.error(`console error: ${m.text()}`));
        await page.goto(`${site.url}/${locale}/`);
        await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
        await page.goto(`${site.url}/${locale}/peft/?${QUERY}`);
        await page.locator('.wf-placeholder').first().scrollIntoViewIfNeeded();
        for (let i = 0; (await page.locator('.ll').count()) === 0 && i < 100; i++) {
          await page.locator('.wf-placeholder').last().scrollIntoViewIfNeeded().catch(() => {});
          await page.waitForTimeout(300);
        }
        await trainAndWait(page);
        await page.locator('.ll').scrollIntoViewIfNeeded();
        await page.mouse.move(0, 0);
        const file = `lora-lab-${locale}-${theme}.png`;
        await page.locator('.ll').screenshot({ path: path.join(outDir, file) });
        console.log(`saved ${file}`);
        await page.close();
      }
    }
    if (!only || only === 'present') {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${site.url}/en/`);
      await page.evaluate(() => localStorage.setItem('book-theme', 'light'));
      await page.goto(`${site.url}/en/present/lora-lab/?${QUERY}`);
      await trainAndWait(page);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(outDir, 'lora-lab-present-en-light.png') });
      console.log('saved lora-lab-present-en-light.png');
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
