// Screenshots of chapter 6's labs (RLHFPipeline, SFTLab, DPOLab) in the chapter, en and zh, light
// and dark, and in presenter mode at 1920×1080, for docs/screenshots/. SFTLab and DPOLab are shot
// after a short real run (a few WASM steps), so the charts and before/after answers show.
// Usage: npm run build && npx tsx scripts/alignment-screenshots.ts [rlhf|sft|dpo] [--idle]   (--idle: no runs, the labs as they first paint)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite } from '../tests/e2e/support/server';

const outDir = path.join(REPO_ROOT, 'docs', 'screenshots');
const LABS = [
  { name: 'rlhf-pipeline', slug: 'rlhf-pipeline', selector: '.rp', query: 'w.rlhf.stage=ppo', run: null },
  { name: 'sft-lab', slug: 'sft-lab', selector: '.sft', query: 'w.sft.steps=12&w.sft.batch=4&w.sft.lr=0.003&w.sft.backend=wasm', run: 'Fine-tune|开始微调' },
  { name: 'dpo-lab', slug: 'dpo-lab', selector: '.dpo', query: 'w.dpo.steps=10&w.dpo.batch=2&w.dpo.lr=0.0005&w.dpo.backend=wasm', run: 'Run DPO|运行 DPO' },
];

async function reach(page: Page, selector: string) {
  for (let i = 0; (await page.locator(selector).count()) === 0; i++) {
    if (i > 400) throw new Error(`${selector} did not appear`);
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.waitForSelector(`${selector}[data-params="url"]`);
}

const idle = process.argv.includes('--idle');

async function prepare(page: Page, lab: (typeof LABS)[number]) {
  if (!lab.run) return;
  if (idle) {
    await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-status') === 'idle', lab.selector, { timeout: 180_000 });
    await page.waitForTimeout(1500); // the template view's engine reply
    return;
  }
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-status') === 'idle', lab.selector, { timeout: 180_000 });
  await page.locator(lab.selector).getByRole('button', { name: new RegExp(`^(${lab.run})`) }).click();
  await page.waitForFunction((s) => ['done', 'error'].includes(document.querySelector(s)?.getAttribute('data-status') ?? ''), lab.selector, { timeout: 900_000 });
  await page.locator(`${lab.selector} details`).first().evaluate((d) => ((d as HTMLDetailsElement).open = true)).catch(() => {});
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const labs = LABS.filter((l) => !only || l.name.includes(only));
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport: { width: 1280, height: 1000 } });
  try {
    for (const lab of labs) {
      for (const locale of ['en', 'zh'] as const) {
        for (const theme of ['light', 'dark'] as const) {
          const page = await browser.context.newPage();
          page.on('console', (m) => m.type() === 'error' && console.error(`console error (${lab.name}): ${m.text()}`));
          await page.goto(`${site.url}/${locale}/`);
          await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
          await page.goto(`${site.url}/${locale}/alignment/?${lab.query}`);
          await reach(page, lab.selector);
          // A real run in the light theme; the dark shot shows the lab before its run (the engine's template view, empty charts).
          if (theme === 'light') await prepare(page, lab);
          else if (lab.run) await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-status') === 'idle', lab.selector, { timeout: 180_000 });
          await page.locator(lab.selector).scrollIntoViewIfNeeded();
          await page.mouse.move(0, 0);
          await page.waitForTimeout(400);
          await page.locator(lab.selector).screenshot({ path: path.join(outDir, `${lab.name}-${locale}-${theme}.png`) });
          console.log(`saved ${lab.name}-${locale}-${theme}.png`);
          await page.close();
        }
      }
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${site.url}/en/`);
      await page.evaluate(() => localStorage.setItem('book-theme', 'light'));
      await page.goto(`${site.url}/en/present/${lab.slug}/?${lab.query}`);
      await page.waitForSelector(`${lab.selector}[data-params="url"]`, { timeout: 90_000 });
      await prepare(page, lab);
      await page.waitForTimeout(400);
      await page.screenshot({ path: path.join(outDir, `${lab.name}-present-en-light.png`) });
      console.log(`saved ${lab.name}-present-en-light.png`);
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
