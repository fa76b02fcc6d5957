// Chapter 2's calculators in Debian's Chromium against the production build (out/): the numbers a
// reader reads off the page are lib/scaling's (Chinchilla's Table 3 at Gopher's budget), the
// GPU-hour conversion is the formula it prints, bad budgets are refused beside the field, and the
// emergence toggle turns a step into a straight line — checked on the drawn data.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chinchillaOptimal, kaplanOptimal } from '@/lib/scaling';
import { steepestDecadeShare } from '@/components/widgets/EmergencePlot/params';
import { watchPage, type PageProblems, siteInBrowser } from './support/site';


const env = siteInBrowser();

/** Chapter 2 scrolled to a widget, once its URL params are applied. */
async function openWidget(locale: 'en' | 'zh', selector: string, query = ''): Promise<{ page: Page; problems: PageProblems }> {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(`${env.site.url}/${locale}/scale/${query ? `?${query}` : ''}`);
  for (let i = 0; (await page.locator(`${selector}[data-params="url"]`).count()) === 0; i++) {
    if (i > 200) throw new Error(`${selector} did not load`);
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.locator(selector).scrollIntoViewIfNeeded();
  return { page, problems };
}

const noProblems = (p: PageProblems) => expect([...p.consoleErrors, ...p.pageErrors, ...p.failedRequests]).toEqual([]);
const num = async (page: Page, selector: string, attr: string) => Number(await page.locator(selector).first().getAttribute(attr));

describe('ScalingCalculator (chapter 2)', () => {
  it('5.76e23 FLOPs under approach 1 gives Chinchilla’s ≈ 70B parameters on ≈ 1.4T tokens, as lib/scaling computes', async () => {
    const { page, problems } = await openWidget('en', '.sc', 'w.scaling.flops=1e22');
    expect(await num(page, '.sc', 'data-flops')).toBe(1e22);
    const field = page.getByTestId('sc-flops');
    await field.fill('5.76e23');
    await field.press('Enter');
    await expect.poll(() => num(page, '.sc', 'data-flops')).toBe(5.76e23);
    expect(await page.locator('.sc').getAttribute('data-approach')).toBe('1');
    const want = chinchillaOptimal(5.76e23, 1);
    const params = await num(page, 'td[data-law="chinchilla"][data-params]', 'data-params');
    const tokens = await num(page, 'td[data-law="chinchilla"][data-tokens]', 'data-tokens');
    expect(params / want.params).toBeCloseTo(1, 9);
    expect(tokens / want.tokens).toBeCloseTo(1, 9);
    expect(Math.abs(params / 70e9 - 1)).toBeLessThan(0.05);
    expect(Math.abs(tokens / 1.4e12 - 1)).toBeLessThan(0.05);
    // What the reader sees, not only the attribute.
    expect(await page.locator('td[data-law="chinchilla"][data-params]').textContent()).toBe('67.8B');
    expect(await page.locator('td[data-law="chinchilla"][data-tokens]').textContent()).toBe('1.42T');
    const kaplan = kaplanOptimal(5.76e23);
    expect(await num(page, 'td[data-law="kaplan"][data-params]', 'data-params')).toBeCloseTo(kaplan.params, -3);
    // The chosen budget's recommendation is drawn where the table says.
    const pick = await page.locator('[data-series="pick-chinchilla"]').getAttribute('data-points');
    expect(pick).toBe(`${Number(want.params.toPrecision(4))},${Number(want.tokens.toPrecision(4))}`);
    // Clicking GPT-3 on the chart loads its budget, 6 × 175e9 × 300e9.
    await page.locator('[data-series="models"] .llc-point').first().click();
    await expect.poll(() => num(page, '.sc', 'data-flops')).toBeCloseTo(3.15e23, -19);
    noProblems(problems);
    await page.close();
  }, 120_000);

  it('GPU-hours × peak × MFU: the FLOPs shown equal the formula and drive the recommendation', async () => {
    const { page, problems } = await openWidget('en', '.sc', 'w.scaling.budget=gpu-hours');
    await page.getByLabel('Accelerator').selectOption('a100');
    const hours = page.getByTestId('sc-gpu-hours');
    await hours.fill('2,000,000');
    await hours.press('Enter');
    const mfu = page.getByLabel('Utilisation (MFU)').first();
    await mfu.fill('35');
    await mfu.press('Enter');
    const expected = 2e6 * 3600 * 312e12 * 0.35;
    await expect.poll(() => num(page, '[data-testid="sc-formula"]', 'data-flops')).toBeCloseTo(expected, -15);
    expect(await page.getByTestId('sc-formula').textContent()).toContain('2,000,000 GPU-h × 3,600 s/h × 312 TFLOP/s × 35% = 7.86e23 FLOPs');
    const params = await num(page, 'td[data-law="chinchilla"][data-params]', 'data-params');
    expect(params / chinchillaOptimal(expected, 1).params).toBeCloseTo(1, 9);
    noProblems(problems);
    await page.close();
  }, 120_000);

  it('refuses NaN, negative and 1e40 budgets with a message beside the field, keeping the last good one', async () => {
    const { page, problems } = await openWidget('en', '.sc');
    const field = page.getByTestId('sc-flops');
    const issue = page.locator('.sc-controls .ui-issue');
    for (const [typed, message] of [
      ['abc', '“abc” is not a number'],
      ['-3e22', 'must be positive'],
      ['1e40', '1e40 FLOPs is far beyond any training run'],
    ] as const) {
      await field.fill(typed);
      await field.press('Enter');
      await expect.poll(() => issue.textContent()).toContain(message);
      expect(await num(page, '.sc', 'data-flops')).toBe(5.76e23);
    }
    await field.fill('1e24');
    await field.press('Enter');
    await expect.poll(() => issue.count()).toBe(0);
    expect(await num(page, '.sc', 'data-flops')).toBe(1e24);
    await page.close();
    // A hand-edited link gets the same words, and what is used instead.
    const linked = await openWidget('en', '.sc', 'w.scaling.flops=-1');
    expect(await linked.page.locator('.sc-controls .ui-issue').textContent()).toContain('must be positive');
    noProblems(problems);
    noProblems(linked.problems);
    await linked.page.close();
  }, 120_000);

  it('speaks Chinese sizes on the zh page (678 亿 parameters, 1.42 万亿 tokens)', async () => {
    const { page, problems } = await openWidget('zh', '.sc');
    expect(await page.locator('td[data-law="chinchilla"][data-params]').textContent()).toBe('678 亿');
    expect(await page.locator('td[data-law="chinchilla"][data-tokens]').textContent()).toBe('1.42 万亿');
    noProblems(problems);
    await page.close();
  }, 120_000);
});

describe('EmergencePlot (chapter 2)', () => {
  const curve = async (page: Page) =>
    ((await page.locator('[data-testid="ep-model"] [data-series="model"]').getAttribute('data-points')) ?? '')
      .split(';')
      .map((pair) => pair.split(',').map(Number))
      .map(([x, y]) => ({ x, y }));

  it('switching exact match to token edit distance turns the drawn step into a straight log–log line', async () => {
    const { page, problems } = await openWidget('en', '.ep');
    expect(await page.locator('.ep').getAttribute('data-metric')).toBe('exact');
    const exact = await curve(page);
    expect(exact.length).toBeGreaterThan(40);
    expect(exact[0].y).toBeLessThan(0.01); // flat near zero for small models …
    expect(exact.at(-1)!.y).toBeGreaterThan(0.9); // … then nearly always right
    const stepShare = steepestDecadeShare(exact, false);
    expect(stepShare).toBeGreaterThan(0.5);
    await page.getByRole('radio', { name: 'Token edit distance' }).click();
    await expect.poll(() => page.locator('.ep').getAttribute('data-metric')).toBe('edit');
    const edit = await curve(page);
    expect(edit.map((p) => p.x)).toEqual(exact.map((p) => p.x)); // the same models …
    expect(edit[0].y).toBeGreaterThan(5); // … most of 10 tokens wrong at first
    const lineShare = steepestDecadeShare(edit, true);
    expect(lineShare).toBeLessThan(0.3); // a straight line over 4.6 decades would give 0.22
    expect(Number(await page.locator('.ep').getAttribute('data-sharpness'))).toBeCloseTo(lineShare, 2);
    // The published panel says these papers report right-or-wrong only.
    expect(await page.locator('.ep-no-edit').count()).toBe(1);
    noProblems(problems);
    await page.close();
  }, 120_000);

  it('a longer answer (L = 40 from the link) moves the exact-match jump to larger models', async () => {
    const { page, problems } = await openWidget('en', '.ep', 'w.emergence.answerLength=40');
    const halfWay = (points: { x: number; y: number }[]) => points.find((p) => p.y >= 0.5)!.x;
    const long = halfWay(await curve(page));
    await page.getByLabel('Answer length L (tokens)').first().fill('4');
    await page.getByLabel('Answer length L (tokens)').first().press('Enter');
    await expect.poll(async () => halfWay(await curve(page))).toBeLessThan(long / 5);
    // The published MMLU points are the paper's: at chance to 13B, 43.9 % at 175B.
    expect(await page.locator('[data-testid="ep-published"] [data-series="published"]').getAttribute('data-points')).toBe('2700000000,0.259;6700000000,0.249;13000000000,0.26;175000000000,0.439');
    noProblems(problems);
    await page.close();
  }, 120_000);
});
