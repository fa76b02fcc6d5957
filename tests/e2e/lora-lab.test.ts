// LoRALab in Debian's Chromium, on the shipped en-shakespeare checkpoint (WASM, in the engine's
// worker), in chapter 5 of the production build (out/): the trainable count shown equals the
// formula r·(d_in + d_out) per covered linear; LoRA's loss falls; the adapter switched off gives
// the base model's sample exactly, merged gives the adapter's; ΔW has at most r non-zero singular
// values; the downloaded adapter loads back with the same sample, and the other checkpoint
// refuses it with a message naming the base hash.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { siteInBrowser } from './support/site';


// en-shakespeare: 4 blocks, d 128, MLP 4d. A small run: rank 2, 20 steps of batch 4 for each of
// LoRA and full fine-tuning (in lockstep), short samples.
const R = 2;
const STEPS = 20;
const N_LAYER = 4;
const D = 128;
const QUERY = `w.lora.backend=wasm&w.lora.r=${R}&w.lora.alpha=4&w.lora.steps=${STEPS}&w.lora.batch=4&w.lora.lr=0.02&w.lora.warmup=1&w.lora.sampleTokens=40`;

const env = siteInBrowser();

const lab = (page: Page) => page.locator('.ll');
const status = (page: Page) => lab(page).getAttribute('data-status');
async function waitIdle(page: Page, timeout = 180_000) {
  await page.waitForFunction(() => document.querySelector('.ll')?.getAttribute('data-status') === 'idle' || document.querySelector('.ll')?.getAttribute('data-status') === 'error', undefined, { timeout });
  return status(page);
}
const sampleText = (page: Page, id: string) => page.locator(`[data-testid=${id}]`).innerText();

