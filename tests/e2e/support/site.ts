// What the site tests share: the chapters the test build holds, and a page watcher that
// collects everything a reader would count as broken (console errors, failed requests, crashes).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './chromium';
import { KNOWN_COMPONENTS } from '@/components/mdx/registry';
import { compileChapter, loadBook, type ChapterMeta } from '@/lib/content';
import { REPO_ROOT, startStaticSite, type StaticSite } from './server';

/** The test build's chapters: the book's own and the fixtures (BOOK_TEST_FIXTURES=1). */
export function testBuildChapters() {
  const book = loadBook([path.join(REPO_ROOT, 'content'), path.join(REPO_ROOT, 'tests', 'fixtures', 'content')], REPO_ROOT);
  return [...book.chapters.zh, ...book.chapters.en];
}

export const compile = (meta: ChapterMeta) => compileChapter(meta, { knownComponents: KNOWN_COMPONENTS });

export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  pageErrors: string[];
}

export function watchPage(page: Page): PageProblems {
  const problems: PageProblems = { consoleErrors: [], failedRequests: [], pageErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(error.message));
  page.on('requestfailed', (request) => {
    // ERR_ABORTED is a request the browser dropped because the page navigated on (a favicon still
    // loading when the test goes to the next page) or cancelled it: nothing a reader sees broken.
    // A missing file still counts: it arrives as a response with status ≥ 400 (below).
    const error = request.failure()?.errorText ?? '';
    if (error !== 'net::ERR_ABORTED') problems.failedRequests.push(`${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.failedRequests.push(`${response.url()}: HTTP ${response.status()}`);
  });
  return problems;
}

/** Brings each diagram into view in turn (mermaid renders near the viewport) and waits until it settles. */
export async function settleDiagrams(page: Page, timeout = 90_000) {
  const count = await page.locator('.mermaid').count();
  for (let i = 0; i < count; i++) {
    const diagram = page.locator('.mermaid').nth(i);
    await diagram.scrollIntoViewIfNeeded();
    await page.waitForFunction((el) => el?.getAttribute('data-mermaid-state') !== 'pending', await diagram.elementHandle(), { timeout });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/**
 * The production build served and a fresh Chromium, started before a test file's tests and
 * closed after them: `const env = siteInBrowser();` then `env.site.url`, `env.browser.context`.
 */
export function siteInBrowser(viewport = { width: 1280, height: 1000 }): { site: StaticSite; browser: LaunchedBrowser } {
  const env = {} as { site: StaticSite; browser: LaunchedBrowser };
  beforeAll(async () => {
    env.site = await startStaticSite();
    env.browser = await launchChromium({ viewport });
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.site?.stop();
  });
  return env;
}
