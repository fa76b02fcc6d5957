// Checks that `npm run dev` refreshes an open chapter when its .mdx is saved, shows a front-matter
// or MDX mistake on the page with file:line, and recovers on the next good save — all without a
// navigation (a marker on `window` survives) and without moving the scroll position. Prints how
// long each step took. It edits the fixture chapter tests/fixtures/content/en/98-feature-tour.mdx
// (or --file) and always puts it back. Not a vitest test: a cold `next dev` compiles the chapter
// route in 25–130 s on the 2 shared cores, so its time is not predictable enough for CI.
//   npx tsx scripts/check-dev-reload.ts [--port 3470] [--file content/en/01-meet-the-llm.mdx]
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/chromium';

const repoRoot = path.resolve(import.meta.dirname, '..');
const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const FIXTURE = flag('--file') ?? 'tests/fixtures/content/en/98-feature-tour.mdx';
const fixturePath = path.join(repoRoot, FIXTURE);
const port = Number(flag('--port') ?? 3470);
const [, locale, name] = /(zh|en)\/\d\d-([a-z0-9-]+)\.mdx$/.exec(FIXTURE) ?? [];
if (!locale) throw new Error(`--file ${FIXTURE} is not a chapter file (…/{zh,en}/NN-slug.mdx)`);
const WAIT_MS = 60_000;

const original = readFileSync(fixturePath, 'utf8');
const restore = () => writeFileSync(fixturePath, original);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.startsWith(needle)) + 1;

function startDev() {
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), ['scripts/dev.ts', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...process.env, BOOK_TEST_FIXTURES: '1', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/Ready in/.test(log)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`npm run dev exited with ${code}:\n${log}`)));
  });
  return { child, ready, log: () => log };
}

/** Saves `text` as the fixture and waits until `done` holds on the page; returns milliseconds. */
async function saveAndWait(page: Page, what: string, text: string, done: string): Promise<number> {
  const t0 = performance.now();
  writeFileSync(fixturePath, text);
  await page.waitForFunction(done, undefined, { timeout: WAIT_MS, polling: 50 });
  const ms = Math.round(performance.now() - t0);
  const state = await page.evaluate(() => ({ marker: (window as { __devReloadMarker?: number }).__devReloadMarker, y: window.scrollY }));
  if (state.marker !== 1234) throw new Error(`${what}: the page navigated (window marker lost)`);
  console.log(`${what}: ${ms} ms (scrollY ${state.y})`);
  return ms;
}

const dev = startDev();
const stop = () => dev.child.kill('SIGTERM');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    restore(); // a chapter is never left edited
    stop();
    process.exit(130);
  });
}
const browser = await launchChromium();
let failed = false;
try {
  let t = performance.now();
  await dev.ready;
  console.log(`next dev ready: ${Math.round(performance.now() - t)} ms`);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  t = performance.now();
  await page.goto(`http://127.0.0.1:${port}/${locale}/${name}/`, { timeout: 300_000 });
  await page.waitForFunction(() => document.documentElement.dataset.contentEvents === 'open', undefined, { timeout: WAIT_MS });
  console.log(`first load of the chapter (cold compile): ${Math.round(performance.now() - t)} ms`);
  await page.evaluate(() => {
    (window as { __devReloadMarker?: number }).__devReloadMarker = 1234;
    window.scrollTo({ top: 600, behavior: 'instant' }); // the book's CSS scrolls smoothly
  });
  const y0 = await page.evaluate(() => window.scrollY);

  const stamp = `edited ${Date.now()}`;
  const heading = /\n## (.+)\n/.exec(original);
  if (!heading) throw new Error(`${FIXTURE} has no "## " heading to edit`);
  const edited = original.replace(heading[0], `\n## ${heading[1]} (${stamp})\n`);
  await saveAndWait(page, 'heading edit shown', edited, `[...document.querySelectorAll('h2')].some((h) => h.textContent.includes(${JSON.stringify(stamp)}))`);
  const y1 = await page.evaluate(() => window.scrollY);
  if (Math.abs(y1 - y0) > 2) throw new Error(`scroll position moved from ${y0} to ${y1}`);

  // An unclosed JSX tag: MDX names the line of the tag.
  const brokenMdx = edited.replace(`\n## ${heading[1]}`, `\n<Callout type="note">\n\n## ${heading[1]}`);
  const mdxLine = lineOf(brokenMdx, '<Callout type="note">');
  await saveAndWait(page, `MDX error shown (${FIXTURE}:${mdxLine})`, brokenMdx, `document.querySelector('.content-error')?.textContent.includes(${JSON.stringify(`${FIXTURE}:${mdxLine}`)})`);
  await saveAndWait(page, 'recovered after the MDX fix', edited, `!document.querySelector('.content-error') && [...document.querySelectorAll('h2')].some((h) => h.textContent.includes(${JSON.stringify(stamp)}))`);

  const brokenFront = edited.replace(/\norder: \d+\n/, '\norder: ninety-eight\n');
  const frontLine = lineOf(brokenFront, 'order:');
  await saveAndWait(page, `front-matter error shown (${FIXTURE}:${frontLine})`, brokenFront, `document.querySelector('.content-error')?.textContent.includes(${JSON.stringify(`${FIXTURE}:${frontLine}`)})`);
  await saveAndWait(page, 'recovered after the front-matter fix', original, `!document.querySelector('.content-error') && [...document.querySelectorAll('h2')].some((h) => h.textContent.startsWith(${JSON.stringify(heading[1])}))`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  console.log('dev reload: OK');
} catch (error) {
  failed = true;
  console.error(`dev reload: FAILED: ${(error as Error).message}\n--- npm run dev output ---\n${dev.log().slice(-4000)}`);
} finally {
  restore();
  await browser.close();
  stop();
}
process.exit(failed ? 1 : 0);
