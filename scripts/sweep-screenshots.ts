// Screenshots of LiveScalingSweep for docs/screenshots/ and for looking at the design: the English
// chapter after a finished tiny sweep (WASM), light and dark (the theme switched in place, so one
// run serves both); the Chinese chapter on the Tang poems mid-sweep, light and dark; presenter mode
// at 1920×1080 mid-sweep. Usage: npm run build && npx tsx scripts/sweep-screenshots.ts [en|zh|present]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');

async function openChapter(page: Page, url: string) {
  await page.goto(url);
  const placeholder = page.locator('.wf-placeholder', { has: page.locator('strong', { hasText: /Live scaling sweep|现场缩放实验/ }) });
  await placeholder.waitFor();
  await placeholder.scrollIntoViewIfNeeded();
  await page.waitForSelector('.lss[data-status="idle"][data-params="url"]', { timeout: 180_000 });
}

async function runUntil(page: Page, finished: number, button: RegExp) {
  await page.getByRole('button', { name: button }).click();
  await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid=val-loss]')].filter((c) => /^\d/.test(c.textContent ?? '')).length >= n || document.querySelector('.lss')?.getAttribute('data-status') === 'error', finished, { timeout: 900_000 });
}

async function shoot(page: Page, file: string, theme: 'light' | 'dark', selector = '.lss') {
  await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.locator(selector).screenshot({ path: path.join(outDir, file) });
  console.log(`saved ${file}`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const only = process.argv[2];
  const want = (part: string) => !only || only === part;
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 1000 } });
  try {
    if (want('en')) {
      const en = await browser.context.newPage();
      await openChapter(en, `${site.url}/en/scale/?w.sweep.length=tiny&w.sweep.backend=wasm`);
      await runUntil(en, 5, /Run sweep/);
      await en.waitForSelector('.lss[data-status="done"]');
      for (const theme of ['light', 'dark'] as const) await shoot(en, `scaling-sweep-en-${theme}.png`, theme);
      await en.close();
    }

    if (want('zh')) {
      const zh = await browser.context.newPage();
      await openChapter(zh, `${site.url}/zh/scale/?w.sweep.length=tiny&w.sweep.backend=wasm`);
      await runUntil(zh, 2, /开始实验/);
      await zh.getByRole('button', { name: '暂停' }).click();
      await zh.waitForSelector('.lss[data-status="paused"]');
      for (const theme of ['light', 'dark'] as const) await shoot(zh, `scaling-sweep-zh-${theme}.png`, theme);
      await zh.close();
    }

    if (want('present')) {
      const present = await browser.context.newPage();
      await present.setViewportSize({ width: 1920, height: 1080 });
      await present.goto(`${site.url}/en/present/scaling-sweep/?w.sweep.length=tiny&w.sweep.backend=wasm`);
      await present.waitForSelector('.lss[data-status="idle"]', { timeout: 180_000 });
      await present.keyboard.press(' ');
      await present.waitForFunction(() => [...document.querySelectorAll('[data-testid=val-loss]')].filter((c) => /^\d/.test(c.textContent ?? '')).length >= 3, undefined, { timeout: 900_000 });
      await present.keyboard.press(' '); // pause: the picture holds still
      await present.waitForSelector('.lss[data-status="paused"]');
      await present.evaluate(() => (document.documentElement.dataset.theme = 'light'));
      await present.screenshot({ path: path.join(outDir, 'scaling-sweep-present-en-light.png') });
      console.log('saved scaling-sweep-present-en-light.png');
      await present.close();
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
