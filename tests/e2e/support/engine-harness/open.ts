// The engine harness opened in Chromium for one test file: build and serve it, launch the browser,
// open the page, collect its console errors, and close everything again in afterAll.
import type { Page } from 'playwright-core';
import { launchChromium, type LaunchedBrowser } from '../chromium';
import { buildHarness, serveHarness, type HarnessServer } from './serve';

export interface OpenHarness {
  browser: LaunchedBrowser;
  server: HarnessServer;
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openHarness(): Promise<OpenHarness> {
  const server = await serveHarness(await buildHarness());
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await page.goto(server.url);
  await page.waitForFunction(() => document.title === 'engine harness ready');
  return {
    browser,
    server,
    page,
    consoleErrors,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
