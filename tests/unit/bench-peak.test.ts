// `memory.peak_num_tensors` in `npm run bench` (tests/e2e/support/engine-harness/workload.ts):
// the most tensors alive at once inside a profiled function, not its net change.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { peakTensorsInProfile } from '@/tests/e2e/support/engine-harness/workload';
import { selectBackend } from './helpers';

beforeAll(() => selectBackend('cpu'));

describe('peakTensorsInProfile', () => {
  it('counts the intermediates a tidy() frees, which the net change (newTensors) misses', async () => {
    const kept = tf.ones([4]); // alive before and after: part of the baseline
    const before = tf.memory().numTensors;
    const info = await tf.profile(() => {
      const total = tf.tidy(() => {
        let x = tf.add(kept, kept); // 1 intermediate …
        for (let i = 0; i < 9; i++) x = tf.add(x, x); // … 10 in all, each alive until the tidy ends
        return tf.sum(x); // the 11th tensor, the only one that survives
      });
      total.dispose();
    });
    // Peak: baseline + 10 adds + the sum, all alive right after the sum kernel ran.
    expect(peakTensorsInProfile(info)).toBe(before + 11);
    expect(info.newTensors).toBe(0); // what the old formula added: nothing
    expect(tf.memory().numTensors).toBe(before);
    kept.dispose();
  });

  it('is 0 for a function that runs no kernel', async () => {
    expect(peakTensorsInProfile(await tf.profile(() => undefined as unknown as tf.Tensor))).toBe(0);
  });
});
