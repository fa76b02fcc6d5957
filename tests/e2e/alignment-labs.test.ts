// Chapter 6's labs in Debian's Chromium against the production build (out/): RLHFPipeline's
// stages answer the keyboard with each stage's facts and a real dataset record; SFTLab greys
// exactly the prompt tokens the library's mask leaves out and its held-out answer loss falls;
// DPOLab starts with policy = reference (every Δ zero), takes a new β in the running loop, and
// its margin, accuracy and KL rise from 0. Runs are kept tiny (a handful of WASM steps).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { watchPage, type PageProblems, siteInBrowser } from './support/site';


const env = siteInBrowser();

/** A page scrolled to a widget (its code loads near the viewport), once the URL's params are applied. */
async function openWidget(pathname: string, selector: string, query = ''): Promise<{ page: Page; problems: PageProblems }> {
  const page = await env.browser.context.newPage();
  const problems = watchPage(page);
  await page.goto(`${env.site.url}${pathname}${query ? `?${query}` : ''}`);
  for (let i = 0; (await page.locator(selector).count()) === 0; i++) {
    if (i > 200) throw new Error(`${selector} did not load on ${pathname}`);
    const placeholders = page.locator('.wf-placeholder');
    const n = await placeholders.count();
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${selector}[data-params="url"]`);
  return { page, problems };
}

const noProblems = (p: PageProblems) => expect([...p.consoleErrors, ...p.pageErrors, ...p.failedRequests]).toEqual([]);
const waitStatus = (page: Page, selector: string, states: string[], timeout = 240_000) =>
  page.waitForFunction(([sel, s]) => (s as string[]).includes(document.querySelector(sel as string)?.getAttribute('data-status') ?? ''), [selector, states] as const, { timeout });

describe('RLHFPipeline', () => {
  it('moves between stages with the keyboard; each card says what it needs and shows a real record', async () => {
    const { page, problems } = await openWidget('/en/alignment/', '.rp');
    const stage = () => page.locator('.rp').getAttribute('data-stage');
    expect(await stage()).toBe('sft');
    await page.locator('[data-stage="sft"][role="button"]').focus();
    await page.keyboard.press('ArrowRight');
    expect(await stage()).toBe('rm');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-stage'))).toBe('rm');
    expect(await page.getByTestId('stage-loss').textContent()).toContain('r(x, y_w) − r(x, y_l)');
    expect(await page.getByTestId('needs-human').textContent()).toBe('yes');
    await page.keyboard.press('ArrowRight');
    expect(await stage()).toBe('ppo');
    expect(await page.getByTestId('needs-human').textContent()).toBe('no');
    expect(await page.getByTestId('needs-samples').textContent()).toBe('yes');
    expect(await page.getByTestId('stage-loss').textContent()).toContain('KL( π ‖ π_SFT )');
    await page.keyboard.press('End');
    expect(await stage()).toBe('dpo');
    expect(await page.getByTestId('needs-samples').textContent()).toBe('no');
    // The record is the first line of content/datasets/english-preference.jsonl.
    const record = await page.getByTestId('example-record').innerText();
    expect(record).toContain('White snow on the gate,');
    expect(record).toContain('White snow on the,');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('w.rlhf.stage=dpo');
    noProblems(problems);
    await page.close();
  });

  it('zh: the records come from the Tang datasets; presenter mode steps with Space', async () => {
    const { page } = await openWidget('/zh/alignment/', '.rp', 'w.rlhf.stage=rm');
    expect(await page.getByTestId('example-record').innerText()).toContain('向晚意不，驅車登古。');
    await page.close();
    const present = await env.browser.context.newPage();
    await present.goto(`${env.site.url}/zh/present/rlhf-pipeline/?w.rlhf.stage=ppo`);
    await present.waitForSelector('.rp[data-params="url"][data-stage="ppo"]');
    await present.keyboard.press(' ');
    await present.waitForSelector('.rp[data-stage="dpo"]');
    // No build-time props in presenter mode: the record is fetched from /datasets/.
    await expect.poll(() => present.getByTestId('example-record').innerText(), { timeout: 20_000 }).toContain('向晚意不適');
    await present.close();
  });
});

describe('SFTLab', () => {
  it('greys exactly the prompt tokens the library masks; fine-tuning lowers the held-out answer loss', async () => {
    const { page, problems } = await openWidget('/en/alignment/', '.sft', 'w.sft.steps=6&w.sft.batch=4&w.sft.lr=0.003&w.sft.backend=wasm');
    const tokens = page.getByTestId('template-tokens');
    await tokens.waitFor({ timeout: 120_000 });
    const all = await tokens.locator('.sft-tok').count();
    const lossTokens = Number(await tokens.getAttribute('data-loss-tokens'));
    const greyed = await tokens.locator('.sft-tok-masked').allTextContents();
    // The first row is Rain; its prompt, as the char tokenizer splits it, is "USER: Rain\nPOET: ".
    expect(greyed.join('')).toBe('USER:·Rain⏎POET:·');
    expect(greyed.length).toBe('USER: Rain\nPOET: '.length);
    expect(greyed.length).toBe(all - lossTokens);
    // Unmasked: every token but the first is a target.
    await page.locator('.sft .ui-toggle').first().click();
    await page.waitForFunction(() => document.querySelectorAll('.sft-tok-masked').length === 1);
    expect(Number(await tokens.getAttribute('data-loss-tokens'))).toBe(all - 1);
    await page.locator('.sft .ui-toggle').first().click();
    await page.waitForFunction((n) => document.querySelectorAll('.sft-tok-masked').length === n, greyed.length);

    await page.getByRole('button', { name: 'Fine-tune' }).click();
    await waitStatus(page, '.sft', ['done', 'error']);
    expect(await page.locator('.sft').getAttribute('data-status')).toBe('done');
    const summary = (await page.getByTestId('eval-summary').textContent()) ?? '';
    const [, first, last] = /([\d.]+) at step 0 → ([\d.]+) at step 6/.exec(summary) ?? [];
    console.log(`SFTLab (en-shakespeare, 6 WASM steps): ${summary}; ${await page.getByTestId('form-share').textContent()}`);
    expect(Number(last)).toBeLessThan(Number(first));
    expect(await page.getByTestId('answer-row').count()).toBe(4);
    expect(await page.locator('.sft .ui-status').innerText()).toMatch(/WASM[\s\S]*tokens\/s/);
    noProblems(problems);
    await page.close();
  }, 600_000);
});

describe('DPOLab', () => {
  it('starts at the reference (Δ = 0, margin 0, KL 0); margin, accuracy, KL and the five-character share rise; a new β reaches a running loop', async () => {
    // 20 steps of 4 pairs at lr 1e-4: the setting scripts/alignment-run.ts measured (share 60 % → 84 %, KL 3.3).
    const { page, problems } = await openWidget('/en/alignment/', '.dpo', 'w.dpo.steps=20&w.dpo.batch=4&w.dpo.lr=0.0001&w.dpo.backend=wasm');
    await waitStatus(page, '.dpo', ['idle'], 120_000);
    await page.locator('.dpo').getByRole('button', { name: 'Run DPO' }).click();
    // Step 0: the policy is a copy of the reference.
    await page.waitForSelector('[data-testid="dpo-summary"][data-step="0"]', { timeout: 300_000 });
    const zero = page.getByTestId('dpo-summary');
    expect(Number(await zero.getAttribute('data-margin'))).toBe(0);
    expect(Number(await zero.getAttribute('data-kl'))).toBe(0);
    await page.waitForSelector('[data-testid="pair"]');
    const deltas = await page.locator('[data-testid="pair"] td:nth-child(4)').allTextContents();
    expect(deltas).toHaveLength(6);
    expect(deltas.every((d) => d === '+0.00')).toBe(true);
    await waitStatus(page, '.dpo', ['done', 'error'], 600_000);
    expect(await page.locator('.dpo').getAttribute('data-status')).toBe('done');
    const end = page.getByTestId('dpo-summary');
    const property = page.getByTestId('property');
    const [before, after] = [Number(await property.getAttribute('data-before')), Number(await property.getAttribute('data-after'))];
    console.log(`DPOLab (zh-tang-poetry, 20 WASM steps): ${await end.textContent()}; five-character clauses ${before.toFixed(3)} → ${after.toFixed(3)}`);
    expect(Number(await end.getAttribute('data-margin'))).toBeGreaterThan(0.5);
    expect(Number(await end.getAttribute('data-accuracy'))).toBeGreaterThan(0.5);
    expect(Number(await end.getAttribute('data-kl'))).toBeGreaterThan(0);
    // Each shown chosen answer gained on its rejected twin relative to the reference.
    const rows = await page.locator('[data-testid="pair"] td:nth-child(4)').allTextContents();
    const num = (s: string) => Number(s.replace('−', '-'));
    for (let i = 0; i < rows.length; i += 2) expect(num(rows[i])).toBeGreaterThan(num(rows[i + 1]));
    expect(after).toBeGreaterThan(before + 0.05);

    // β while a run is going: the engine echoes it and the next steps use it.
    await page.locator('.dpo').getByRole('button', { name: 'Run DPO' }).click();
    await page.waitForSelector('[data-testid="dpo-summary"][data-step="0"]', { timeout: 300_000 });
    const betaField = page.locator('.dpo .ui-field', { hasText: 'β (how hard' }).locator('.ui-number');
    await betaField.fill('0.3');
    await betaField.press('Enter');
    await page.waitForSelector('.dpo[data-engine-beta="0.3"]', { timeout: 120_000 });
    await page.waitForFunction(() => /β = 0\.3/.test(document.querySelector('[data-testid="dpo-summary"]')?.textContent ?? ''), null, { timeout: 300_000 });
    await page.locator('.dpo').getByRole('button', { name: 'Stop' }).click();
    await waitStatus(page, '.dpo', ['done', 'error'], 300_000);
    expect(await page.locator('.dpo').getAttribute('data-status')).toBe('done');
    noProblems(problems);
    await page.close();
  }, 1_200_000);
});
