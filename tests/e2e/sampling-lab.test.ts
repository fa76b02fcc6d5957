// SamplingLab in Debian's Chromium against the production build (chapter 7, the shipped
// en-shakespeare checkpoint, WASM in the engine's worker). What a reader would check, with the
// numbers read from the page and compared with lib/sample run on the same checkpoint in Node:
// temperature 0 leaves one bar of probability 1 and generates the greedy text; top-p 0.5 keeps
// the smallest set whose shown mass is ≥ 0.5; the same seed and settings give the same text
// twice (and lane A's text does not change when lane B is added); beam width 1 is greedy.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { initNodeBackend } from '@/lib/backend/node';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { decode } from '@/lib/sample/decode';
import { modelScorer } from '@/lib/sample/score-model';
import { encodeKnownChars } from '@/lib/tokenizer/index';
import { REPO_ROOT } from './support/server';
import { watchPage, type PageProblems, siteInBrowser } from './support/site';

const PROMPT = 'ROMEO:\nBut soft, what light';

const env = siteInBrowser();

/** lib/sample in Node on the same checkpoint: the text the page must show. */
async function reference(options: Parameters<typeof decode>[2]): Promise<string> {
  await initNodeBackend('wasm');
  const { model, tokenizer } = await loadCheckpoint(path.join(REPO_ROOT, 'public', 'checkpoints', 'en-shakespeare'));
  try {
    const out = await decode(modelScorer(model), encodeKnownChars(tokenizer, PROMPT), options);
    return tokenizer.decode(out.tokens);
  } finally {
    model.dispose();
  }
}

