// generate() honours eos and stop sequences (lib/sample/stop.ts), as decode() does.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, temperatureTopKSampler } from '@/lib/sample/generate';
import { createRng } from '@/lib/sample/rng';
import { selectBackend, tinyModel } from './helpers';

beforeAll(() => selectBackend('cpu'));

/** Index just past the first place `seq` ends in `out`, or -1. */
function firstEnd(out: number[], seq: number[]): number {
  for (let end = seq.length; end <= out.length; end++) {
    if (seq.every((id, j) => out[end - seq.length + j] === id)) return end;
  }
  return -1;
}

describe('generate() stop conditions', () => {
  it('stops right after the first stop sequence or eos it produces, keeping the stop tokens', async () => {
    const model = tinyModel({ seed: 43 });
    const before = tf.memory().numTensors;
    const run = (extra: object) => generate(model, [1, 2], { maxTokens: 20, sampler: temperatureTopKSampler(1.2), rng: createRng(5), ...extra });
    const free = await run({});
    expect(free).toHaveLength(20);
    // A two-token stop sequence taken from the unconstrained run (same seed → same tokens up to it).
    const seq = free.slice(6, 8);
    const end = firstEnd(free, seq);
    expect(end).toBeGreaterThan(0);
    expect(end).toBeLessThanOrEqual(8);
    expect(await run({ stopSequences: [[10, 10, 10, 10], seq] })).toEqual(free.slice(0, end));
    // eos: the first occurrence of the 5th token ends generation there.
    const eos = free[4];
    expect(await run({ eos })).toEqual(free.slice(0, free.indexOf(eos) + 1));
    // A stop sequence that never appears changes nothing.
    expect(await run({ stopSequences: [[10, 10, 10, 10, 10, 10]] })).toEqual(free);
    expect(tf.memory().numTensors).toBe(before);
    await expect(run({ stopSequences: [[]] })).rejects.toThrow(/stopSequences\[0\] must be a non-empty array/);
    await expect(run({ eos: 11 })).rejects.toThrow(/eos = 11 is not a token id in 0…10/);
    model.dispose();
  });
});
