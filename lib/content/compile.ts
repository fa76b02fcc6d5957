// Compiles one chapter with mdx-bundler: GFM, math (checked, then KaTeX HTML), mermaid fences
// handed to the client, code highlighted by Shiki in a light and a dark theme, heading ids.
// Any problem is thrown as `file:line: message`; results are cached per process by content.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import rehypeShiki from '@shikijs/rehype';
import { bundleMDX } from 'mdx-bundler';
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { ContentError, ContentErrors } from './errors';
import { rehypeHeadings } from './plugins/rehype-headings';
import { remarkComponents } from './plugins/remark-components';
import { KATEX_OPTIONS, remarkMathGuard } from './plugins/remark-math-guard';
import { remarkMermaid } from './plugins/remark-mermaid';
import { newReport } from './plugins/report';
import type { ChapterMeta, CompiledChapter, Locale } from './types';

/** Languages chapters may highlight; anything else is shown as plain text. */
export const CODE_LANGUAGES = ['python', 'typescript', 'tsx', 'javascript', 'json', 'yaml', 'bash'] as const;

const UI: Record<Locale, { footnotes: string; back: string; anchor: string }> = {
  zh: { footnotes: '脚注', back: '返回正文', anchor: '本节链接' },
  en: { footnotes: 'Footnotes', back: 'Back to text', anchor: 'Link to this section' },
};

export interface CompileOptions {
  /** Every tag name the MDX registry provides (components/mdx/registry.tsx). */
  knownComponents: readonly string[];
}

const cache = new Map<string, Promise<CompiledChapter>>();

export function compileChapter(meta: ChapterMeta, options: CompileOptions): Promise<CompiledChapter> {
  const source = readFileSync(meta.absolutePath, 'utf8');
  const key = createHash('sha256').update(meta.file).update('\0').update(source).update('\0').update(options.knownComponents.join(',')).digest('hex');
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileSource(meta, source, options);
    cache.set(key, compiled);
    compiled.catch(() => cache.delete(key)); // a fixed file compiles again
  }
  return compiled;
}

interface EsbuildMessage {
  text: string;
  location?: { line: number; column: number } | null;
}

/** esbuild and MDX errors → `file:line: message` (their line numbers count the front matter too). */
function rethrow(error: unknown, file: string): never {
  const messages = (error as { errors?: EsbuildMessage[] }).errors;
  if (Array.isArray(messages) && messages.length) {
    throw new ContentErrors(
      messages.map((m) => {
        const text = m.text.replace(/^\[plugin: [^\]]+\]\s*/, '');
        // Some MDX errors (an unclosed JSX tag) reach esbuild without a location (line 0) and carry
        // their place only as text: "Cannot process MDX file with esbuild:\n  1:1: Expected a
        // closing tag for `<Callout>` (75:1-75:22)". The range is the tag's own line.
        const range = /\((\d+):\d+-\d+:\d+\)\s*$/.exec(text);
        const line = m.location?.line || (range ? Number(range[1]) : 1);
        return new ContentError(file, line, `MDX does not compile: ${text.replace(/^Cannot process MDX file with esbuild:\s*\d+:\d+:\s*/, '')}`);
      }),
    );
  }
  if (error instanceof ContentError || error instanceof ContentErrors) throw error;
  const place = error as { line?: number; reason?: string; message?: string };
  throw new ContentError(file, place.line ?? 1, `MDX does not compile: ${place.reason ?? place.message ?? String(error)}`);
}

async function compileSource(meta: ChapterMeta, source: string, options: CompileOptions): Promise<CompiledChapter> {
  const report = newReport(meta.file);
  const ui = UI[meta.locale];
  let code: string;
  try {
    ({ code } = await bundleMDX({
      source,
      // Errors are rethrown below as file:line; esbuild's own log would print them twice.
      esbuildOptions: (esbuild) => ({ ...esbuild, logLevel: 'silent' }),
      mdxOptions(mdx) {
        mdx.remarkPlugins = [
          ...(mdx.remarkPlugins ?? []),
          remarkGfm,
          remarkMath,
          [remarkComponents, { report, knownComponents: options.knownComponents, sourceIds: meta.sources.map((s) => s.id) }],
          [remarkMermaid, { report }],
          [remarkMathGuard, { report, locale: meta.locale }],
        ];
        // KaTeX before Shiki: remark-math's output is `code.language-math`, which Shiki would grab.
        mdx.rehypePlugins = [
          ...(mdx.rehypePlugins ?? []),
          rehypeSlug,
          [rehypeKatex, KATEX_OPTIONS],
          [
            rehypeShiki,
            {
              themes: { light: 'github-light', dark: 'github-dark' },
              langs: [...CODE_LANGUAGES],
              defaultLanguage: 'text',
              fallbackLanguage: 'text',
            },
          ],
          [rehypeHeadings, { report, anchorLabel: ui.anchor }],
        ];
        mdx.remarkRehypeOptions = { ...mdx.remarkRehypeOptions, footnoteLabel: ui.footnotes, footnoteBackLabel: ui.back };
        return mdx;
      },
    }));
  } catch (error) {
    rethrow(error, meta.file);
  }
  if (report.errors.length) throw new ContentErrors(report.errors);
  return {
    meta,
    code,
    headings: report.headings,
    citedIds: report.citedIds,
    componentNames: [...report.componentNames].sort(),
    displayMathCount: report.displayMathCount,
    mermaidCount: report.mermaidCount,
    warnings: report.warnings,
  };
}
