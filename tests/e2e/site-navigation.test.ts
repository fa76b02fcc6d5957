// Finding one's way: the language picker at /, the language switch, previous / next, the
// skip link and keyboard focus, the 404 page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from './support/chromium';
import { startStaticSite, type StaticSite } from './support/server';
import { testBuildChapters, watchPage } from './support/site';

let site: StaticSite;
let browser: LaunchedBrowser;
const zhChapters = testBuildChapters().filter((c) => c.locale === 'zh');

beforeAll(async () => {
  site = await startStaticSite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.stop();
});

describe('language', () => {
  it('sends a first-time reader from / to the Chinese contents, and a reader who chose English to /en/', async () => {
    const page = await browser.context.newPage();
    await page.context().clearCookies();
    await page.goto(`${site.url}/`);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${site.url}/`);
    await page.waitForURL(`${site.url}/zh/`);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.locator('.book-toc li').count()).toBe(zhChapters.length);

    // Switch on a chapter page: the same chapter in English, and the choice is remembered.
    const chapter = zhChapters[0];
    await page.goto(`${site.url}/zh/${chapter.slug}/`);
    await Promise.all([page.waitForURL(`${site.url}/en/${chapter.slug}/`), page.click('a.language-switch')]);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.goto(`${site.url}/`);
    await page.waitForURL(`${site.url}/en/`);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'book-locale')?.value).toBe('en');

    // And back: the English page's switch lands on the Chinese chapter.
    await page.goto(`${site.url}/en/${chapter.slug}/`);
    await Promise.all([page.waitForURL(`${site.url}/zh/${chapter.slug}/`), page.click('a.language-switch')]);
    await page.goto(`${site.url}/`);
    await page.waitForURL(`${site.url}/zh/`);
    await page.close();
  });

  it('offers plain links at / for readers without JavaScript', async () => {
    const html = await (await fetch(`${site.url}/`)).text();
    expect(html).toContain('href="/zh/"');
    expect(html).toContain('href="/en/"');
  });
});

describe('chapter navigation', () => {
  it('links each chapter to the previous and next one, in order, in both locales', async () => {
    const page = await browser.context.newPage();
    for (const locale of ['zh', 'en'] as const) {
      const list = testBuildChapters().filter((c) => c.locale === locale);
      for (const [i, chapter] of list.entries()) {
        await page.goto(`${site.url}/${locale}/${chapter.slug}/`);
        const previous = await page.getAttribute('.chapter-nav-link.previous', 'href');
        const next = await page.getAttribute('.chapter-nav-link.next', 'href');
        expect(previous).toBe(i > 0 ? `/${locale}/${list[i - 1].slug}/` : `/${locale}/`);
        expect(next).toBe(i < list.length - 1 ? `/${locale}/${list[i + 1].slug}/` : `/${locale}/`);
      }
    }
    await page.close();
  });

  it('goes from the contents to a chapter and to its sections by link', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/en/`);
    const first = testBuildChapters().find((c) => c.locale === 'en')!;
    await Promise.all([page.waitForURL(`${site.url}/en/${first.slug}/`), page.click(`.book-toc a[href="/en/${first.slug}/"]`)]);
    const firstSection = page.locator('.chapter-toc a').first();
    const href = await firstSection.getAttribute('href');
    await firstSection.click();
    await page.waitForFunction((h) => location.hash === h, href);
    await page.close();
  });
});

describe('accessibility', () => {
  it('has landmarks, a skip link that is the first Tab stop, and labelled controls', async () => {
    const page = await browser.context.newPage();
    const chapter = zhChapters[0];
    await page.goto(`${site.url}/zh/${chapter.slug}/`);
    expect(await page.locator('header.site-header').count()).toBe(1);
    expect(await page.locator('main#main').count()).toBe(1);
    expect(await page.locator('nav').count()).toBeGreaterThanOrEqual(3);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip-link');
    expect(await page.locator('.skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#main');
    // Every control has an accessible name.
    expect(await page.getAttribute('.theme-toggle', 'aria-label')).toBeTruthy();
    expect(await page.getAttribute('.language-switch', 'aria-label')).toBeTruthy();
    // Focus is visible: the focused toggle draws an outline.
    await page.focus('.theme-toggle');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
    await page.close();
  });

  it('answers an unknown address with the 404 page, status 404', async () => {
    const page = await browser.context.newPage();
    const problems = watchPage(page);
    const response = await page.goto(`${site.url}/zh/no-such-chapter/`);
    expect(response?.status()).toBe(404);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });
});
