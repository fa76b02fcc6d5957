// Presenter-mode screenshots of chapter 7's labs (SamplingLab, QuantizationLab, KVCacheRace) at a
// projector's 1920×1080, light and dark, en and zh, into docs/screenshots/<widget>-present-<locale>-<theme>.png,
// after each lab has content (a two-lane generation, the three-variant table, a finished race).
// Prints, per page, the document's scroll height against the window's: a class sees the whole lab
// only when it is ≤ 1080. Usage: BOOK_TEST_FIXTURES=1 npm run build && npx tsx scripts/inference-present-screenshots.ts [name] [--full]
import type { Page } from 'playwright-core';
import { openPage, PROJECTOR_VIEWPORT, shootScreen, withBook } from './lib/screenshot-kit';

interface PresentShot {
  name: string;
  slug: string;
  query: string;
  /** Wait until the lab has what the class should see. */
  act(page: Page): Promise<void>;
}

export const PRESENT_SHOTS: PresentShot[] = [
  {
    name: 'sampling-lab',
    slug: 'sampling',
    // Two lanes (A: top-p 0.9, B: top-k 5, the default) for 60 tokens.
    query: 'w.sampling.topP=0.9&w.sampling.compare=true&w.sampling.tokens=60',
    async act(page) {
      await page.waitForSelector('.sl[data-params="url"][data-kept-count][data-status="ready"]', { timeout: 120_000 });
      await page.locator('.sl button.ui-button-primary').click();
      await page.waitForSelector('.sl[data-status="ready"] .sl-lane[data-lane="1"][data-count="60"]', { timeout: 180_000 });
    },
  },
  {
    name: 'quantization-lab',
    slug: 'quantization',
    query: 'w.quantization.evalTokens=2048',
    async act(page) {
      await page.waitForSelector('.ql[data-params="url"][data-status="ready"][data-results="3"]', { timeout: 240_000 });
    },
  },
  {
    name: 'kv-cache-race',
    slug: 'kv-cache',
    query: 'w.kvrace.backend=wasm&w.kvrace.tokens=90',
    async act(page) {
      await page.waitForSelector('.kvr[data-params="url"][data-status="idle"]', { timeout: 120_000 });
      await page.locator('.kvr-actions button').first().click();
      await page.waitForSelector('.kvr[data-status="done"]', { timeout: 300_000 });
    },
  },
];

/** The document's scroll height and the window's height (the projector test's numbers). */
export const pageFit = (page: Page) =>
  page.evaluate(() => ({
    scrollHeight: document.scrollingElement!.scrollHeight,
    innerHeight: window.innerHeight,
    // Columns that scroll on their own as a last resort: what they would hide (px), where it is not 0.
    hidden: ['.sl-output', '.ql-left', '.ql-right', '.kvr-results']
      .map((sel) => [sel, document.querySelector(sel)] as const)
      .filter(([, el]) => el && el.scrollHeight > el.clientHeight + 1)
      .map(([sel, el]) => `${sel} +${el!.scrollHeight - el!.clientHeight}px`),
  }));

async function main() {
  const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
  // --full: the whole page too (below the fold), as <name>-present-<locale>-<theme>-full.png, to see what scrolls.
  const full = process.argv.includes('--full');
  await withBook(async (book) => {
    for (const w of PRESENT_SHOTS) {
      if (only && !w.name.includes(only)) continue;
      for (const locale of ['en', 'zh'] as const) {
        for (const theme of ['light', 'dark'] as const) {
          const page = await openPage(book, `/${locale}/present/${w.slug}/?${w.query}`, theme, PROJECTOR_VIEWPORT);
          await w.act(page);
          const file = `${w.name}-present-${locale}-${theme}`;
          await shootScreen(page, `${file}.png`);
          if (full) await shootScreen(page, `${file}-full.png`, true);
          const fit = await pageFit(page);
          console.log(`${file}: scrollHeight ${fit.scrollHeight} / innerHeight ${fit.innerHeight}${fit.scrollHeight > fit.innerHeight ? ' — SCROLLS' : ''}${fit.hidden.length ? ` — column overflows: ${fit.hidden.join(', ')}` : ''}`);
          await page.close();
        }
      }
    }
  }, PROJECTOR_VIEWPORT);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