describe('LoRALab (chapter 5, production build, WASM)', () => {
  it('trains LoRA beside full fine-tuning; off = base, merged = on; rank ≤ r; adapter round-trips and is refused by another base', async () => {
    const page = await env.browser.context.newPage();
    page.on('pageerror', (e) => console.error('pageerror:', e.message));
    await page.goto(`${env.site.url}/en/peft/?${QUERY}`);
    // First paint: the static placeholder already states the lab and its default adapter size.
    await page.waitForSelector('.wf-placeholder');
    await page.locator('.wf-placeholder', { hasText: 'LoRA lab' }).scrollIntoViewIfNeeded();
    await page.waitForSelector('.ll[data-params="url"]');
    expect(await waitIdle(page)).toBe('idle');

    // Trainable parameters: the formula, computed here independently of the lab's code.
    const perBlock = (D + 3 * D) + (D + D) + (D + 4 * D) + (4 * D + D);
    const expected = R * perBlock * N_LAYER;
    await page.getByRole('button', { name: 'Train both' }).click();
    await page.waitForFunction(() => document.querySelector('.ll')?.getAttribute('data-status') === 'training');
    // After the run the lab asks for ΔW of the first covered linear by itself: wait for that too.
    await page.waitForSelector('[data-testid=lora-singular-values]', { timeout: 240_000 });
    expect(await waitIdle(page)).toBe('idle');
    expect(Number(await page.locator('[data-testid=lora-trainable]').getAttribute('data-value'))).toBe(expected);
    expect((await page.locator('[data-testid=lora-trainable]').innerText()).replace(/,/g, '')).toBe(String(expected));
    expect((await page.locator('[data-testid=full-trainable]').innerText()).replace(/,/g, '')).toBe('809472');

    const losses = page.locator('[data-testid=lora-losses]');
    const lora = JSON.parse((await losses.getAttribute('data-lora')) ?? '[]') as number[];
    const full = JSON.parse((await losses.getAttribute('data-full')) ?? '[]') as number[];
    expect(lora).toHaveLength(STEPS);
    expect(full).toHaveLength(STEPS);
    expect(lora[0]).toBeCloseTo(full[0], 4); // same batch, same base, adapter starts at ΔW = 0
    const lastThree = (xs: number[]) => xs.slice(-3).reduce((a, b) => a + b, 0) / 3;
    expect(lastThree(lora)).toBeLessThan(lora[0]);
    expect(lastThree(full)).toBeLessThan(full[0]);
    // And on the fixed validation windows of the new text: the adapter's loss is below the base's.
    const before = Number(await losses.getAttribute('data-val-before'));
    const after = Number(await losses.getAttribute('data-val-now'));
    expect(after).toBeLessThan(before);
    console.log(`LoRA losses ${lora.map((x) => x.toFixed(3)).join(' ')} | full ${full.map((x) => x.toFixed(3)).join(' ')} | validation ${before.toFixed(3)} → ${after.toFixed(3)} (LoRA)`);

    // Adapter on after training; off reproduces the base model's sample exactly; merged = on.
    expect(await lab(page).getAttribute('data-mode')).toBe('on');
    const base = await sampleText(page, 'sample-base');
    const on = await sampleText(page, 'sample-lora');
    expect(on).not.toBe(base);
    await page.getByRole('button', { name: 'Off (base only)' }).click();
    await page.waitForSelector('.ll[data-mode="off"][data-status="idle"]');
    expect(await sampleText(page, 'sample-lora')).toBe(base);
    await page.getByRole('button', { name: /^Merged/ }).click();
    await page.waitForSelector('.ll[data-mode="merged"][data-status="idle"]');
    expect(await sampleText(page, 'sample-lora')).toBe(on);

    // ΔW of the first covered linear: at most r singular values away from zero.
    const sv = page.locator('[data-testid=lora-singular-values]');
    await sv.waitFor();
    const values = JSON.parse((await sv.getAttribute('data-values')) ?? '[]') as number[];
    expect(values).toHaveLength(D);
    expect(values[R - 1] / values[0]).toBeGreaterThan(1e-3);
    for (const v of values.slice(R)) expect(v / values[0]).toBeLessThan(1e-4);

    // Download adapter.json + adapter.bin, load them back: the same sample as the adapter on.
    const dir = mkdtempSync(path.join(tmpdir(), 'lora-adapter-'));
    const files: Promise<string>[] = [];
    const both = new Promise<void>((resolve) => {
      page.on('download', (d) => {
        const file = path.join(dir, d.suggestedFilename());
        files.push(d.saveAs(file).then(() => file));
        if (files.length === 2) resolve();
      });
    });
    await page.getByRole('button', { name: 'Download adapter' }).click();
    await both;
    const saved = await Promise.all(files);
    expect(saved.map((f) => path.basename(f)).sort()).toEqual(['adapter.bin', 'adapter.json']);
    await page.getByRole('button', { name: 'Off (base only)' }).click();
    await page.waitForSelector('.ll[data-mode="off"][data-status="idle"]');
    await page.locator('[data-testid=load-adapter]').setInputFiles(saved);
    await page.waitForSelector('.ll[data-mode="on"][data-status="idle"]');
    expect(await sampleText(page, 'sample-lora')).toBe(on);
    await page.waitForSelector('[data-testid=lora-singular-values]'); // ΔW of the loaded adapter
    expect(await waitIdle(page)).toBe('idle');

    // A truncated adapter.bin is refused, naming the tensor and the byte count.
    const truncated = path.join(dir, 'truncated', 'adapter.bin');
    mkdirSync(path.dirname(truncated));
    writeFileSync(truncated, readFileSync(saved.find((f) => f.endsWith('.bin'))!).subarray(0, 1000));
    await page.locator('[data-testid=load-adapter]').setInputFiles([saved.find((f) => f.endsWith('.json'))!, truncated]);
    await lab(page).getByRole('alert').waitFor({ timeout: 60_000 });
    expect(await lab(page).getByRole('alert').innerText()).toMatch(/tensor "h\.0\.attn\.c_attn\.lora_A": needs bytes 0–1024 but adapter\.bin has only 1000 bytes \(truncated file\?\)/);

    // The other shipped checkpoint refuses it, naming the base it was trained on.
    const enHash = await page.locator('[data-testid=base-hash]').getAttribute('data-hash');
    await page.getByRole('combobox', { name: 'Base checkpoint' }).selectOption('zh-tang-poetry');
    await page.waitForFunction((h) => { const el = document.querySelector('[data-testid=base-hash]'); return el && el.getAttribute('data-hash') !== h; }, enHash, { timeout: 180_000 });
    expect(await waitIdle(page)).toBe('idle');
    await page.locator('[data-testid=load-adapter]').setInputFiles(saved);
    const alert = lab(page).getByRole('alert'); // (Next's route announcer is an alert too)
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.innerText()).toContain(`adapter was trained on base checkpoint sha256 ${enHash}, but this model's weights hash to`);
    expect(await lab(page).getAttribute('data-mode')).toBe('off');
    await page.close();
  }, 420_000);
});
