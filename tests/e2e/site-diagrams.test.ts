// Diagrams as a reader sees them: the mermaid features chapters use (subgraphs, style lines,
// <br> in labels, quoted and Chinese labels), and label text readable on every node and
// subgraph fill in both themes (chapter authors colour fills for the light page only).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { diagramLabelContrasts } from './support/diagram-contrast';
import { settleDiagrams, siteInBrowser } from './support/site';

const env = siteInBrowser();

async function openInTheme(url: string, theme: 'light' | 'dark'): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.site.url}/en/`);
  await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
  await page.goto(`${env.site.url}${url}`, { waitUntil: 'networkidle' });
  await settleDiagrams(page);
  return page;
}

describe.each(['zh', 'en'] as const)('%s feature tour: mermaid features', (locale) => {
  const labels = {
    zh: { cluster: 'Transformer 块', twoLines: ['前馈网络', 'MLP'], oneLine: '词元' },
    en: { cluster: 'Transformer block', twoLines: ['MLP', 'feed-forward'], oneLine: 'Tokens' },
  }[locale];

  it('draws the subgraph with its title and style fill, a <br> label on two lines, quoted and Chinese labels', async () => {
    const page = await openInTheme(`/${locale}/feature-tour/`, 'light');
    const svg = page.locator('figure .mermaid[data-mermaid-state="rendered"] svg');
    expect(await svg.count()).toBe(1);
    // Subgraph: one cluster, titled as in the source, filled and outlined by `style block …`.
    const cluster = svg.locator('g.cluster');
    expect(await cluster.count()).toBe(1);
    expect((await cluster.locator('.cluster-label').textContent())?.trim()).toBe(labels.cluster);
    const shape = await cluster.locator('rect').first().evaluate((r) => [getComputedStyle(r).fill, getComputedStyle(r).stroke]);
    expect(shape).toEqual(['rgb(238, 246, 255)', 'rgb(59, 130, 246)']); // #eef6ff, #3b82f6

    const nodeTexts = (await svg.locator('g.node').allTextContents()).map((t) => t.trim());
    // Quoted labels lose their quotes; Chinese labels come through as written.
    expect(nodeTexts).toContain('自注意力 (self-attention)');
    expect(nodeTexts).toContain('下一个词 / next token');
    expect(nodeTexts).toContain(labels.oneLine);
    // <br>: never shown as text; the label breaks into two lines (twice a one-line label's height).
    expect((await svg.textContent())!.includes('<br')).toBe(false);
    const withBreak = svg.locator('g.node', { hasText: labels.twoLines[0] });
    expect((await withBreak.textContent())?.replace(/\s/g, '')).toBe(labels.twoLines.join('').replace(/\s/g, ''));
    const height = (node: ReturnType<typeof svg.locator>) => node.locator('.nodeLabel').evaluate((el) => el.getBoundingClientRect().height);
    const oneLine = await height(svg.locator('g.node', { hasText: labels.oneLine }));
    expect(await height(withBreak)).toBeGreaterThan(1.7 * oneLine);
    await page.close();
  });
});

describe.each(['zh', 'en'] as const)('%s chapter 1 diagrams', (locale) => {
  it.each(['light', 'dark'] as const)('%s: every node and subgraph label has contrast ≥ 4.5 with its fill', async (theme) => {
    const page = await openInTheme(`/${locale}/meet-the-llm/`, theme);
    const diagrams = page.locator('.mermaid');
    expect(await diagrams.count()).toBeGreaterThanOrEqual(2);
    for (const state of await diagrams.evaluateAll((all) => all.map((d) => `${d.getAttribute('data-mermaid-state')}/${d.getAttribute('data-mermaid-theme')}`))) {
      expect(state).toBe(`rendered/${theme}`);
    }
    const contrasts = await diagramLabelContrasts(page);
    // Both kinds are measured (the chapter's diagrams have styled subgraphs and styled nodes).
    expect(contrasts.filter((c) => c.kind === 'cluster').length).toBeGreaterThanOrEqual(4);
    expect(contrasts.filter((c) => c.kind === 'node').length).toBeGreaterThanOrEqual(10);
    const unreadable = contrasts.filter((c) => c.ratio < 4.5).map((c) => `diagram ${c.diagram} ${c.kind} "${c.text}": ${c.textColor} on ${c.fill} = ${c.ratio}`);
    expect(unreadable).toEqual([]);
    await page.close();
  });
});
