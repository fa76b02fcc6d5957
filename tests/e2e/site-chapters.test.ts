// Every chapter page of the production build, in both locales, as a reader's browser shows it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { REPO_ROOT, startStaticSite, type StaticSite } from './support/server';
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

/** The feature tour's own source: what the page must show is read from the fixture itself. */
function featureTourSource(locale: 'zh' | 'en') {
  const meta = working.find((c) => c.locale === locale && c.slug === 'feature-tour')!;
  const text = readFileSync(path.resolve(REPO_ROOT, meta.file), 'utf8');
  const tableHeader = /^\|(.+)\|\s*$/m.exec(text)![1].split('|').map((cell) => cell.trim());
  const tasks = [...text.matchAll(/^- \[([ x])\] (.+)$/gm)].map((m) => ({ checked: m[1] === 'x', text: m[2].trim() }));
  const caption = /<Figure caption="([^"]+)"/.exec(text)![1];
  return { meta, tableHeader, tasks, caption };
}

// Each fenced block of the tour and a token the highlighter must colour as a keyword or key
// (never the block's plain text colour).
const CODE_BLOCKS = [
  { language: 'python', fence: '```python', token: 'import' },
  { language: 'typescript', fence: '```ts', token: 'const' },
  { language: 'json', fence: '```json', token: '"n_layer"' },
  { language: 'yaml', fence: '```yaml', token: 'n_layer' },
  { language: 'bash', fence: '```bash', token: 'npm' },
];

describe.each(['zh', 'en'] as const)('%s feature tour: the Markdown features a chapter can use', (locale) => {
  const tour = featureTourSource(locale);

  it('has footnotes with a working link there and back, task-list checkboxes and a table', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/${locale}/feature-tour/`, { waitUntil: 'networkidle' });
    // Footnotes: the reference, the footnotes section with its one item, and the back-link.
    const footnotes = page.locator('section.footnotes[data-footnotes]');
    expect(await footnotes.count()).toBe(1);
    const items = footnotes.locator('ol > li');
    expect(await items.count()).toBe(1);
    expect(await items.first().textContent()).toContain(locale === 'zh' ? '以奈特为单位' : 'in nats');
    await page.click('sup a[data-footnote-ref]');
    expect(await page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${await items.first().getAttribute('id')}`);
    expect(await page.locator('section.footnotes li:target').count()).toBe(1);
    const back = items.first().locator('a.data-footnote-backref');
    expect(await back.getAttribute('aria-label')).toBe(locale === 'zh' ? '返回正文' : 'Back to text');
    await back.click();
    expect(await page.evaluate(() => decodeURIComponent(location.hash))).toBe(`#${await page.getAttribute('sup a[data-footnote-ref]', 'id')}`);
    expect(await page.locator('sup a[data-footnote-ref]:target').count()).toBe(1);

    // Task list: one disabled checkbox per item, checked where the source says [x].
    const boxes = page.locator('.prose li.task-list-item > input[type="checkbox"]');
    expect(await boxes.count()).toBe(tour.tasks.length);
    for (let i = 0; i < tour.tasks.length; i++) {
      expect(await boxes.nth(i).isDisabled()).toBe(true);
      expect(await boxes.nth(i).isChecked(), tour.tasks[i].text).toBe(tour.tasks[i].checked);
      expect((await page.locator('.prose li.task-list-item').nth(i).textContent())?.trim()).toBe(tour.tasks[i].text);
    }
    expect(tour.tasks.filter((t) => t.checked).length).toBe(1);

    // Table: the header cells of the source's table.
    expect((await page.locator('.prose table thead th').allTextContents()).map((t) => t.trim())).toEqual(tour.tableHeader);
    expect(await page.locator('.prose table tbody tr').count()).toBe(2);
    await page.close();
  });

  it('highlights Python, TypeScript, JSON, YAML and bash at build time; shows callouts, a captioned figure and citations', async () => {
    const source = readFileSync(path.resolve(REPO_ROOT, tour.meta.file), 'utf8');
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/${locale}/feature-tour/`, { waitUntil: 'networkidle' });
    const blocks = page.locator('.prose pre.shiki');
    expect(await blocks.count()).toBe(CODE_BLOCKS.length);
    for (const [i, block] of CODE_BLOCKS.entries()) {
      expect(source, `the fixture has a ${block.language} block`).toContain(`${block.fence}\n`);
      const pre = blocks.nth(i);
      const { plain, colours, token } = await pre.evaluate((el, wanted) => {
        const spans = [...el.querySelectorAll('.line span')] as HTMLElement[];
        return {
          plain: getComputedStyle(el).color,
          colours: new Set(spans.map((s) => getComputedStyle(s).color)).size,
          token: spans.find((s) => s.textContent!.trim() === wanted)?.style.color,
        };
      }, block.token);
      expect(colours, `${block.language}: distinct token colours`).toBeGreaterThanOrEqual(2);
      expect(token, `${block.language}: "${block.token}" is a coloured token`).toBeTruthy();
      expect(token!.replace(/\s/g, ''), `${block.language}: "${block.token}"`).not.toBe(plain.replace(/\s/g, ''));
    }

    // One callout of each type, with its localised title.
    for (const type of ['note', 'tip', 'warning']) expect(await page.locator(`.callout.callout-${type}`).count(), type).toBe(1);
    expect((await page.locator('.callout-tip .callout-title').textContent())?.trim()).toContain(locale === 'zh' ? '动手试试' : 'Try it');

    // <Figure caption>: a figure with its diagram and the caption under it.
    const figure = page.locator('figure.figure');
    expect(await figure.count()).toBe(1);
    expect((await figure.locator('figcaption').textContent())?.trim()).toBe(tour.caption);
    expect(await figure.locator('.mermaid').count()).toBe(1);

    // <Cite>: numbered links into the chapter's sources list; following one lands on its entry.
    const cite = page.locator('a.cite').first();
    const target = (await cite.getAttribute('href'))!;
    expect(target).toBe(`#source-${tour.meta.sources[0].id}`);
    await cite.click();
    expect(await page.locator(`.sources li${target}:target`).count()).toBe(1);
    expect(await page.locator(`.sources li${target}`).textContent()).toContain(tour.meta.sources[0].title);
    await page.close();
  });
});
