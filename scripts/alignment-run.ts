// Runs SFTLab's and DPOLab's engine commands in Node on the shipped checkpoint and datasets —
// the same handler code as the browser's worker — and prints each step as one JSON line. Used to
// choose the labs' defaults and for docs/alignment-labs.md's numbers.
//   npx tsx scripts/alignment-run.ts sft  [--steps=40] [--lr=0.002] [--batch=8] [--no-mask] [--lang=zh|en]
//   npx tsx scripts/alignment-run.ts dpo  [--steps=40] [--lr=0.001] [--batch=4] [--beta=0.1]
// The engine is started on cpu (its browser backend chooser cannot load wasm files in Node), then
// switched to tfjs's wasm backend, which the CLI also trains on.
import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { initNodeBackend } from '@/lib/backend/node';
import { createEngine } from '@/lib/engine/engine';
import type { EngineEvent } from '@/lib/engine/protocol';

const root = path.resolve(import.meta.dirname, '..');
const arg = (name: string, fallback: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const mode = process.argv[2] === 'dpo' ? 'dpo' : 'sft';
const lang = arg('lang', 'zh');

// fetch("http://book/<path>") reads <root>/public/<path> or content/datasets for /datasets/.
globalThis.fetch = (async (url: string | URL) => {
  const p = new URL(String(url)).pathname;
  const file = p.startsWith('/datasets/') ? path.join(root, 'content', p) : path.join(root, 'public', p);
  try {
    const bytes = await readFile(file);
    return new Response(bytes);
  } catch {
    return new Response('not found', { status: 404, statusText: 'Not Found' });
  }
}) as typeof fetch;

const checkpointUrl = `http://book/checkpoints/${lang === 'zh' ? 'zh-tang-poetry' : 'en-shakespeare'}/`;
const template = lang === 'zh' ? 'tang' : 'english';

const done = new Promise<void>((resolve, reject) => {
  const handle = createEngine((e: EngineEvent) => {
    if (e.type === 'ready') {
      // startBrowserBackend pointed the wasm loader at the site's /tfjs/: point it back at the package.
      setWasmPaths(path.join(root, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist') + path.sep);
      void initNodeBackend('wasm').then((backend) => {
        console.error(`backend ${backend}`);
        if (mode === 'sft') {
          handle({
            type: 'alignment/sft',
            runId: 1,
            source: { checkpointUrl, datasetUrl: `http://book/datasets/${lang === 'zh' ? 'tang-sft' : 'english-sft'}.jsonl`, template },
            sft: {
              steps: Number(arg('steps', '40')),
              batchSize: Number(arg('batch', '8')),
              learningRate: Number(arg('lr', '0.002')),
              seed: 0,
              maskPrompt: !process.argv.includes('--no-mask'),
              questions: lang === 'zh' ? ['春望', '秋夜', '江雪', '月下獨酌'] : ['Rain', 'The king', 'Night', 'A ship'],
              answerTokens: 40,
              evalEvery: 10,
            },
          });
        } else {
          handle({
            type: 'alignment/dpo',
            runId: 1,
            source: { checkpointUrl, datasetUrl: 'http://book/datasets/tang-preference.jsonl', template: 'tang' },
            dpo: { steps: Number(arg('steps', '40')), batchSize: Number(arg('batch', '4')), learningRate: Number(arg('lr', '0.001')), beta: Number(arg('beta', '0.1')), seed: 0, shownPairs: 3, samples: Number(arg('samples', '12')), answerTokens: 30 },
          });
        }
      });
      return;
    }
    if (e.type === 'progress') return void console.error(e.message);
    if (e.type === 'alignment/sft-step') console.log(JSON.stringify({ step: e.step, loss: +e.loss.toFixed(4), responseLoss: +e.responseLoss.toFixed(4), ms: Math.round(e.msPerStep) }));
    else if (e.type === 'alignment/dpo-step') console.log(JSON.stringify(Object.fromEntries(Object.entries(e.metrics).map(([k, v]) => [k, +v.toFixed(4)]))));
    else console.log(JSON.stringify(e));
    if (e.type === 'done') resolve();
    if (e.type === 'error') reject(new Error(e.message));
  });
  handle({ type: 'init', backend: 'cpu' });
});
await done;
console.error(`tensors left: ${tf.memory().numTensors}`);
