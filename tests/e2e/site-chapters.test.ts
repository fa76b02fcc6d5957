// Every chapter page of the production build, in both locales, as a reader's browser shows it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startStaticSite, type StaticSite } from './support/server';
import { compile, settleDiagrams, testBuildChapters, watchPage } from './support/site';

const chapters = testBuildChapters();
const working = chapters.filter((c) => c.slug !== 'broken-on-purpose');
let site: StaticSite;
let browser: LaunchedBrowser;

beforeAll(async () => {
  site = await startStaticSite();
  browser = await launchChromium({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

/** Font families Chromium actually drew `selector`'s text with (not what CSS asked for). */
async function platformFonts(cdp: CDPSession, selector: string): Promise<string[]> {
  const { root } = await cdp.send('DOM.getDocument');
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  return fonts.map((f) => f.familyName);
}

describe.each(working)('$file', (meta) => {
  it('loads with no console error or failed request; every formula is KaTeX, every diagram an SVG', async () => {
    const compiled = await compile(meta);
    const page: Page = await browser.context.newPage();
    const problems = watchPage(page);
    const response = await page.goto(`${site.url}/${meta.locale}/${meta.slug}/`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(200);
    await settleDiagrams(page);

    expect(await page.getAttribute('html', 'lang')).toBe(meta.locale === 'zh' ? 'zh-CN' : 'en');
    expect((await page.textContent('h1'))?.trim()).toBe(meta.title);
    // Display formulas: one KaTeX rendering per $$…$$ in the source, no error boxes.
    expect(await page.locator('.katex-display > .katex > .katex-html').count()).toBe(compiled.displayMathCount);
    expect(await page.locator('.math-error').count()).toBe(0);
    // Diagrams: every ```mermaid block became an SVG with drawn nodes.
    const diagrams = page.locator('.mermaid');
    expect(await diagrams.count()).toBe(compiled.mermaidCount);
    expect(await page.locator('.mermaid[data-mermaid-state="rendered"] svg').count()).toBe(compiled.mermaidCount);
    for (let i = 0; i < compiled.mermaidCount; i++) {
      expect(await diagrams.nth(i).locator('svg .node, svg .actor, svg g[class*="node"]').count(), `diagram ${i + 1}`).toBeGreaterThan(0);
    }
    // The chapter's own table of contents points at headings that exist.
    const anchors = await page.$$eval('.chapter-toc a', (links) => links.map((a) => decodeURIComponent(a.getAttribute('href')!.slice(1))));
    expect(anchors.length).toBeGreaterThanOrEqual(compiled.headings.length);
    for (const id of anchors) expect(await page.locator(`[id="${id}"]`).count(), `#${id}`).toBe(1);
    // Every citation link lands on an entry of the source list.
    const cites = await page.$$eval('a.cite', (links) => links.map((a) => a.getAttribute('href')!.slice(1)));
    for (const id of cites) expect(await page.locator(`.sources li[id="${id}"]`).count(), `#${id}`).toBe(1);
    expect(await page.locator('.sources li').count()).toBe(meta.sources.length);

    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], pageErrors: [] });
    await page.close();
  });
});

describe('the deliberately broken fixture chapter', () => {
  it.each(['zh', 'en'] as const)('%s: shows a formula error box and a diagram error box, and the rest of the page', async (locale) => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${site.url}/${locale}/broken-on-purpose/`, { waitUntil: 'networkidle' });
    await settleDiagrams(page);
    // Formulas: a block box and an inline box, each with the source and KaTeX's message.
    const display = page.locator('.math-error-display');
    expect(await display.count()).toBe(1);
    expect(await display.textContent()).toContain('\\left( x^2 + \\frac{1}{2');
    expect(await display.textContent()).toContain('KaTeX parse error');
    expect(await page.locator('.math-error-inline').count()).toBe(1);
    expect(await display.isVisible()).toBe(true);
    // The good formula next to them still renders.
    expect(await page.locator('.katex').count()).toBeGreaterThanOrEqual(1);
    // Diagram: the source and the parser's message in a box, no SVG.
    const box = page.locator('.mermaid[data-mermaid-state="error"] .mermaid-error');
    expect(await box.isVisible()).toBe(true);
    expect(await box.locator('.mermaid-error-message').textContent()).toMatch(/Parse error on line 2/);
    expect(await box.locator('.mermaid-source').textContent()).toContain('A[Start] --> --> B(');
    // Text after the boxes, the sources and the chapter navigation are all there.
    expect(await page.locator('.prose p').last().isVisible()).toBe(true);
    expect(await page.locator('.sources li').count()).toBe(1);
    expect(await page.locator('.chapter-nav a').count()).toBe(2);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.failedRequests).toEqual([]);
    await page.close();
  });
});

describe('Chinese text', () => {
  it('is drawn with a real CJK font in headings, prose and diagram labels (no tofu)', async () => {
    const zh = working.find((c) => c.locale === 'zh' && c.slug === 'feature-tour')!;
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/zh/${zh.slug}/`, { waitUntil: 'networkidle' });
    await settleDiagrams(page);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const cjk = /CJK|PingFang|Hiragino|Source Han|YaHei|WenQuanYi/;
    for (const selector of ['h1', '.prose p', '.mermaid svg .nodeLabel']) {
      const fonts = await platformFonts(cdp, selector);
      expect(fonts.some((f) => cjk.test(f)), `${selector}: ${fonts.join(', ')}`).toBe(true);
    }
    await page.close();
  });
});
