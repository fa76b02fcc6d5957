// What every screenshot script shares: the built book served and one Chromium, a page opened in
// a locale and theme, a lazy widget brought into view until it has applied its URL params, and
// element shots that do not catch the site's sticky header (it sits over whatever scrolled under
// it, so an element taller than the space below it came out with the header across its top).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../../tests/e2e/support/chromium';
import { REPO_ROOT, startStaticSite, type StaticSite } from '../../tests/e2e/support/server';

export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
export type Locale = 'en' | 'zh';
export type Theme = 'light' | 'dark';
export const CHAPTER_VIEWPORT = { width: 1280, height: 1000 };
export const PROJECTOR_VIEWPORT = { width: 1920, height: 1080 };

export interface Book {
  site: StaticSite;
  browser: LaunchedBrowser;
}

/** Serves out/ and starts Chromium for `work`, closing both afterwards (also on failure). */
export async function withBook(work: (book: Book) => Promise<void>, viewport = CHAPTER_VIEWPORT): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const site = await startStaticSite();
  const browser = await launchChromium({ viewport });
  try {
    await work({ site, browser });
  } finally {
    await browser.close();
    await site.stop();
  }
}

/** A new page at `url` (a path under the site) in the given theme; console errors are printed. */
export async function openPage(book: Book, url: string, theme: Theme, viewport = CHAPTER_VIEWPORT): Promise<Page> {
  const page = await book.browser.context.newPage();
  await page.setViewportSize(viewport);
  page.on('console', (m) => m.type() === 'error' && console.error(`console error (${url}): ${m.text()}`));
  page.on('pageerror', (e) => console.error(`page error (${url}): ${e.message}`));
  // The theme lives in localStorage (components/site/theme.ts): set it on the origin first.
  await page.goto(`${book.site.url}/en/`);
  await page.evaluate((t) => localStorage.setItem('book-theme', t), theme);
  await page.goto(`${book.site.url}${url}`);
  return page;
}

/**
 * Widgets load when their placeholder nears the viewport: scroll through the placeholders until
 * `ready` matches (by default: the widget has applied its URL params, `data-params="url"`).
 */
export async function reachWidget(page: Page, selector: string, ready = `${selector}[data-params="url"]`, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; (await page.locator(selector).count()) === 0; i++) {
    if (Date.now() > deadline) throw new Error(`${selector} did not appear on ${page.url()}`);
    const placeholders = page.locator('.wf-placeholder, .tl-placeholder');
    const n = await placeholders.count();
    // A placeholder may turn into its widget (and leave the DOM) between count and scroll.
    if (n > 0) await placeholders.nth(i % n).scrollIntoViewIfNeeded({ timeout: 2000 }).catch(() => {});
    await page.waitForTimeout(300);
  }
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForSelector(ready, { timeout: Math.max(1000, deadline - Date.now()) });
}

/** Waits until the widget root's data-status is one of `statuses`. */
export async function waitStatus(page: Page, selector: string, statuses: string[], timeoutMs = 300_000): Promise<void> {
  await page.waitForFunction(
    ([s, wanted]) => (wanted as string[]).includes(document.querySelector(s as string)?.getAttribute('data-status') ?? ''),
    [selector, statuses] as const,
    { timeout: timeoutMs },
  );
}

/** The element alone, without the sticky site header over it and without a hover effect. */
export async function shootElement(page: Page, selector: string, file: string): Promise<void> {
  await page.mouse.move(0, 0);
  const style = await page.addStyleTag({ content: '.site-header { visibility: hidden !important; }' });
  await page.locator(selector).scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await page.locator(selector).screenshot({ path: path.join(SCREENSHOT_DIR, file) });
  await style.evaluate((el) => (el as Element).remove());
  console.log(`saved ${file}`);
}

/** The whole viewport (pages, presenter mode). */
export async function shootScreen(page: Page, file: string, fullPage = false): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage });
  console.log(`saved ${file}`);
}

/**
 * Does a presenter page fit the projector? The document's scroll height against the window's, and
 * every element that scrolls on its own with how much it hides (a last resort some labs use).
 */
export async function presenterFit(page: Page): Promise<string> {
  const fit = await page.evaluate(() => {
    const hidden: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const overflow = getComputedStyle(el).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight + 1) {
        hidden.push(`.${[...el.classList].join('.') || el.tagName.toLowerCase()} +${el.scrollHeight - el.clientHeight}px`);
      }
    }
    return { scrollHeight: document.scrollingElement!.scrollHeight, innerHeight: window.innerHeight, hidden };
  });
  const verdict = fit.scrollHeight <= fit.innerHeight ? 'fits' : 'SCROLLS';
  return `${verdict}: scroll height ${fit.scrollHeight} / window ${fit.innerHeight}${fit.hidden.length ? `; hidden in ${fit.hidden.join(', ')}` : ''}`;
}

/** Switches the theme without reloading (for shots after a long run that should not run twice). */
export async function setThemeInPlace(page: Page, theme: Theme): Promise<void> {
  await page.evaluate((t) => {
    document.documentElement.dataset.theme = t;
    localStorage.setItem('book-theme', t);
  }, theme);
  await page.waitForTimeout(300);
}
