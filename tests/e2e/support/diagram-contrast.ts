// Reads, in the browser, how readable each drawn diagram's labels are: for every node and
// subgraph (cluster) of every rendered mermaid SVG on the page, the WCAG contrast between the
// colour its label text is painted in and the fill of the shape behind it.
import type { Page } from 'playwright-core';

export interface LabelContrast {
  diagram: number;
  kind: 'node' | 'cluster';
  text: string;
  textColor: string;
  fill: string;
  ratio: number;
}

export async function diagramLabelContrasts(page: Page): Promise<LabelContrast[]> {
  // tsx (esbuild keepNames) wraps the named helpers below in __name(), which the page lacks.
  await page.evaluate('globalThis.__name ??= (fn) => fn');
  return page.evaluate(() => {
    const rgba = (css: string): [number, number, number, number] | undefined => {
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m) return undefined;
      const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const over = (top: [number, number, number, number], under: [number, number, number]) =>
      [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])) as [number, number, number];
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const results: LabelContrast[] = [];
    document.querySelectorAll('.mermaid[data-mermaid-state="rendered"]').forEach((diagram, index) => {
      const box = diagram.querySelector('.mermaid-svg')!;
      const page = rgba(getComputedStyle(box).backgroundColor)!.slice(0, 3) as [number, number, number];
      for (const group of diagram.querySelectorAll('svg g.node, svg g.cluster')) {
        const kind = group.classList.contains('cluster') ? 'cluster' : 'node';
        // The shape is the group's first drawn element outside its label.
        const shape = [...group.querySelectorAll('rect, polygon, path, circle, ellipse')].find((el) => !el.closest('.label, .cluster-label, foreignObject'));
        const shapeFill = shape ? rgba(getComputedStyle(shape).fill) : undefined;
        const fill = shapeFill ? over(shapeFill, page) : page;
        // Every element that holds label text itself: HTML labels colour it with `color`, SVG
        // <text> with `fill`.
        const holders = [...group.querySelectorAll('.label *, .cluster-label *, text, tspan')].filter((el) =>
          [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()),
        );
        for (const el of holders) {
          const style = getComputedStyle(el);
          const paint = rgba(el instanceof SVGElement ? style.fill : style.color);
          if (!paint) continue;
          const text = over(paint, fill);
          results.push({
            diagram: index + 1,
            kind,
            text: el.textContent!.trim(),
            textColor: `rgb(${text.map(Math.round).join(', ')})`,
            fill: `rgb(${fill.map(Math.round).join(', ')})`,
            ratio: Math.round(contrast(text, fill) * 100) / 100,
          });
        }
      }
    });
    return results;
  });
}