/** Chapter 7 with these params, scrolled to the lab, once the URL is applied and the first distribution drawn. */
async function openLab(query: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(`${env.site.url}/en/inference/?${query}`);
  for (let i = 0; (await page.locator('.sl').count()) === 0; i++) {
    if (i > 200) throw new Error('SamplingLab did not load');
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.locator('.sl').scrollIntoViewIfNeeded();
  await page.waitForSelector('.sl[data-params="url"][data-kept-count]', { timeout: 90_000 });
  return { page, problems };
}

/** The bars as drawn: probability before the cut, after it, and whether the token is kept. */
async function bars(page: Page) {
  return page.$$eval('[data-testid="next-token-chart"] .ui-bar', (els) =>
    els.map((el) => ({ before: Number(el.getAttribute('data-before')), after: Number(el.getAttribute('data-after')), kept: el.getAttribute('data-kept') === 'true', shown: el.querySelector('.ui-bar-value')!.textContent! })),
  );
}

/** Press Run and wait until lane `lane` holds `count` tokens and the run is over. */
async function runAndRead(page: Page, count: number, lane = 0): Promise<string> {
  await page.getByRole('button', { name: /^(Run|Search)/ }).click();
  await page.waitForSelector(`.sl[data-status="ready"] .sl-lane[data-lane="${lane}"][data-count="${count}"]`, { timeout: 90_000 });
  return (await page.locator(`.sl-lane[data-lane="${lane}"]`).getAttribute('data-text')) ?? '';
}

const noProblems = (p: PageProblems) => expect([...p.consoleErrors, ...p.pageErrors, ...p.failedRequests]).toEqual([]);

describe('SamplingLab (chapter 7)', () => {
  it('temperature 0 leaves one bar of probability 1 and generates exactly the greedy text', async () => {
    const { page, problems } = await openLab('w.sampling.temperature=0&w.sampling.tokens=30');
    const drawn = await bars(page);
    expect(drawn.filter((b) => b.kept)).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ kept: true, after: 1, shown: '1.000' });
    expect(await page.getByTestId('kept-mass').textContent()).toMatch(/^Kept 1 of 62 tokens/);
    const text = await runAndRead(page, 30);
    expect(text).toBe(await reference({ maxTokens: 30, temperature: 0 }));
    // Every generated token was drawn with probability 1; the status line reports a speed.
    expect(await page.locator('.sl-lane[data-lane="0"] .sl-tok[data-model-prob]').count()).toBe(30);
    expect(await page.locator('.sl .ui-status').textContent()).toMatch(/wasm/);
    expect(await page.locator('.sl .ui-status').textContent()).toMatch(/\d+\.\d tokens\/s/);
    noProblems(problems);
    await page.close();
  }, 150_000);

  it('top-p 0.5 keeps the smallest set of bars whose shown mass is ≥ 0.5, and moving it redraws the cut', async () => {
    const { page, problems } = await openLab('w.sampling.topP=0.5');
    const drawn = await bars(page);
    const kept = drawn.filter((b) => b.kept);
    const mass = kept.reduce((s, b) => s + b.before, 0);
    expect(kept.length).toBeGreaterThan(0);
    expect(drawn.slice(0, kept.length).every((b) => b.kept)).toBe(true); // the likeliest ones
    expect(mass).toBeGreaterThanOrEqual(0.5);
    expect(mass - kept[kept.length - 1].before).toBeLessThan(0.5);
    expect(Number(await page.locator('.sl').getAttribute('data-kept-mass'))).toBeCloseTo(mass, 6);
    expect(await page.getByTestId('kept-mass').textContent()).toContain(`${(mass * 100).toFixed(1)} %`);
    // Renormalised: each kept bar is its share of the kept mass, and they sum to 1.
    for (const b of kept) expect(b.after).toBeCloseTo(b.before / mass, 5);
    if (kept.length < drawn.length) expect(await page.locator('.ui-bar-cut').textContent()).toContain(`cut: ${kept.length} kept`);
    // Top-p 1 (off) keeps every token of the vocabulary.
    const field = page.locator('.sl-lane-0 input.ui-number[aria-label="Top-p"]');
    await field.fill('1');
    await field.press('Enter');
    await expect.poll(() => page.locator('.sl').getAttribute('data-kept-count')).toBe('62');
    noProblems(problems);
    await page.close();
  }, 120_000);

  it('the same seed and settings give the same text twice, equal to lib/sample’s; lane B leaves lane A unchanged', async () => {
    const settings = 'w.sampling.temperature=0.9&w.sampling.topK=20&w.sampling.penalty=1.2&w.sampling.seed=7&w.sampling.tokens=25';
    const { page, problems } = await openLab(settings);
    const first = await runAndRead(page, 25);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.waitForSelector('.sl-lane[data-lane="0"][data-count="0"]');
    const second = await runAndRead(page, 25);
    expect(second).toBe(first);
    expect(first).toBe(await reference({ maxTokens: 25, temperature: 0.9, topK: 20, repetitionPenalty: 1.2, seed: 7 }));
    // Click a token: its alternatives at that step, with the chosen one among the kept.
    await page.locator('.sl-lane[data-lane="0"] .sl-tok').nth(3).click();
    await expect.poll(() => page.getByTestId('alternatives').locator('.ui-bar-strong').count()).toBe(1);
    expect(await page.getByTestId('alternatives').textContent()).toContain('Step 4');
    // Compare: lane B (top-k 5) from the same seed; lane A is still the same text.
    await page.getByText('Compare with a second setting').click();
    await page.waitForSelector('.sl-lane[data-lane="1"]');
    const a = await runAndRead(page, 25, 0);
    await page.waitForSelector('.sl-lane[data-lane="1"][data-count="25"]');
    expect(a).toBe(first);
    const b = (await page.locator('.sl-lane[data-lane="1"]').getAttribute('data-text')) ?? '';
    expect(b).toBe(await reference({ maxTokens: 25, temperature: 1, topK: 5, seed: 7 }));
    noProblems(problems);
    await page.close();
  }, 180_000);

  it('beam search of width 1 returns the greedy text; a wider beam shows its beams and scores', async () => {
    const { page, problems } = await openLab('w.sampling.mode=beam&w.sampling.width=1&w.sampling.beamTokens=20');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForSelector('[data-testid="hypotheses"] .sl-beam', { timeout: 90_000 });
    const best = await page.locator('[data-testid="hypotheses"] .sl-beam').first().getAttribute('data-text');
    expect(best).toBe(await reference({ maxTokens: 20, temperature: 0 }));
    const width = page.getByLabel('Beam width').first();
    await width.fill('4');
    await width.press('Enter');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect.poll(() => page.locator('[data-testid="hypotheses"] .sl-beam').count(), { timeout: 90_000 }).toBe(4);
    const scores = await page.$$eval('[data-testid="hypotheses"] .sl-beam', (els) => els.map((el) => Number(el.getAttribute('data-score'))));
    expect([...scores].sort((x, y) => y - x)).toEqual(scores); // best first
    noProblems(problems);
    await page.close();
  }, 150_000);

  // A class sees the whole lab on a 1920×1080 projector: after a two-lane generation of 60 tokens
  // the presenter page does not scroll, and its text is still large (26 px frame type).
  for (const locale of ['en', 'zh'] as const) {
    it(`presenter mode fits one 1920×1080 screen with two lanes of generated text (${locale})`, async () => {
      const page = await env.browser.context.newPage();
      const problems = watchPage(page);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${env.site.url}/${locale}/present/sampling/?w.sampling.topP=0.9&w.sampling.compare=true&w.sampling.tokens=60`);
      await page.waitForSelector('.sl[data-params="url"][data-kept-count][data-status="ready"]', { timeout: 90_000 });
      await page.locator('.sl button.ui-button-primary').click();
      await page.waitForSelector('.sl[data-status="ready"] .sl-lane[data-lane="1"][data-count="60"]', { timeout: 120_000 });
      const fit = await page.evaluate(() => ({
        scrollHeight: document.scrollingElement!.scrollHeight,
        innerHeight: window.innerHeight,
        frame: parseFloat(getComputedStyle(document.querySelector('.sl')!).fontSize),
        text: parseFloat(getComputedStyle(document.querySelector('.sl-text')!).fontSize),
        bar: parseFloat(getComputedStyle(document.querySelector('[data-testid="next-token-chart"] .ui-bar')!).fontSize),
        // Everything a class must read lies inside the window (nothing pushed below or clipped).
        bottoms: ['.sl-chart', '.sl-lanes', '.sl-actions', '.ui-status'].map((sel) => Math.round(document.querySelector(sel)!.getBoundingClientRect().bottom)),
        // The right column scrolls only as a last resort: with this content it must not need to.
        outputOverflow: document.querySelector('.sl-output')!.scrollHeight - document.querySelector('.sl-output')!.clientHeight,
      }));
      expect(fit.outputOverflow).toBeLessThanOrEqual(1);
      expect(fit.scrollHeight).toBeLessThanOrEqual(fit.innerHeight);
      for (const bottom of fit.bottoms) expect(bottom).toBeLessThanOrEqual(fit.innerHeight);
      expect(fit.frame).toBeGreaterThanOrEqual(25); // clamp(16px, 1.35vw, 30px) at 1920 wide
      expect(fit.text).toBeGreaterThanOrEqual(18);
      expect(fit.bar).toBeGreaterThanOrEqual(16);
      noProblems(problems);
      await page.close();
    }, 240_000);
  }
});
