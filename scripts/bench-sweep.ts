// `npm run bench -- --sweep[=tokens-tiny,compute-quick,…]`: wall time of LiveScalingSweep's presets
// in Node (tfjs wasm), run through the engine's own `sweep/run` handler exactly as the worker runs
// it. One JSON line per preset on stdout: seconds, tokens/s, each model's N and validation loss, and
// the fitted exponent with its interval. Never pass/fail. Progress goes to stderr.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '@/lib/backend/node';
import { createEngine } from '@/lib/engine/engine';
import { type SweepLength, type SweepMode, sweepPlan } from '@/lib/engine/features/sweep/plan';
import type { SweepResult } from '@/lib/engine/features/sweep/protocol';
import type { EngineEvent } from '@/lib/engine/protocol';
import { fitPowerLaw } from '@/lib/scaling';

const ALL = ['tokens-tiny', 'compute-tiny', 'tokens-quick', 'compute-quick', 'tokens-long', 'compute-long'];

/** Runs the named presets (default: the tiny and quick ones; `long` takes an hour on 2 cores). */
export async function benchSweep(list = 'tokens-tiny,compute-tiny,tokens-quick,compute-quick', backend: 'wasm' | 'cpu' = 'wasm'): Promise<void> {
  const root = path.join(import.meta.dirname, '..');
  const text = readFileSync(path.join(root, 'content', 'corpora', 'tiny-shakespeare.txt'), 'utf8');
  await initNodeBackend(backend);
  let listener: (e: EngineEvent) => void = () => {};
  const send = createEngine((e) => listener(e));
  await new Promise<void>((resolve) => {
    listener = (e) => e.type === 'ready' && resolve();
    send({ type: 'init', backend });
  });
  for (const name of list.split(',')) {
    if (!ALL.includes(name)) throw new Error(`bench --sweep: unknown preset "${name}" (one of ${ALL.join(', ')})`);
    const [mode, length] = name.split('-') as [SweepMode, SweepLength];
    const plan = sweepPlan(mode, length, 62);
    const results: SweepResult[] = [];
    const started = performance.now();
    const tensorsBefore = tf.memory().numTensors;
    await new Promise<void>((resolve, reject) => {
      listener = (e) => {
        if (e.type === 'sweep/result') {
          results.push(e.result);
          console.error(`${name}: model ${e.result.index + 1} N ${e.result.nonEmbeddingParams} val ${e.result.valLoss.toFixed(3)} (${e.result.seconds.toFixed(1)} s)`);
        } else if (e.type === 'done') resolve();
        else if (e.type === 'error') reject(new Error(e.message));
      };
      send({ type: 'sweep/run', runId: 1, corpus: { kind: 'text', text, name: 'tiny-shakespeare' }, plan });
    });
    const seconds = (performance.now() - started) / 1000;
    const tokens = results.reduce((s, r) => s + r.tokens, 0);
    const fit = fitPowerLaw(results.map((r) => r.nonEmbeddingParams), results.map((r) => r.valLoss));
    console.log(
      JSON.stringify({
        name: 'sweep.seconds',
        backend,
        env: 'node',
        config: name,
        median: Number(seconds.toFixed(1)),
        unit: 's',
        runs: 1,
        tokensPerSec: Math.round(tokens / seconds),
        models: results.map((r) => ({ N: r.nonEmbeddingParams, tokens: r.tokens, valLoss: Number(r.valLoss.toFixed(4)), seconds: Number(r.seconds.toFixed(1)) })),
        exponent: Number(fit.exponent.toFixed(4)),
        interval: fit.interval.map((v) => Number(v.toFixed(4))),
        leakedTensors: tf.memory().numTensors - tensorsBefore,
      }),
    );
  }
}
