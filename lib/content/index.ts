// lib/content: read, validate and compile the book's MDX chapters at build time (server only).
import 'server-only';

export { compileChapter, CODE_LANGUAGES, type CompileOptions } from './compile';
export { chapterParamsFromFileNames, contentRoots, loadBook, neighbours, type Book } from './chapters';
export { ContentError, ContentErrors } from './errors';
export { parseFrontMatter } from './frontmatter';
export * from './types';
