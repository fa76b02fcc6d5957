// Bundles the KV-cache harness page with esbuild into .cache/kv-harness; served by the engine
// harness's static server (which also serves tfjs's .wasm files under /tfjs/).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
const root = path.resolve(here, '../../../..');

export async function buildKvHarness(outDir = path.join(root, '.cache', 'kv-harness')): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: { page: path.join(here, 'page.ts') },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: true,
    logLevel: 'error',
    tsconfig: path.join(root, 'tsconfig.json'),
  });
  copyFileSync(path.join(here, 'index.html'), path.join(outDir, 'index.html'));
  return outDir;
}
