// Gradients of the full model (embedding, attention, MLP, LayerNorm, tied head, loss) against
// central finite differences.
//
// Why these tolerances: tfjs has no float64, so the loss L ≈ 2 is only known to about
// ε_f32·L ≈ 2.4e-7 per evaluation. A central difference (L(θ+h) − L(θ−h)) / 2h therefore
// carries a rounding error of ≈ 2.4e-7 / h and a truncation error of ≈ h²·|L'''|/6. With
// h = 1e-2 both are ≲ 1e-4 in absolute terms, so we compare only each tensor's
// largest-magnitude gradient entries (|g| ≳ 1e-2, where 1e-4 is ≲ 1 % of g) and require a
// relative error below 2 %. Smaller entries would measure float32 noise, not the gradient.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createGPT } from '@/lib/model/gpt';
import { tokenBatch, selectBackend } from './helpers';

beforeAll(() => selectBackend('cpu'));

describe('gradients', () => {
  it('match central finite differences on a tiny model for every parameter tensor', async () => {
    const model = createGPT({ vocabSize: 7, contextLength: 5, nLayer: 2, nHead: 2, dModel: 8, seed: 21 });
    // Make LayerNorm gains/biases and linear biases non-trivial, so their gradients are exercised too.
    const rngValues = (n: number, k: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(7.3 * i + k) * 0.3);
    let k = 0;
    for (const [name, v] of model.params) {
      if (name.endsWith('.bias') || name.includes('ln_')) {
        const base = name.includes('ln_') && name.endsWith('.weight') ? 1 : 0;
        tf.tidy(() => v.assign(tf.add(base, tf.tensor(rngValues(v.size, k++), v.shape))));
      } else {
        // Larger weights than GPT-2 init, so the loss is not flat and gradients are well above float32 noise.
        tf.tidy(() => v.assign(tf.mul(v, 10)));
      }
    }
    const x = tokenBatch(2, 5, 7);
    const y = tokenBatch(2, 5, 7, 2);
    const lossAt = () => tf.tidy(() => model.loss(x, y).dataSync()[0]);
    const vars = [...model.params.values()];
    const { value, grads } = tf.variableGrads(() => model.loss(x, y), vars);
    value.dispose();
    const h = 1e-2;
    const checkedPer = new Map<string, number>();
    for (const [name, v] of model.params) {
      let checked = 0;
      const g = grads[v.name].dataSync();
      // The 3 largest-magnitude entries of this tensor.
      const top = Array.from(g.keys()).sort((a, b) => Math.abs(g[b]) - Math.abs(g[a])).slice(0, 3);
      const original = v.dataSync().slice();
      for (const i of top) {
        if (Math.abs(g[i]) < 1e-2) continue; // float32 noise territory (see the header); counted below
        const set = (delta: number) => {
          const values = original.slice();
          values[i] += delta;
          tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
        };
        set(h);
        const plus = lossAt();
        set(-h);
        const minus = lossAt();
        set(0);
        const numeric = (plus - minus) / (2 * h);
        const rel = Math.abs(numeric - g[i]) / Math.abs(g[i]);
        expect(rel, `${name}[${i}]: analytic ${g[i]} vs numeric ${numeric}`).toBeLessThan(0.02);
        checked++;
      }
      checkedPer.set(name, checked);
    }
    // Every one of the 28 tensors got at least one well-conditioned finite-difference check
    // (an average would let a tensor with a wrong, near-zero gradient slip through).
    expect(checkedPer.size).toBe(28);
    const unchecked = [...checkedPer].filter(([, n]) => n === 0).map(([name]) => name);
    expect(unchecked, 'tensors with no entry |g| ≥ 1e-2 to check').toEqual([]);
    tf.dispose([x, y, ...Object.values(grads)]);
    model.dispose();
  });
});
