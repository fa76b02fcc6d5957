// Collects the chapter's ## and ### headings (after rehype-slug gave them ids) for the chapter's
// own table of contents, and adds a visible anchor link to each.
import type { CompileReport } from './report';
import { textOf, walk, type TreeNode } from './tree';

export function rehypeHeadings({ report, anchorLabel }: { report: CompileReport; anchorLabel: string }) {
  return (tree: TreeNode) => {
    walk(tree, (node) => {
      if (node.type !== 'element' || (node.tagName !== 'h2' && node.tagName !== 'h3')) return;
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const id = typeof properties.id === 'string' ? properties.id : '';
      // The footnotes section's own heading is not part of the chapter's outline.
      if (!id || id.endsWith('footnote-label')) return;
      const text = textOf(node).trim();
      report.headings.push({ depth: node.tagName === 'h2' ? 2 : 3, id, text });
      node.children = [
        ...(node.children ?? []),
        {
          type: 'element',
          tagName: 'a',
          properties: { className: ['heading-anchor'], href: `#${id}`, ariaLabel: `${anchorLabel}: ${text}` },
          children: [{ type: 'text', value: '#' }],
        },
      ];
    });
  };
}
