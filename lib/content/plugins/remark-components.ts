// Checks every capitalised JSX tag against the component registry, and every <Cite id> against
// the chapter's sources. lib/ cannot import the registry (components/ is above it), so the app
// passes the names in.
import { ContentError } from '../errors';
import type { CompileReport } from './report';
import { isJsx, lineOf, stringAttribute, walk, type TreeNode } from './tree';

/** The chapter contract's callout kinds (content-contract.md). */
export const CALLOUT_TYPES = ['note', 'tip', 'warning'];

export interface ComponentCheckOptions {
  report: CompileReport;
  knownComponents: readonly string[];
  sourceIds: readonly string[];
}

export function remarkComponents({ report, knownComponents, sourceIds }: ComponentCheckOptions) {
  const known = new Set(knownComponents);
  return (tree: TreeNode) => {
    walk(tree, (node) => {
      if (!isJsx(node) || !node.name) return;
      const name = node.name;
      // Lowercase names are HTML elements (<br />, <sup>), which MDX passes through.
      if (!/^[A-Z]/.test(name) && !name.includes('.')) return;
      report.componentNames.add(name);
      if (!known.has(name)) {
        report.errors.push(
          new ContentError(report.file, lineOf(node), `<${name}> is not a known component (known: ${[...known].sort().join(', ')})`),
        );
        return;
      }
      if (name === 'Callout') {
        const type = stringAttribute(node, 'type');
        if (type !== undefined && !CALLOUT_TYPES.includes(type)) {
          report.errors.push(new ContentError(report.file, lineOf(node), `<Callout type="${type}"> must be one of ${CALLOUT_TYPES.join(', ')}`));
        }
      }
      if (name === 'Figure' && !stringAttribute(node, 'caption')) {
        report.errors.push(new ContentError(report.file, lineOf(node), '<Figure> needs a caption="…" (number it yourself: "图 1：…" / "Figure 1: …")'));
      }
      if (name === 'Cite') {
        const id = stringAttribute(node, 'id');
        if (!id) {
          report.errors.push(new ContentError(report.file, lineOf(node), '<Cite> needs an id="…" naming one of the chapter\'s sources'));
        } else if (!sourceIds.includes(id)) {
          report.errors.push(
            new ContentError(report.file, lineOf(node), `<Cite id="${id}"> names no source of this chapter (sources: ${sourceIds.join(', ')})`),
          );
        } else if (!report.citedIds.includes(id)) {
          report.citedIds.push(id);
        }
      }
    });
  };
}
