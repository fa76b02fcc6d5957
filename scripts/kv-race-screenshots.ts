// Screenshots of KVCacheRace after a real race (WASM, the chapter's checkpoint): chapter 7 in
// en/zh × light/dark, and presenter mode at 1920×1080 (en, light).
// Usage: npm run build && npx tsx scripts/kv-race-screenshots.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');
const QUERY = 'w.kvrace.backend=wasm&w.kvrace.tokens=90';

async function race(page: Page) {
  await page.waitForSelector('.kvr[data-status="idle"]', { timeout: 120_000 });
  await page.locator('.kvr-actions button').first().click(); // Race (its label carries a key hint in presenter mode)
  await page.waitForSelector('.kvr[data-status="done"]', { timeout: 300_000 });
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 1000 } });
  try {
    for (const locale of ['en', 'zh'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        const page = await browser.context.newPage();
        page.on('console', (m) => m.type() === 'error' && console.error(`console error: ${m.text()}`));
        await page.goto(`${site.url}/${locale}/`);
        await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
        await page.goto(`${site.url}/${locale}/inference/?${QUERY}`);
        await page.locator('.wf-placeholder', { hasText: locale === 'en' ? 'KV cache race' : 'KV 缓存赛跑' }).scrollIntoViewIfNeeded();
        await page.waitForSelector('.kvr');
        await page.locator('.kvr').scrollIntoViewIfNeeded();
        await race(page);
        const file = `kv-cache-race-${locale}-${theme}.png`;
        await page.locator('.kvr').screenshot({ path: path.join(outDir, file) });
        console.log(`saved ${file}`);
        await page.close();
      }
    }
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${site.url}/en/`);
    await page.evaluate(() => localStorage.setItem('book-theme', 'light'));
    await page.goto(`${site.url}/en/present/kv-cache/?${QUERY}&w.kvrace.model=random-256&w.kvrace.tokens=200`);
    await race(page);
    await page.screenshot({ path: path.join(outDir, 'kv-cache-race-present-en-light.png') });
    console.log('saved kv-cache-race-present-en-light.png');
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
