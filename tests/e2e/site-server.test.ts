// scripts/serve.mjs (npm start): MIME types the book's assets need, directory index, 404 page,
// and no way out of the served folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticSite, type StaticSite } from './support/server';

let dir: string;
let site: StaticSite;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'serve-test-'));
  mkdirSync(path.join(dir, 'zh'));
  writeFileSync(path.join(dir, 'index.html'), '<p>home</p>');
  writeFileSync(path.join(dir, '404.html'), '<p>not here</p>');
  writeFileSync(path.join(dir, 'zh', 'index.html'), '<p>中文</p>');
  for (const name of ['a.wasm', 'b.mjs', 'c.bin', 'd.json', 'e.css', 'f.js', 'g.svg', 'h.woff2']) writeFileSync(path.join(dir, name), 'x');
  writeFileSync(path.join(tmpdir(), 'serve-test-secret.txt'), 'secret');
  site = await startStaticSite(dir);
});
afterAll(async () => {
  await site?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('scripts/serve.mjs', () => {
  it.each([
    ['a.wasm', 'application/wasm'],
    ['b.mjs', 'text/javascript; charset=utf-8'],
    ['c.bin', 'application/octet-stream'],
    ['d.json', 'application/json; charset=utf-8'],
    ['e.css', 'text/css; charset=utf-8'],
    ['f.js', 'text/javascript; charset=utf-8'],
    ['g.svg', 'image/svg+xml'],
    ['h.woff2', 'font/woff2'],
  ])('serves %s as %s', async (name, type) => {
    const response = await fetch(`${site.url}/${name}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it('serves a folder by its index.html and redirects the slashless address', async () => {
    const response = await fetch(`${site.url}/zh/`);
    expect(await response.text()).toBe('<p>中文</p>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const redirect = await fetch(`${site.url}/zh`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/zh/');
  });

  it('answers an unknown path and an escape attempt with the 404 page', async () => {
    const missing = await fetch(`${site.url}/nope/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('<p>not here</p>');
    const escape = await fetch(`${site.url}/..%2Fserve-test-secret.txt`);
    expect(escape.status).toBe(404);
    expect(await escape.text()).not.toContain('secret');
  });
});
