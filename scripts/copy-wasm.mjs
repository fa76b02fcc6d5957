// Copies TensorFlow.js's WASM binaries to public/tfjs/ so the static site serves them; the
// browser engine calls setWasmPaths('/tfjs/') (lib/backend/browser.ts). Runs as `prebuild`.
// The three files (300–430 kB each) are build output, ignored by git, copied again from the pinned
// @tensorflow/tfjs-backend-wasm on every build so they always match the JS that loads them.
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
const { version } = require('@tensorflow/tfjs-backend-wasm/package.json');
const from = path.join(pkgDir, 'dist');
const to = path.resolve(import.meta.dirname, '..', 'public', 'tfjs');

const files = readdirSync(from).filter((f) => f.endsWith('.wasm'));
if (files.length === 0) {
  console.error(`copy-wasm: no .wasm files in ${from}; is @tensorflow/tfjs-backend-wasm installed?`);
  process.exit(1);
}
mkdirSync(to, { recursive: true });
for (const f of files) copyFileSync(path.join(from, f), path.join(to, f));
const kb = files.map((f) => `${f} (${Math.round(statSync(path.join(to, f)).size / 1024)} kB)`);
console.log(`copy-wasm: @tensorflow/tfjs-backend-wasm@${version} → public/tfjs/: ${kb.join(', ')}`);
