// QuantizationLab in Debian's Chromium against the production build (chapter 7 in Chinese, the
// shipped zh-tang-poetry checkpoint, WASM in the engine's worker). Numbers are read from the page
// and compared with lib/ in Node on the same checkpoint and held-out text: the exact bytes of
// int8 per channel (≈ 1/4 of float32 plus one float32 scale per channel), float32 perplexity
// equal to lib's evaluateStream, int8 within 1 % of float32, int4 worse than int8.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { initNodeBackend } from '@/lib/backend/node';
import { heldOutIds } from '@/lib/engine/features/decoding/quantization';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { INT8_PER_CHANNEL, quantizeWeights } from '@/lib/model/quantize';
import { evaluateStream } from '@/lib/train/evaluate';
import { REPO_ROOT } from './support/server';
import { watchPage, type PageProblems, siteInBrowser } from './support/site';

const EVAL_TOKENS = 4096;

const env = siteInBrowser();

async function openLab(query: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(`${env.site.url}/zh/inference/?${query}`);
  for (let i = 0; (await page.locator('.ql').count()) === 0; i++) {
    if (i > 200) throw new Error('QuantizationLab did not load');
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(n - 1 - (i % n)).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.locator('.ql').scrollIntoViewIfNeeded();
  await page.waitForSelector('.ql[data-params="url"]');
  return { page, problems };
}

const row = async (page: Page, variant: string) => {
  const r = page.locator(`[data-testid="quant-table"] tr[data-variant="${variant}"]`);
  return { bytes: Number(await r.getAttribute('data-bytes')), perplexity: Number(await r.getAttribute('data-perplexity')), quantizedBytes: Number(await r.getAttribute('data-quantized-bytes')), quantizedFloat32Bytes: Number(await r.getAttribute('data-quantized-float32-bytes')), text: (await r.textContent()) ?? '' };
};

describe('QuantizationLab (chapter 7, zh)', () => {
  it('shows int8’s exact bytes (¼ of float32 + scales), int8 perplexity within 1 % of float32 and int4 worse, matching lib/ in Node', async () => {
    const { page, problems } = await openLab(`w.quantization.evalTokens=${EVAL_TOKENS}`);
    // The lab measures its defaults (int8, int4 g32, embeddings quantized) as soon as the engine is up.
    await page.waitForSelector('.ql[data-status="ready"][data-results="3"]', { timeout: 150_000 });
    const [f32, int8, int4] = [await row(page, 'float32'), await row(page, 'int8'), await row(page, 'intN')];

    await initNodeBackend('wasm');
    const dir = path.join(REPO_ROOT, 'public', 'checkpoints', 'zh-tang-poetry');
    const { model, tokenizer, json } = await loadCheckpoint(dir);
    const weights = await model.weights();
    const lib = quantizeWeights(json.config, weights, { scheme: INT8_PER_CHANNEL, includeEmbeddings: true, histogramBins: 0 });
    const heldOut = heldOutIds(tokenizer, readFileSync(path.join(REPO_ROOT, 'content', 'corpora', 'tang-poetry.txt'), 'utf8'), json.training?.valTokens as number, EVAL_TOKENS);
    const { loss } = await evaluateStream(model, heldOut, 16);
    model.dispose();

    // Sizes: float32 is the weights file; int8 is lib's count, which is 1 byte a weight + 4 per channel.
    expect(f32.bytes).toBe(readFileSync(path.join(dir, 'weights.bin')).byteLength);
    expect(int8.bytes).toBe(lib.totals.bytes);
    const channels = lib.tensors.filter((t) => t.quantized).reduce((s, t) => s + (t.name === 'wte' || t.name === 'wpe' ? t.shape[0] : t.shape[1]), 0);
    expect(int8.quantizedBytes).toBe(int8.quantizedFloat32Bytes / 4 + 4 * channels);
    expect(int8.bytes / f32.bytes).toBeGreaterThan(0.25);
    expect(int8.bytes / f32.bytes).toBeLessThan(0.27);
    expect(int8.text).toContain(int8.bytes.toLocaleString('en')); // the exact bytes are on the page
    // Perplexity: float32 equals lib's in Node on the same held-out tokens; int8 within 1 %; int4 worse.
    expect(f32.perplexity / Math.exp(loss)).toBeCloseTo(1, 4);
    expect(Math.abs(int8.perplexity / f32.perplexity - 1)).toBeLessThan(0.01);
    expect(int4.perplexity).toBeGreaterThan(int8.perplexity);
    expect(int4.bytes).toBeLessThan(int8.bytes);
    console.log(`QuantizationLab zh (${EVAL_TOKENS} held-out tokens): float32 ${f32.bytes} B ppl ${f32.perplexity.toFixed(3)}; int8 ${int8.bytes} B ppl ${int8.perplexity.toFixed(3)}; int4 g32 ${int4.bytes} B ppl ${int4.perplexity.toFixed(3)}`);

    // The histogram of the int4 model shows its 16-level grid; the samples sit side by side.
    await page.waitForSelector('[data-testid="weight-histogram"] line.ui-hist-marker', { state: 'attached' });
    expect(await page.locator('[data-testid="weight-histogram"] line.ui-hist-marker').count()).toBe(16);
    expect(await page.locator('.ql-sample pre').count()).toBe(3);
    for (const text of await page.locator('.ql-sample pre').allTextContents()) expect(text.length).toBeGreaterThan(10);
    expect([...problems.consoleErrors, ...problems.pageErrors, ...problems.failedRequests]).toEqual([]);
    await page.close();
  }, 240_000);

  // A class sees the whole lab on a 1920×1080 projector: once the table is filled (three variants,
  // histogram, error bars, samples) the presenter page does not scroll and its type stays large.
  for (const locale of ['zh', 'en'] as const) {
    it(`presenter mode fits one 1920×1080 screen once the table is filled (${locale})`, async () => {
      const page = await env.browser.context.newPage();
      const problems = watchPage(page);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${env.site.url}/${locale}/present/quantization/?w.quantization.evalTokens=2048`);
      await page.waitForSelector('.ql[data-params="url"][data-status="ready"][data-results="3"]', { timeout: 150_000 });
      await page.waitForSelector('.ql-sample pre');
      const fit = await page.evaluate(() => ({
        scrollHeight: document.scrollingElement!.scrollHeight,
        innerHeight: window.innerHeight,
        frame: parseFloat(getComputedStyle(document.querySelector('.ql')!).fontSize),
        table: parseFloat(getComputedStyle(document.querySelector('.ql-table td')!).fontSize),
        sample: parseFloat(getComputedStyle(document.querySelector('.ql-sample pre')!).fontSize),
        bottoms: ['.ql-table', '.ql-hist', '.ql-errors', '.ql-samples', '.ui-status'].map((sel) => Math.round(document.querySelector(sel)!.getBoundingClientRect().bottom)),
        // The two columns scroll only as a last resort: with this content neither may need to.
        overflow: ['.ql-left', '.ql-right'].map((sel) => document.querySelector(sel)!.scrollHeight - document.querySelector(sel)!.clientHeight),
      }));
      for (const extra of fit.overflow) expect(extra).toBeLessThanOrEqual(1);
      expect(fit.scrollHeight).toBeLessThanOrEqual(fit.innerHeight);
      for (const bottom of fit.bottoms) expect(bottom).toBeLessThanOrEqual(fit.innerHeight);
      expect(fit.frame).toBeGreaterThanOrEqual(25);
      expect(fit.table).toBeGreaterThanOrEqual(18);
      expect(fit.sample).toBeGreaterThanOrEqual(16);
      expect([...problems.consoleErrors, ...problems.pageErrors, ...problems.failedRequests]).toEqual([]);
      await page.close();
    }, 240_000);
  }
});
