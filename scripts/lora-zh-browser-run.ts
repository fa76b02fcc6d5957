// Times LoRALab's zh run in Chromium (production build in out/, WASM in the engine's worker) and
// reads the 七言 clause share line: the numbers the zh chapter's 动手试试 quotes (docs/lora-lab.md).
//
//   nice -n 15 npx tsx scripts/lora-zh-browser-run.ts [extra w.lora.* query, e.g. "w.lora.full=true"]
import { launchChromium } from '../tests/e2e/support/chromium';
import { startStaticSite } from '../tests/e2e/support/server';

const extra = process.argv[2] ? `&${process.argv[2]}` : '';
const site = await startStaticSite();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  const t0 = Date.now();
  await page.goto(`${site.url}/zh/peft/?w.lora.backend=wasm${extra}`);
  await page.locator('.wf-placeholder', { hasText: 'LoRA' }).scrollIntoViewIfNeeded();
  await page.waitForSelector('.ll[data-params="url"][data-status="idle"]', { timeout: 300_000 });
  const opened = Date.now();
  await page.locator('.ll .ll-actions .ui-button-primary').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=clause-share]')?.getAttribute('data-lora') !== '', undefined, { timeout: 590_000 });
  const done = Date.now();
  const line = page.locator('[data-testid=clause-share]');
  const losses = page.locator('[data-testid=lora-losses]');
  console.log(JSON.stringify({
    query: extra,
    openS: (opened - t0) / 1000,
    trainAndSampleS: (done - opened) / 1000,
    before: Number(await line.getAttribute('data-before')),
    lora: Number(await line.getAttribute('data-lora')),
    full: (await line.getAttribute('data-full')) || null,
    line: (await line.innerText()).replace(/\s+/g, ' '),
    valBefore: Number(await losses.getAttribute('data-val-before')),
    valNow: Number(await losses.getAttribute('data-val-now')),
    status: (await page.locator('.ll .ui-status, .ll footer').first().innerText()).replace(/\s+/g, ' '),
  }));
} finally {
  await browser.close();
  await site.stop();
}
