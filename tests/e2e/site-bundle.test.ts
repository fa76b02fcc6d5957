// The JavaScript a chapter page loads before anything else: read from the exported HTML's
// <script src> tags and gzipped like a server would. Mermaid, KaTeX's JS and TensorFlow.js
// must not be in it (they load lazily, or not at all).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OUT_DIR } from './support/server';
import { testBuildChapters } from './support/site';

const BUDGET_KB = 150;

function firstLoadScripts(htmlFile: string): string[] {
  const html = readFileSync(htmlFile, 'utf8');
  // `noModule` scripts (Next's legacy polyfills) are skipped by every browser that runs modules.
  const tags = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bnomodule\b/i.test(tag));
  const sources = tags.flatMap((tag) => /\bsrc="([^"]+)"/.exec(tag)?.[1] ?? []);
  return [...new Set(sources)].map((src) => path.join(OUT_DIR, src.split('?')[0]));
}

const gzipKb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).byteLength / 1024;

describe('first-load JavaScript of a chapter page', () => {
  const pages = testBuildChapters().map((c) => path.join(OUT_DIR, c.locale, c.slug, 'index.html'));

  it.each(pages)(`%s stays within ${BUDGET_KB} kB gzipped, without mermaid, KaTeX JS or tfjs`, (htmlFile) => {
    const scripts = firstLoadScripts(htmlFile);
    expect(scripts.length).toBeGreaterThan(0);
    const total = scripts.reduce((sum, file) => sum + gzipKb(file), 0);
    console.log(`first-load JS ${path.relative(OUT_DIR, htmlFile)}: ${total.toFixed(1)} kB gzipped in ${scripts.length} scripts`);
    expect(total).toBeLessThanOrEqual(BUDGET_KB);
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      expect(code, `${file} holds mermaid`).not.toMatch(/flowchart-v2|classDiagram-v2|stateDiagram-v2/);
      expect(code, `${file} holds KaTeX`).not.toContain('KaTeX parse error');
      expect(code, `${file} holds tfjs`).not.toMatch(/tfjs-core|WEBGL_VERSION/);
    }
  });

  it('has mermaid in a chunk of its own, loaded only when a diagram nears the viewport', () => {
    const chunks = readdirSync(path.join(OUT_DIR, '_next', 'static', 'chunks'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.js'));
    const withMermaid = chunks.filter((f) => /flowchart-v2|classDiagram-v2/.test(readFileSync(path.join(OUT_DIR, '_next', 'static', 'chunks', f), 'utf8')));
    expect(withMermaid.length).toBeGreaterThan(0);
  });
});
