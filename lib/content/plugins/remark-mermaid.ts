// Turns ```mermaid fences into <Mermaid source="…" /> so the client component renders them
// (and so the code highlighter never sees them).
import type { CompileReport } from './report';
import { walk, type TreeNode } from './tree';

export function remarkMermaid({ report }: { report: CompileReport }) {
  return (tree: TreeNode) => {
    walk(tree, (node) => {
      if (node.type !== 'code' || node.lang !== 'mermaid') return;
      report.mermaidCount += 1;
      return {
        type: 'mdxJsxFlowElement',
        name: 'Mermaid',
        attributes: [{ type: 'mdxJsxAttribute', name: 'source', value: String(node.value ?? '') }],
        children: [],
        position: node.position,
      };
    });
  };
}
