// Renders each formula once with KaTeX before rehype-katex does. A formula KaTeX rejects becomes
// a visible error box (its source and KaTeX's message) instead of a crash or a blank, and the
// build prints a warning naming the file and line.
import katex from 'katex';
import type { Locale } from '../types';
import type { CompileReport } from './report';
import { lineOf, walk, type TreeNode } from './tree';

export const KATEX_OPTIONS = { strict: 'ignore', output: 'htmlAndMathml' } as const;

const LABEL: Record<Locale, string> = { zh: '公式无法渲染', en: 'Formula cannot be rendered' };

const text = (value: string): TreeNode => ({ type: 'text', value });
const element = (tagName: string, className: string, children: TreeNode[]): TreeNode => ({
  type: 'element',
  tagName,
  properties: { className: [className] },
  children,
});

export function remarkMathGuard({ report, locale }: { report: CompileReport; locale: Locale }) {
  return (tree: TreeNode) => {
    walk(tree, (node) => {
      if (node.type !== 'math' && node.type !== 'inlineMath') return;
      const display = node.type === 'math';
      const source = String(node.value ?? '');
      if (display) report.displayMathCount += 1;
      try {
        katex.renderToString(source, { ...KATEX_OPTIONS, displayMode: display, throwOnError: true });
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const where = `${report.file}:${lineOf(node)}`;
        report.warnings.push(`${where}: KaTeX cannot render ${display ? '$$…$$' : '$…$'} "${source.trim()}": ${message}`);
        console.warn(`warning: ${where}: KaTeX cannot render "${source.trim()}": ${message}`);
        const delimiter = display ? '$$' : '$';
        // mdast-util-to-hast builds the element from data.hName/hProperties/hChildren.
        return {
          type: display ? 'paragraph' : 'emphasis',
          children: [],
          position: node.position,
          data: {
            hName: display ? 'div' : 'span',
            hProperties: { className: ['math-error', display ? 'math-error-display' : 'math-error-inline'], role: 'note', dataMathError: '' },
            hChildren: [
              element('span', 'math-error-label', [text(`${LABEL[locale]}: ${message}`)]),
              text(' '),
              element('code', 'math-error-source', [text(`${delimiter}${source}${delimiter}`)]),
            ],
          },
        };
      }
    });
  };
}
