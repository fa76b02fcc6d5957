// Builds the engine harness with esbuild and serves it (plus tfjs's .wasm files under /tfjs/)
// from a tiny static server on 127.0.0.1. Used by tests/e2e/engine-backends.test.ts and by
// `npm run bench -- --browser`.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const here = import.meta.dirname;
const root = path.resolve(here, '../../../..');
const require = createRequire(import.meta.url);
const wasmDir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Bundles a harness page's entry points (browser IIFE, source maps) into `outDir` and copies its
 * index.html from `htmlDir` beside them. The engine harness and the KV harness both build this way.
 */
export async function bundleHarnessPage(entryPoints: Record<string, string>, outDir: string, htmlDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'error',
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  copyFileSync(path.join(htmlDir, 'index.html'), path.join(outDir, 'index.html'));
  return outDir;
}

/** Bundle page.ts and worker.ts into `outDir` (default .cache/engine-harness). */
export function buildHarness(outDir = path.join(root, '.cache', 'engine-harness')): Promise<string> {
  return bundleHarnessPage({ page: path.join(here, 'page.ts'), worker: path.join(here, 'worker.ts') }, outDir, here);
}

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/** URL prefixes served from fixed folders: tfjs's wasm binaries, the shipped checkpoints and texts (LoRA bench). */
const MOUNTS: [prefix: string, dir: string][] = [
  ['tfjs/', wasmDir],
  ['checkpoints/', path.join(root, 'public', 'checkpoints')],
  ['corpora/', path.join(root, 'content', 'corpora')],
];

/** Serve `dir` and the MOUNTS above on a free loopback port. */
export async function serveHarness(dir: string): Promise<HarnessServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const mount = MOUNTS.find(([prefix]) => rel.startsWith(prefix));
    const base = mount ? mount[1] : dir;
    const file = path.join(base, mount ? rel.slice(mount[0].length) : rel);
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${url.pathname}`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
