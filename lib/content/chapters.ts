// Finds the chapter files, validates each one's name and front matter, and checks that both
// locales hold the same chapters. Everything here is synchronous file reading: cheap enough to
// redo per page, so `next dev` always sees the files as they are now.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ContentError, ContentErrors } from './errors';
import { parseFrontMatter } from './frontmatter';
import { LOCALES, type ChapterMeta, type Locale } from './types';

const CHAPTER_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

/**
 * Folders that hold `zh/` and `en/` chapter folders. The test build (BOOK_TEST_FIXTURES=1) adds a
 * fixture chapter with a deliberately broken formula and diagram; `npm start` never shows it.
 */
export function contentRoots(repoRoot = process.cwd()): string[] {
  const roots = [path.join(repoRoot, 'content')];
  if (process.env.BOOK_TEST_FIXTURES === '1') roots.push(path.join(repoRoot, 'tests', 'fixtures', 'content'));
  return roots;
}

export interface Book {
  chapters: Record<Locale, ChapterMeta[]>;
}

function chapterFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((name) => name.endsWith('.mdx')).sort();
}

/**
 * Every `{ locale, slug }` a chapter file name gives, without reading the files. `npm run dev` uses
 * it when loadBook throws (a front-matter mistake being typed), so the page still opens and shows
 * the mistake instead of Next.js's "missing param" error.
 */
export function chapterParamsFromFileNames(roots = contentRoots()): { locale: Locale; chapter: string }[] {
  return roots.flatMap((root) =>
    LOCALES.flatMap((locale) =>
      chapterFiles(path.join(root, locale)).flatMap((name) => {
        const match = CHAPTER_FILE.exec(name);
        return match ? [{ locale, chapter: match[2] }] : [];
      }),
    ),
  );
}

/** Reads every chapter under `roots`, in order; throws a ContentErrors listing every problem found. */
export function loadBook(roots = contentRoots(), repoRoot = process.cwd()): Book {
  const problems: ContentError[] = [];
  const chapters: Record<Locale, ChapterMeta[]> = { zh: [], en: [] };
  const rel = (p: string) => path.relative(repoRoot, p).split(path.sep).join('/');

  for (const root of roots) {
    const names = Object.fromEntries(LOCALES.map((l) => [l, chapterFiles(path.join(root, l))])) as Record<Locale, string[]>;
    for (const locale of LOCALES) {
      const other = LOCALES.find((l) => l !== locale)!;
      for (const name of names[locale]) {
        const absolutePath = path.join(root, locale, name);
        const file = rel(absolutePath);
        const match = CHAPTER_FILE.exec(name);
        if (!match) {
          problems.push(new ContentError(file, 1, 'a chapter file is named NN-slug.mdx (two digits, a dash, lowercase words joined by dashes)'));
          continue;
        }
        if (!names[other].includes(name)) {
          problems.push(new ContentError(file, 1, `no matching chapter in the other locale: ${rel(path.join(root, other, name))} is missing`));
          continue;
        }
        try {
          const front = parseFrontMatter(readFileSync(absolutePath, 'utf8'), file, Number(match[1]));
          chapters[locale].push({ ...front, locale, slug: match[2], file, absolutePath });
        } catch (error) {
          if (error instanceof ContentError) problems.push(error);
          else throw error;
        }
      }
    }
  }

  for (const locale of LOCALES) {
    chapters[locale].sort((a, b) => a.order - b.order);
    const bySlug = new Map<string, ChapterMeta>();
    const byOrder = new Map<number, ChapterMeta>();
    for (const chapter of chapters[locale]) {
      const sameSlug = bySlug.get(chapter.slug);
      if (sameSlug) problems.push(new ContentError(chapter.file, 1, `slug "${chapter.slug}" is also used by ${sameSlug.file}`));
      const sameOrder = byOrder.get(chapter.order);
      if (sameOrder) problems.push(new ContentError(chapter.file, 1, `chapter number ${chapter.order} is also used by ${sameOrder.file}`));
      bySlug.set(chapter.slug, chapter);
      byOrder.set(chapter.order, chapter);
    }
  }

  if (problems.length) throw new ContentErrors(problems);
  return { chapters };
}

/** The chapter before and after `slug` in reading order. */
export function neighbours(book: Book, locale: Locale, slug: string) {
  const list = book.chapters[locale];
  const index = list.findIndex((c) => c.slug === slug);
  return { previous: index > 0 ? list[index - 1] : undefined, next: index >= 0 ? list[index + 1] : undefined };
}
