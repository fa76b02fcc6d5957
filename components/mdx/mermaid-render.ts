// Loads mermaid on first use (it is ~1 MB: never in the first-load bundle) and renders one
// diagram at a time, because mermaid.initialize() sets a global theme.
import type { Theme } from '@/components/site/theme';
import { adaptDiagramColors } from './mermaid-colors';

export type MermaidResult = { svg: string; error?: undefined } | { svg?: undefined; error: string };

// Mermaid measures labels with this font, so CJK labels get boxes that fit them.
const FONT_STACK = '"Noto Sans CJK SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Source Han Sans SC", system-ui, sans-serif';

let mermaidModule: Promise<typeof import('mermaid').default> | undefined;
let queue: Promise<unknown> = Promise.resolve();
let counter = 0;

export function renderMermaid(source: string, theme: Theme): Promise<MermaidResult> {
  mermaidModule ??= import('mermaid').then((m) => m.default);
  const job = queue.then(async (): Promise<MermaidResult> => {
    const mermaid = await mermaidModule!;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: theme === 'dark' ? 'dark' : 'default',
      fontFamily: FONT_STACK,
      themeVariables: { fontFamily: FONT_STACK, fontSize: '17px' },
    });
    const id = `mermaid-diagram-${++counter}`;
    // Same lines as the author's source (only style/classDef colours change), so a parse
    // error's line number still points at the chapter's text.
    const drawn = adaptDiagramColors(source, theme);
    try {
      await mermaid.parse(drawn);
      const { svg } = await mermaid.render(id, drawn);
      return { svg };
    } catch (error) {
      // A failed render can leave its scratch element in <body>.
      document.getElementById(id)?.remove();
      document.getElementById(`d${id}`)?.remove();
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  queue = job.catch(() => undefined);
  return job;
}
