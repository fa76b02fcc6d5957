// The transformer and training chapters' small widgets in Debian's Chromium against the
// production build (out/): each renders real content a reader would check, with no console
// errors — ZeRO bars with the paper's numbers, tokenizer counts that follow the text and the
// merge step, positional heatmaps painted with the formula's values.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OUT_DIR } from './support/server';
import { watchPage, type PageProblems, siteInBrowser } from './support/site';


const env = siteInBrowser();

/** A chapter page scrolled to a widget (its code loads near the viewport), with a problem watcher. */
async function openWidget(pathname: string, selector: string, query = ''): Promise<{ page: Page; problems: PageProblems }> {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(`${env.site.url}${pathname}${query ? `?${query}` : ''}`);
  // Widgets load near the viewport: visit each placeholder in turn until this one has loaded.
  for (let i = 0; (await page.locator(selector).count()) === 0; i++) {
    if (i > 200) throw new Error(`${selector} did not load on ${pathname}`);
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {}); // it may load (and go) meanwhile
    await page.waitForTimeout(300);
  }
  await page.locator(selector).scrollIntoViewIfNeeded();
  return { page, problems };
}

const noProblems = (p: PageProblems) => expect([...p.consoleErrors, ...p.pageErrors, ...p.failedRequests]).toEqual([]);

describe('ZeroMemoryCalculator (chapter 4)', () => {
  it('shows the ZeRO paper’s 7.5B-on-64-GPUs numbers and 1.9 GB per GPU at ZeRO-3', async () => {
    const { page, problems } = await openWidget('/en/training/', '.zm');
    await page.getByRole('button', { name: '7.5B on 64 GPUs (ZeRO paper)' }).click();
    const totals = await page.locator('.zm .sb-total').allTextContents();
    expect(totals).toEqual(['120 GB', '31.4 GB', '16.6 GB', '1.9 GB']);
    expect(await page.getByTestId('zero-headline').textContent()).toContain('1.9 GB per GPU — fits in 16 GB');
    // A layout that cannot exist: the message stands beside the GPU count, the chart gives way.
    const gpuField = page.locator('.zm-controls .ui-number').first();
    await gpuField.fill('60');
    await gpuField.press('Enter');
    await page.getByLabel('Tensor (t)').first().fill('8');
    await page.getByLabel('Tensor (t)').first().press('Enter');
    await expect.poll(() => page.locator('.zm .ui-issue').first().textContent()).toContain('60 GPUs cannot be split');
    expect(await page.locator('.zm-svg').count()).toBe(0);
    // The URL carries the state.
    await expect.poll(() => page.url()).toContain('w.zero.gpus=60');
    noProblems(problems);
    await page.close();
  }, 120_000);
});

describe('TokenizerPlayground (chapter 3)', () => {
  it('counts tokens for the reader’s text and steps BPE merge by merge', async () => {
    const { page, problems } = await openWidget('/en/transformer/', '.tp');
    await page.waitForSelector('.tp[data-bpe-status="done"]', { timeout: 60_000 });
    const count = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-count'));
    const text = page.locator('#tp-text');
    await text.fill('the cat sat on the mat');
    await expect.poll(() => count('char-tokens')).toBe(22);
    const bpeTrained = await count('bpe-tokens');
    expect(bpeTrained).toBeLessThan(22); // 500 merges from Shakespeare join common English pieces
    await text.fill('the cat sat on the mat, and the dog sat on the log');
    await expect.poll(() => count('char-tokens')).toBe(50);
    expect(await count('bpe-tokens')).toBeGreaterThan(bpeTrained);
    // Merge 0: every token is one byte; stepping forward one merge never adds tokens.
    const step = page.getByLabel('Show after merge').first();
    await step.fill('0');
    await step.press('Enter');
    await expect.poll(() => count('bpe-tokens')).toBe(50);
    await page.getByRole('button', { name: 'Next merge' }).click();
    await expect.poll(() => page.getByTestId('merge-line').textContent()).toMatch(/^Merge 1: /);
    expect(await count('bpe-tokens')).toBeLessThanOrEqual(50);
    // Chinese: 3 bytes a character at merge 0, one character a token for the char tokenizer.
    await text.fill('春眠不覺曉');
    await expect.poll(() => count('char-tokens')).toBe(5);
    await step.fill('0');
    await step.press('Enter');
    await expect.poll(() => count('bpe-tokens')).toBe(15);
    noProblems(problems);
    await page.close();
  }, 120_000);
});

