import { getMDXComponent } from 'mdx-bundler/client';
import type { ReactNode } from 'react';

type MdxComponents = Parameters<ReturnType<typeof getMDXComponent>>[0]['components'];

/**
 * Evaluates a chapter's compiled MDX on the server with the registry's components. The MDX
 * content function uses no hooks, so calling it directly is the same as rendering it as a
 * component — without creating a component type during render.
 */
export function renderMdx(code: string, components: Record<string, unknown>): ReactNode {
  const content = getMDXComponent(code);
  return content({ components: components as MdxComponents });
}
