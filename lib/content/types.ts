// The shapes lib/content hands to the app. Plain data only: they cross into React as props.

export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}

/** One entry of a chapter's bibliography (front matter `sources`). */
export interface Source {
  id: string;
  title: string;
  authors: string;
  year: number;
  venue?: string;
  url?: string;
}

/** What the front matter says, after validation. */
export interface FrontMatter {
  title: string;
  order: number;
  summary: string;
  sources: Source[];
}

/** A chapter file found on disk and validated, not yet compiled. */
export interface ChapterMeta extends FrontMatter {
  locale: Locale;
  /** URL segment: `meet-the-llm` for `01-meet-the-llm.mdx`. */
  slug: string;
  /** Path relative to the repository root, as error messages print it. */
  file: string;
  /** Absolute path, for reading. */
  absolutePath: string;
}

/** A `##` or `###` heading of a chapter, for its own table of contents. */
export interface Heading {
  depth: 2 | 3;
  id: string;
  text: string;
}

export interface CompiledChapter {
  meta: ChapterMeta;
  /** mdx-bundler output: the body of a function returning the MDX component. */
  code: string;
  headings: Heading[];
  /** Source ids in the order of their first `<Cite>`. */
  citedIds: string[];
  /** Every JSX tag name the chapter uses (for the content tests). */
  componentNames: string[];
  displayMathCount: number;
  mermaidCount: number;
  /** Problems that do not stop the build (a formula KaTeX cannot render), as `file:line: message`. */
  warnings: string[];
}
