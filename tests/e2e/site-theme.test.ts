// Light and dark: the toggle, the stored choice applied before first paint, the system
// preference for first-time readers, diagrams redrawn in the dark palette, and print.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startStaticSite, type StaticSite } from './support/server';
import { settleDiagrams, watchPage } from './support/site';

let site: StaticSite;
let browser: LaunchedBrowser;

beforeAll(async () => {
  site = await startStaticSite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

const background = () => getComputedStyle(document.body).backgroundColor;

describe('theme', () => {
  it('toggles to dark, redraws diagrams in the dark palette, and keeps the choice across pages', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${site.url}/zh/`);
    await page.evaluate(() => localStorage.removeItem('book-theme'));
    await page.goto(`${site.url}/en/feature-tour/`, { waitUntil: 'networkidle' });
    await settleDiagrams(page);
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    const lightBackground = await page.evaluate(background);
    const diagram = page.locator('.mermaid').first();
    expect(await diagram.getAttribute('data-mermaid-theme')).toBe('light');
    const lightSvg = await diagram.locator('svg').innerHTML();

    await page.click('.theme-toggle');
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await page.getAttribute('.theme-toggle', 'aria-pressed')).toBe('true');
    expect(await page.evaluate(background)).not.toBe(lightBackground);
    await page.waitForFunction(() => [...document.querySelectorAll('.mermaid')].every((m) => m.getAttribute('data-mermaid-theme') === 'dark'));
    const darkSvg = await diagram.locator('svg').innerHTML();
    expect(darkSvg).not.toBe(lightSvg);
    // Mermaid's dark theme draws nodes on a dark fill.
    const nodeFill = await diagram.locator('svg .node rect, svg .node polygon').first().evaluate((el) => getComputedStyle(el).fill);
    const [r, g, b] = nodeFill.match(/\d+/g)!.map(Number);
    expect((r + g + b) / 3, `node fill ${nodeFill}`).toBeLessThan(110);

    // The choice survives a reload and applies before first paint: the inline script has set it
    // by the time the parser reaches the page header (the first thing painted).
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        if (!document.querySelector('header')) return;
        (window as unknown as { themeAtHeader?: string }).themeAtHeader = document.documentElement.dataset.theme;
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${site.url}/zh/`);
    expect(await page.evaluate(() => (window as unknown as { themeAtHeader?: string }).themeAtHeader)).toBe('dark');
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });

    await page.click('.theme-toggle');
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    await page.close();
  });

  it('follows the system preference for a reader who never chose', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/zh/`);
    await page.evaluate(() => localStorage.removeItem('book-theme'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.reload();
    expect(await page.getAttribute('html', 'data-theme')).toBe('light');
    await page.close();
  });

  it('prints black on white without the header, outline or navigation, even in dark mode', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/zh/`);
    await page.evaluate(() => localStorage.setItem('book-theme', 'dark'));
    await page.goto(`${site.url}/zh/feature-tour/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator('.chapter-aside').isVisible()).toBe(false);
    expect(await page.locator('.chapter-nav').isVisible()).toBe(false);
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)');
    expect(await page.evaluate(background)).toBe('rgb(255, 255, 255)');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    await page.evaluate(() => localStorage.removeItem('book-theme'));
    await page.close();
  });

  // Diagrams render only near the viewport, and in the site's palette: for paper every one of
  // them is drawn, in the light palette, even those the reader never scrolled to.
  const diagramStates = (page: Page) => page.$$eval('.mermaid', (all) => all.map((d) => `${d.getAttribute('data-mermaid-state')}/${d.getAttribute('data-mermaid-theme') ?? '-'}`));
  const allPrintable = () =>
    [...document.querySelectorAll('.mermaid')].every((d) => d.getAttribute('data-mermaid-theme') === 'light' && d.querySelector('.mermaid-svg svg'));

  it('print view: every diagram of a dark-mode page is an SVG in the light palette', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${site.url}/zh/`);
    await page.evaluate(() => localStorage.setItem('book-theme', 'dark'));
    await page.goto(`${site.url}/zh/meet-the-llm/`, { waitUntil: 'networkidle' });
    // The chapter's diagrams are far below the first screen: not drawn yet.
    const before = await diagramStates(page);
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.every((s) => s === 'pending/-'), before.join(', ')).toBe(true);
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(allPrintable, undefined, { timeout: 90_000 });
    expect(await page.locator('.mermaid .mermaid-svg svg').count()).toBe(before.length);
    expect(await page.locator('.mermaid-source').count()).toBe(0);
    // Back on screen, the reader's dark palette returns.
    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(() => [...document.querySelectorAll('.mermaid')].every((d) => d.getAttribute('data-mermaid-theme') === 'dark'), undefined, { timeout: 90_000 });
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });
    await page.evaluate(() => localStorage.removeItem('book-theme'));
    await page.close();
  });

  it('beforeprint (what the print dialog fires) draws every pending diagram too', async () => {
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${site.url}/en/meet-the-llm/`, { waitUntil: 'networkidle' });
    expect((await diagramStates(page)).every((s) => s === 'pending/-')).toBe(true);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.waitForFunction(allPrintable, undefined, { timeout: 90_000 });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    await page.close();
  });
});
