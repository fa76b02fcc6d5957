// The diagram colour rewrite (components/mdx/mermaid-colors.ts): every `style` fill the chapters
// use gets readable label text in both themes, and dark mode turns pale fills dark, same hue.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptDiagramColors, adaptStyle, contrast, DARK_TEXT, LIGHT_TEXT, luminance, MIN_TEXT_CONTRAST, parseHex } from '@/components/mdx/mermaid-colors';

const props = (style: string) => Object.fromEntries(style.split(',').map((p) => p.split(':') as [string, string]));

/** Every distinct `style …` property list in the book's chapters. */
function chapterStyles(): string[] {
  const styles = new Set<string>();
  for (const locale of ['zh', 'en']) {
    const dir = path.join(process.cwd(), 'content', locale);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.mdx'))) {
      for (const match of readFileSync(path.join(dir, file), 'utf8').matchAll(/^\s*style\s+\S+\s+(\S+)\s*$/gm)) styles.add(match[1]);
    }
  }
  return [...styles];
}

describe('contrast (WCAG 2)', () => {
  it('matches the reference ratios', () => {
    expect(contrast(parseHex('#000')!, parseHex('#fff')!)).toBeCloseTo(21, 5);
    expect(contrast(parseHex('#777777')!, parseHex('#ffffff')!)).toBeCloseTo(4.48, 2);
    expect(luminance(parseHex('#ffffff')!)).toBe(1);
    expect(parseHex('steelblue')).toBeUndefined();
  });
});

describe('the chapters’ diagram styles', () => {
  const styles = chapterStyles();
  it('are found (the book colours its diagrams)', () => {
    expect(styles.length).toBeGreaterThanOrEqual(10);
  });

  it.each(['light', 'dark'] as const)('%s: every styled node gets text with contrast ≥ 4.5 to its fill', (theme) => {
    for (const style of styles) {
      const out = props(adaptStyle(style, theme));
      const ratio = contrast(parseHex(out.color)!, parseHex(out.fill)!);
      expect(ratio, `${style} → ${adaptStyle(style, theme)}`).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it('light: keeps the author’s fill and stroke, with dark text', () => {
    for (const style of styles) {
      const out = props(adaptStyle(style, 'light'));
      expect(out.fill).toBe(props(style).fill);
      expect(out.stroke).toBe(props(style).stroke);
      expect(out.color, style).toBe(DARK_TEXT);
    }
  });

  it('dark: turns each pale fill dark, keeps its hue, and draws light text', () => {
    for (const style of styles) {
      const [before, after] = [parseHex(props(style).fill)!, parseHex(props(adaptStyle(style, 'dark')).fill)!];
      expect(luminance(after), style).toBeLessThan(0.08); // white text on it: contrast > 8
      // The strongest channel stays the strongest: a green group stays green, a blue one blue.
      if (Math.max(...before) - Math.min(...before) > 8) expect(after.indexOf(Math.max(...after)), style).toBe(before.indexOf(Math.max(...before)));
      expect(props(adaptStyle(style, 'dark')).color).toBe(LIGHT_TEXT);
    }
  });
});

describe('adaptStyle', () => {
  it('keeps an author’s readable text colour and replaces an unreadable one', () => {
    expect(adaptStyle('fill:#1e3a8a,color:#ffffff', 'light')).toBe('fill:#1e3a8a,color:#ffffff');
    expect(adaptStyle('fill:#1e3a8a,color:#333', 'light')).toBe(`fill:#1e3a8a,color:${LIGHT_TEXT}`);
  });

  it('keeps other properties, and leaves a style without a hex fill alone', () => {
    expect(adaptStyle('fill:#f9f,stroke:#333,stroke-width:4px', 'light')).toBe(`fill:#ff99ff,stroke:#333,stroke-width:4px,color:${DARK_TEXT}`);
    expect(adaptStyle('stroke:#333,stroke-dasharray:5 5', 'dark')).toBe('stroke:#333,stroke-dasharray:5 5');
    expect(adaptStyle('fill:pink', 'dark')).toBe('fill:pink');
  });

  it('lightens a dark stroke in dark mode so the outline stays visible', () => {
    const out = props(adaptStyle('fill:#dcfce7,stroke:#16a34a', 'dark'));
    expect(luminance(parseHex(out.stroke)!)).toBeGreaterThan(luminance(parseHex('#16a34a')!));
  });
});

describe('adaptDiagramColors', () => {
  const source = ['flowchart TD', '  subgraph block["A, B: C"]', '    A[x] --> B', '  end', '  style block fill:#eef6ff,stroke:#3b82f6;', '  classDef hot fill:#fee2e2'].join('\n');

  it('rewrites style and classDef lines only, line for line (parse errors keep their line numbers)', () => {
    const out = adaptDiagramColors(source, 'dark').split('\n');
    const lines = source.split('\n');
    expect(out.length).toBe(lines.length);
    expect(out.slice(0, 4)).toEqual(lines.slice(0, 4));
    expect(out[4]).toMatch(/^ {2}style block fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#f9fafb;$/);
    expect(out[5]).toMatch(/^ {2}classDef hot fill:#[0-9a-f]{6},color:#f9fafb$/);
  });

  it('light: only adds the text colour', () => {
    expect(adaptDiagramColors(source, 'light').split('\n')[4]).toBe(`  style block fill:#eef6ff,stroke:#3b82f6,color:${DARK_TEXT};`);
  });
});
