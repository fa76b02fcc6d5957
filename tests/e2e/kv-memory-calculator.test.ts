// KVMemoryCalculator in Debian's Chromium against the production build (out/): chapter 7's worked
// numbers (2 GiB per 4,096-token sequence of Llama 2 7B in fp16, 512 MiB with 8 KV heads, 64 MiB
// with one), the sequences that fit on an 80 GB GPU recomputed here independently, a nonsense URL
// value clamped beside its control, and presenter mode at 1920×1080 without scrolling.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { watchPage, type PageProblems, siteInBrowser } from './support/site';

const env = siteInBrowser();
const GiB = 2 ** 30;
const MiB = 2 ** 20;
// Llama 2 7B: 6,738,415,616 parameters; fp16 weights = 2 bytes each.
const LLAMA2_7B_WEIGHTS = 6_738_415_616 * 2;

/** A chapter page scrolled to the calculator (its code loads near the viewport), URL applied. */
async function openCalculator(pathname: string, query = ''): Promise<{ page: Page; problems: PageProblems }> {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(`${env.site.url}${pathname}${query ? `?${query}` : ''}`);
  for (let i = 0; (await page.locator('.kvm').count()) === 0; i++) {
    if (i > 200) throw new Error(`.kvm did not load on ${pathname}`);
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.locator('.kvm').scrollIntoViewIfNeeded();
  await page.waitForSelector('.kvm[data-params="url"]');
  return { page, problems };
}

const bytesOf = async (page: Page, id: string) => Number(await page.getByTestId(id).getAttribute('data-bytes'));
const textOf = async (page: Page, id: string) => (await page.locator(`[data-testid="${id}"] dd`).textContent())?.trim();
const noProblems = (p: PageProblems) => expect([...p.consoleErrors, ...p.pageErrors, ...p.failedRequests]).toEqual([]);

describe('KVMemoryCalculator (chapter 7)', () => {
  it('shows the chapter’s 2 GiB, then 512 MiB and 64 MiB with GQA and MQA, and the sequences that fit on 80 GB', async () => {
    const { page, problems } = await openCalculator('/en/inference/');
    // Defaults are the Llama 2 7B preset at 4,096 tokens, fp16, one 80 GB GPU.
    expect(await textOf(page, 'kvmem-per-sequence')).toBe('2 GiB');
    expect(await bytesOf(page, 'kvmem-per-sequence')).toBe(2_147_483_648);
    expect(await textOf(page, 'kvmem-per-token')).toBe('512 KiB');
    const fitMha = Math.floor((80e9 - LLAMA2_7B_WEIGHTS) / (2 * GiB));
    expect(fitMha).toBe(30); // the chapter's "roughly 30"
    expect(Number(await page.getByTestId('kvmem-fit').getAttribute('data-fit'))).toBe(fitMha);
    expect(await page.getByTestId('kvmem-fit').textContent()).toBe(`${fitMha} full-length sequences fit beside the weights on one 80 GB GPU.`);
    expect(await page.getByTestId('kvmem-formula').textContent()).toContain('2 (K, V) × 32 layers × 32 KV heads × 128 head dim × 4,096 tokens × 1 seq × 2 B = 2,147,483,648 B = 2 GiB');

    await page.getByRole('button', { name: '8 (GQA)' }).click();
    await expect.poll(() => textOf(page, 'kvmem-per-sequence')).toBe('512 MiB');
    expect(await bytesOf(page, 'kvmem-per-sequence')).toBe(512 * MiB);
    const fitGqa = Math.floor((80e9 - LLAMA2_7B_WEIGHTS) / (512 * MiB));
    expect(Number(await page.getByTestId('kvmem-fit').getAttribute('data-fit'))).toBe(fitGqa);
    expect(fitGqa).toBeGreaterThanOrEqual(4 * fitMha);
    await expect.poll(() => page.url()).toContain('w.kvmem.kvHeads=8');

    await page.getByRole('button', { name: '1 (MQA)' }).click();
    await expect.poll(() => textOf(page, 'kvmem-per-sequence')).toBe('64 MiB');
    // Three bars (MHA 32, GQA 8, MQA 1), each weights + cache, the chosen one marked.
    expect(await page.locator('[data-testid="kvmem-bars"] .sb-bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-kv-heads')))).toEqual(['32', '8', '1']);
    expect(await page.locator('[data-testid="kvmem-bars"] .sb-bar-selected').getAttribute('data-kv-heads')).toBe('1');

    // More sequences than fit: the total turns red and says so.
    await page.getByRole('button', { name: '= heads 32 (MHA)' }).click();
    const seqField = page.getByLabel('Sequences at once').first();
    await seqField.fill(String(fitMha + 1));
    await seqField.press('Enter');
    await expect.poll(() => bytesOf(page, 'kvmem-all-sequences')).toBe((fitMha + 1) * 2 * GiB);
    expect(await page.locator('.kvm-bad').textContent()).toContain('does not fit in 80 GB');
    noProblems(problems);
    await page.close();
  }, 120_000);

  it('in Chinese: Llama 2 70B’s fp16 weights alone overflow 80 GB, and Mistral’s window caps its cache', async () => {
    const { page, problems } = await openCalculator('/zh/inference/');
    await page.getByRole('button', { name: 'Llama 2 70B' }).click();
    await expect.poll(() => bytesOf(page, 'kvmem-per-sequence')).toBe(2 * 80 * 8 * 128 * 4096 * 2);
    expect(await textOf(page, 'kvmem-per-sequence')).toBe('1.25 GiB');
    const fit = page.getByTestId('kvmem-fit');
    expect(Number(await fit.getAttribute('data-fit'))).toBe(0);
    expect(await fit.textContent()).toContain('光是权重（138 GB）就装不进 80 GB');
    // On a 141 GB GPU there is room again: floor((141e9 − 68,976,648,192 × 2) / 1.25 GiB).
    await page.getByRole('button', { name: '141 GB' }).click();
    await expect.poll(async () => Number(await fit.getAttribute('data-fit'))).toBe(Math.floor((141e9 - 68_976_648_192 * 2) / (1.25 * GiB)));

    await page.getByRole('button', { name: 'Mistral 7B' }).click();
    // 8,192 tokens, but only the 4,096-token window is kept: 2 × 32 × 8 × 128 × 4,096 × 2 B.
    await expect.poll(() => textOf(page, 'kvmem-per-sequence')).toBe('512 MiB');
    expect(await page.getByTestId('kvmem-window').textContent()).toContain('这里存了 8,192 个中的 4,096 个');
    const windowField = page.getByLabel('滑动窗口（0 = 不用）').first();
    await windowField.fill('0');
    await windowField.press('Enter');
    await expect.poll(() => textOf(page, 'kvmem-per-sequence')).toBe('1 GiB');
    noProblems(problems);
    await page.close();
  }, 120_000);

  it('clamps a nonsense URL value with a message beside its control, and the rest still works', async () => {
    const { page, problems } = await openCalculator('/en/inference/', 'w.kvmem.tokens=-5&w.kvmem.kvHeads=8');
    const issue = page.locator('.kvm .ui-issue');
    await expect.poll(() => issue.first().textContent()).toBe('“-5” is outside 1–131072; using 1');
    // One token of Llama 2 7B with 8 KV heads: 2 × 32 × 8 × 128 × 2 B = 128 KiB.
    expect(await bytesOf(page, 'kvmem-per-sequence')).toBe(131_072);
    expect(await textOf(page, 'kvmem-per-sequence')).toBe('128 KiB');
    const tokensField = page.getByLabel('Context tokens per sequence').first();
    await tokensField.fill('4096');
    await tokensField.press('Enter');
    await expect.poll(() => textOf(page, 'kvmem-per-sequence')).toBe('512 MiB');
    expect(await issue.count()).toBe(0);
    noProblems(problems);
    await page.close();
  }, 120_000);

  it('fits presenter mode at 1920×1080 without scrolling, in both languages', async () => {
    for (const locale of ['en', 'zh']) {
      const page = await env.browser.context.newPage();
      const problems = watchPage(page);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${env.site.url}/${locale}/present/kv-memory/?w.kvmem.preset=mistral-7b&w.kvmem.kvHeads=8&w.kvmem.tokens=8192&w.kvmem.window=4096&w.kvmem.params=7241732096`);
      await page.waitForSelector('.kvm[data-params="url"] [data-testid="kvmem-bars"]');
      expect(await textOf(page, 'kvmem-per-sequence')).toBe('512 MiB');
      const size = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollHeight, inner: window.innerHeight, wide: document.scrollingElement!.scrollWidth }));
      expect(size.scroll).toBeLessThanOrEqual(size.inner);
      expect(size.wide).toBeLessThanOrEqual(1920);
      noProblems(problems);
      await page.close();
    }
  }, 120_000);
});
