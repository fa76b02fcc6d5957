// The chapters the content tests check: the book's own (content/) plus the test fixtures.
import path from 'node:path';
import { KNOWN_COMPONENTS } from '@/components/mdx/registry';
import { compileChapter, loadBook, type ChapterMeta, type CompiledChapter } from '@/lib/content';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BOOK_ROOT = path.join(REPO_ROOT, 'content');
export const FIXTURE_ROOT = path.join(REPO_ROOT, 'tests', 'fixtures', 'content');

export const compile = (meta: ChapterMeta): Promise<CompiledChapter> => compileChapter(meta, { knownComponents: KNOWN_COMPONENTS });
export const bookChapters = () => loadBook([BOOK_ROOT], REPO_ROOT);
export const fixtureChapters = () => loadBook([FIXTURE_ROOT], REPO_ROOT);