describe('PositionalEncoding (chapter 3)', () => {
  it('paints the sinusoid heatmap with the formula’s values and the learned positions when shipped', async () => {
    const { page, problems } = await openWidget('/en/transformer/', '.pe');
    await page.waitForSelector('[data-testid="sinusoid-encoding"] canvas[data-painted="true"]');
    // Pixel (pos 0, dim 0) is sin 0 = 0 → the neutral middle; (pos 0, dim 1) is cos 0 = 1 → full red.
    const pixels = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid="sinusoid-encoding"] canvas.ui-heatmap-canvas') as HTMLCanvasElement;
      const ctx = canvas.getContext('2d')!;
      return { size: [canvas.width, canvas.height], zero: Array.from(ctx.getImageData(0, 0, 1, 1).data), one: Array.from(ctx.getImageData(1, 0, 1, 1).data) };
    });
    expect(pixels.size).toEqual([128, 64]);
    expect(pixels.zero.slice(0, 3)).toEqual([255, 255, 255]);
    expect(pixels.one.slice(0, 3)).toEqual([178, 24, 43]);
    // Hover reads the value under the pointer.
    const box = (await page.locator('[data-testid="sinusoid-similarity"] canvas.ui-heatmap-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    await expect.poll(() => page.locator('[data-testid="sinusoid-similarity"] .ui-heatmap-readout').textContent()).toMatch(/positions 32 and 32: cos 1\.000/);
    const shipped = existsSync(path.join(OUT_DIR, 'checkpoints', 'en-shakespeare', 'model.json'));
    if (shipped) {
      await page.waitForSelector('[data-testid="learned-similarity"] canvas[data-painted="true"]', { timeout: 30_000 });
    } else {
      await expect.poll(() => page.locator('.pe-message').textContent()).toContain('ships no checkpoint');
    }
    console.log(`PositionalEncoding learned view: ${shipped ? 'painted from out/checkpoints/en-shakespeare' : 'no checkpoint in this build (message shown)'}`);
    noProblems(problems);
    await page.close();
  }, 120_000);
});

describe('AttentionMap (chapter 3)', () => {
  it('draws every layer × head as softmax rows (each sums to 1) with the future masked', async () => {
    const modelJson = path.join(OUT_DIR, 'checkpoints', 'en-shakespeare', 'model.json');
    const { page, problems } = await openWidget('/en/transformer/', '.am');
    if (!existsSync(modelJson)) {
      await expect.poll(() => page.locator('.am-message').textContent()).toContain('ships no checkpoint');
      console.log('AttentionMap: no checkpoint in this build (message shown)');
    } else {
      const { config } = JSON.parse(readFileSync(modelJson, 'utf8')) as { config: { nLayer: number; nHead: number } };
      await page.waitForSelector('.am[data-status="ready"]', { timeout: 90_000 });
      expect(await page.locator('.am-mini').count()).toBe(config.nLayer * config.nHead);
      await page.locator('#am-text').fill('to be or not to be');
      await expect.poll(() => page.locator('.am-token').count(), { timeout: 30_000 }).toBe(18);
      const [lo, hi] = ((await page.locator('.am').getAttribute('data-row-sums')) ?? '').split(',').map(Number);
      expect(lo).toBeGreaterThan(0.999);
      expect(hi).toBeLessThan(1.001);
      // Above the diagonal (query 0 looking at key 5) is the mask's grey, not a weight colour.
      const masked = await page.evaluate(() => {
        const canvas = document.querySelector('[data-testid="attention-big"] canvas.ui-heatmap-canvas') as HTMLCanvasElement;
        return Array.from(canvas.getContext('2d')!.getImageData(5, 0, 1, 1).data.slice(0, 3));
      });
      expect(masked).toEqual([214, 218, 225]);
      // Hovering a cell reads its probability.
      const box = (await page.locator('[data-testid="attention-big"] canvas.ui-heatmap-canvas').boundingBox())!;
      await page.mouse.move(box.x + box.width * (0.5 / 18), box.y + box.height * (0.5 / 18));
      await expect.poll(() => page.locator('[data-testid="attention-big"] .ui-heatmap-readout').textContent()).toBe('“t” → “t”: 100.0 %');
      // The reader's own model (the files TrainingLab's "Save model" writes): here the shipped
      // Tang model's pair, which has 3 layers where the Shakespeare one has 4.
      const zhDir = path.join(OUT_DIR, 'checkpoints', 'zh-tang-poetry');
      const zh = JSON.parse(readFileSync(path.join(zhDir, 'model.json'), 'utf8')) as { config: { nLayer: number; nHead: number } };
      await page.locator('[data-testid="attention-load-model"]').setInputFiles([path.join(zhDir, 'model.json'), path.join(zhDir, 'weights.bin')]);
      await expect.poll(() => page.locator('.am-mini').count(), { timeout: 60_000 }).toBe(zh.config.nLayer * zh.config.nHead);
      expect(await page.locator('.am').getByLabel('Model', { exact: true }).locator('option:checked').textContent()).toBe('Your model (987k, 3 × 4)');
      // A file that is not a checkpoint is refused beside the picker, and the maps stay.
      await page.locator('[data-testid="attention-load-model"]').setInputFiles([
        { name: 'model.json', mimeType: 'application/json', buffer: Buffer.from('{"not":"a checkpoint"}') },
        { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(16) },
      ]);
      await expect.poll(() => page.locator('.am-load .ui-issue').textContent(), { timeout: 30_000 }).toMatch(/That model could not be loaded: /);
      expect(await page.locator('.am-mini').count()).toBe(zh.config.nLayer * zh.config.nHead);
    }
    noProblems(problems);
    await page.close();
  }, 150_000);
});
