// The wasm backend (what the CLI trains on) against the cpu backend: same seed and data must give
// the same gradients and loss curve within float32 noise. wasm has no UnsortedSegmentSum (the
// gradient of gather), so this also checks the embedding's own backward pass there.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { splitTrainVal } from '@/lib/train/data';
import { Trainer } from '@/lib/train/trainer';
import { tinyModel, tokenBatch, selectBackend } from './helpers';

async function gradientsOn(backend: 'cpu' | 'wasm') {
  await selectBackend(backend);
  const model = tinyModel({ seed: 51 });
  const x = tokenBatch(3, 8, 11);
  const y = tokenBatch(3, 8, 11, 4);
  const { value, grads } = tf.variableGrads(() => model.loss(x, y), [...model.params.values()]);
  const out = new Map<string, Float32Array>();
  for (const [name, v] of model.params) out.set(name, (await grads[v.name].data()) as Float32Array);
  const loss = (await value.data())[0];
  tf.dispose([x, y, value, ...Object.values(grads)]);
  model.dispose();
  return { loss, grads: out };
}

async function lossesOn(backend: 'cpu' | 'wasm') {
  await selectBackend(backend);
  const model = tinyModel({ seed: 52, dropout: 0.1 });
  const stream = Int32Array.from({ length: 500 }, (_, i) => (i * i + 3 * i) % 11);
  const trainer = new Trainer(model, splitTrainVal(stream), { steps: 10, batchSize: 4, learningRate: 1e-2, warmupSteps: 2, evalEvery: 0, seed: 5 });
  const before = tf.memory().numTensors;
  const losses = (await trainer.train()).map((m) => m.loss);
  trainer.dispose();
  model.dispose();
  expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  return losses;
}

describe('wasm backend vs cpu backend', () => {
  it('gives the same gradients for every parameter (embedding included) within float32 noise', async () => {
    const cpu = await gradientsOn('cpu');
    const wasm = await gradientsOn('wasm');
    expect(Math.abs(wasm.loss - cpu.loss)).toBeLessThan(1e-5);
    for (const [name, g] of cpu.grads) {
      const w = wasm.grads.get(name)!;
      const scale = Math.max(...g.map(Math.abs));
      for (let i = 0; i < g.length; i++) expect(Math.abs(w[i] - g[i]), `${name}[${i}]`).toBeLessThan(1e-4 * scale + 1e-7);
    }
  });

  it('gives the same first 10 training losses (with dropout) on cpu and wasm', async () => {
    const cpu = await lossesOn('cpu');
    const wasm = await lossesOn('wasm');
    expect(cpu[9]).toBeLessThan(cpu[0]); // it did train
    cpu.forEach((l, i) => expect(Math.abs(wasm[i] - l), `step ${i + 1}`).toBeLessThan(1e-4 * l));
    await selectBackend('cpu');
  });
});
