// Bundle the harness page with esbuild (a dependency already): the page, the engine worker as a
// separate module, the corpora and the tfjs WASM binaries, into one folder a static server serves.
import { build, type Plugin } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../../..');

// esbuild does not follow `new Worker(new URL('../worker.ts', import.meta.url))`: point it at the worker bundle.
const workerUrl: Plugin = {
  name: 'worker-url',
  setup(b) {
    b.onLoad({ filter: /lib[\\/]engine[\\/]client[\\/]index\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace("'../worker.ts'", "'./worker.js'"),
      loader: 'ts',
    }));
  },
};

export async function buildHarness(outDir: string): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const common = { bundle: true, format: 'esm' as const, target: 'es2022', minify: true, logLevel: 'error' as const, alias: { '@': ROOT }, define: { 'process.env.NODE_ENV': '"production"' } };
  await build({ ...common, entryPoints: [path.join(ROOT, 'lib/engine/worker.ts')], outfile: path.join(outDir, 'worker.js') });
  await build({
    ...common,
    entryPoints: [path.join(import.meta.dirname, 'main.tsx')],
    outdir: outDir,
    splitting: true, // the main-thread fallback's dynamic import('../engine') stays out of main.js
    jsx: 'automatic',
    plugins: [workerUrl],
    alias: { ...common.alias, 'next/navigation': path.join(import.meta.dirname, 'next-navigation-stub.ts') },
  });
  writeFileSync(
    path.join(outDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>TrainingLab harness</title><link rel="stylesheet" href="/main.css"></head><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>',
  );
  cpSync(path.join(ROOT, 'content/corpora'), path.join(outDir, 'corpora'), { recursive: true });
  const wasmDir = path.join(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  mkdirSync(path.join(outDir, 'tfjs'), { recursive: true });
  for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) cpSync(path.join(wasmDir, f), path.join(outDir, 'tfjs', f));
  return outDir;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  const out = process.argv[2] ?? path.join(ROOT, '.cache/lab-harness');
  await buildHarness(out);
  console.log(`harness built in ${out}`);
}
