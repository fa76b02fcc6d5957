// Screenshots of the transformer / training chapters' small widgets (ZeRO calculator, tokenizer,
// positional encodings, attention maps) in the chapter, light and dark, en and zh, for
// docs/screenshots/ and for looking at the design. Usage: npm run build && npx tsx scripts/widget-screenshots.ts
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');
const WIDGETS = [
  { name: 'zero-memory', slug: 'zero-memory', chapter: 'training', selector: '.zm', ready: '.zm-svg' },
  { name: 'tokenizer', slug: 'tokenizer', chapter: 'transformer', selector: '.tp', ready: '.tp[data-bpe-status="done"]' },
  { name: 'positional-encoding', slug: 'positions', chapter: 'transformer', selector: '.pe', ready: '[data-testid="sinusoid-similarity"] canvas[data-painted="true"]' },
  { name: 'attention-map', slug: 'attention', chapter: 'transformer', selector: '.am', ready: '.am[data-status="ready"], .am[data-status="missing"], .am[data-status="error"]' },
  // Two lanes (A: top-p 0.9, B: top-k 5) run for 60 tokens, one token's alternatives open.
  { name: 'sampling-lab', slug: 'sampling', chapter: 'inference', selector: '.sl', ready: '.sl[data-kept-count]', query: 'w.sampling.topP=0.9&w.sampling.compare=true&w.sampling.tokens=60', act: runSampling },
  { name: 'quantization-lab', slug: 'quantization', chapter: 'inference', selector: '.ql', ready: '.ql[data-status="ready"][data-results="3"]', query: 'w.quantization.evalTokens=2048' },
];

async function runSampling(page: Page) {
  await page.locator('.sl button.ui-button-primary').click();
  await page.waitForSelector('.sl[data-status="ready"] .sl-lane[data-lane="1"][data-count="60"]', { timeout: 120_000 });
  // In the chapter, open one token's alternatives (presenter mode keeps the one-screen view).
  if (!page.url().includes('/present/')) await page.locator('.sl-lane[data-lane="0"] .sl-tok').nth(12).click();
}

async function shoot(page: Page, w: (typeof WIDGETS)[number], file: string) {
  for (let i = 0; (await page.locator(w.ready).count()) === 0; i++) {
    if (i > 400) throw new Error(`${w.ready} did not appear`);
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {}); // it may load (and go) meanwhile
    else await page.locator(w.selector).scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
  }
  await page.locator(w.selector).scrollIntoViewIfNeeded();
  await page.waitForTimeout(400);
  if ('act' in w && w.act) await w.act(page);
  if (w.name === 'attention-map' && (await page.locator('.am-token').count()) > 5) await page.locator('.am-token').nth(5).hover();
  else await page.mouse.move(0, 0);
  await page.locator(w.selector).screenshot({ path: path.join(outDir, file) });
  console.log(`saved ${file}`);
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const only = process.argv[2];
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 1000 } });
  try {
    for (const locale of ['en', 'zh'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        for (const w of WIDGETS) {
          if (only && !w.name.includes(only)) continue;
          const page = await browser.context.newPage();
          page.on('console', (m) => m.type() === 'error' && console.error(`console error (${w.name}): ${m.text()}`));
          await page.goto(`${site.url}/${locale}/`);
          await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
          await page.goto(`${site.url}/${locale}/${w.chapter}/${'query' in w && w.query ? `?${w.query}` : ''}`);
          await shoot(page, w, `widget-${w.name}-${locale}-${theme}.png`);
          await page.close();
        }
      }
    }
    // Presenter mode (1920×1080), English, light: what a projector shows.
    for (const w of WIDGETS) {
      if (only && !w.name.includes(only)) continue;
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${site.url}/en/`);
      await page.evaluate(() => localStorage.setItem('book-theme', 'light'));
      await page.goto(`${site.url}/en/present/${w.slug}/${'query' in w && w.query ? `?${w.query}` : ''}`);
      await page.waitForSelector(w.ready, { timeout: 90_000 });
      if ('act' in w && w.act) await w.act(page);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(outDir, `widget-${w.name}-present-en-light.png`) });
      console.log(`saved widget-${w.name}-present-en-light.png`);
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
