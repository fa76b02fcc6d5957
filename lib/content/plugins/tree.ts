// A minimal walker over unist trees (mdast and hast), so the plugins need no extra dependencies.

export interface TreeNode {
  type: string;
  children?: TreeNode[];
  position?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

/** A JSX tag in MDX (`mdxJsxFlowElement` / `mdxJsxTextElement`). */
export interface JsxNode extends TreeNode {
  name: string | null;
  attributes: Array<{ type: string; name?: string; value?: unknown }>;
}

/**
 * Calls `visit` on every node, depth first. `visit` may return a replacement node (or list of
 * nodes) for the one it was given; replacements are not walked again.
 */
export function walk(
  node: TreeNode,
  visit: (node: TreeNode, parent: TreeNode | null) => TreeNode | TreeNode[] | void,
  parent: TreeNode | null = null,
): void {
  const replacement = visit(node, parent);
  if (replacement && parent?.children) {
    const index = parent.children.indexOf(node);
    parent.children.splice(index, 1, ...(Array.isArray(replacement) ? replacement : [replacement]));
    return;
  }
  // Copy: a visitor may splice the list while we walk it.
  for (const child of [...(node.children ?? [])]) walk(child, visit, node);
}

export const lineOf = (node: TreeNode) => node.position?.start.line ?? 1;

export const isJsx = (node: TreeNode): node is JsxNode =>
  node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

/** The value of a string attribute (`id="x"`), or undefined (absent, or an `{expression}`). */
export function stringAttribute(node: JsxNode, name: string): string | undefined {
  const attribute = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof attribute?.value === 'string' ? attribute.value : undefined;
}

/** The text content of a hast element. */
export function textOf(node: TreeNode): string {
  if (node.type === 'text') return String(node.value ?? '');
  return (node.children ?? []).map(textOf).join('');
}
