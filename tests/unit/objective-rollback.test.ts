// SFT / DPO steps (ObjectiveOptimizer) share the Trainer's one-step rollback (lib/train/rollback.ts):
// a step that fails its divergence check leaves weights, AdamW state and the batch RNG as they
// were; undoLastStep() then takes the update that blew the weights up back out, and a lower rate
// goes on with finite losses.
import { beforeAll, describe, expect, it } from 'vitest';
import { disposeBatch } from '@/lib/train/logprobs';
import { ObjectiveOptimizer } from '@/lib/train/objective';
import { rewindableRng } from '@/lib/train/rollback';
import { maskedLoss, sampleExamples, sftBatch } from '@/lib/train/sft';
import { DivergenceError } from '@/lib/train/trainer';
import { expectFileLeavesNoTensors, selectBackend, tinyModel } from './helpers';

beforeAll(() => selectBackend('cpu'));
expectFileLeavesNoTensors();

const EXAMPLES = [2, 3, 4, 5, 6, 7].map((x) => ({ ids: [1, x, 0, x + 2, x + 3, (x + 4) % 11], promptLength: 3 }));

describe('ObjectiveOptimizer rollback (SFT / DPO)', () => {
  it('on a divergent step keeps weights, AdamW state and the RNG; undoLastStep() rewinds one update; a lower rate continues', async () => {
    const model = tinyModel({ seed: 21 });
    const rng = rewindableRng(5);
    // lr 1e5 without clipping: update 1 throws every weight ≈ 1e5 away, so step 2's loss is not finite.
    const optimizer = new ObjectiveOptimizer(model.params, { learningRate: 1e5, gradClip: 0 }, [rng]);
    const sftStep = async (lr?: number) => {
      const batch = sftBatch(sampleExamples(EXAMPLES, 4, rng), 8);
      try {
        return await optimizer.step(() => ({ loss: maskedLoss(model, batch) }), lr);
      } finally {
        disposeBatch(batch);
      }
    };
    type State = { weights: Map<string, Float32Array>; rng: number; updates: number };
    const stateNow = async (): Promise<State> => ({ weights: await model.weights(), rng: rng.state(), updates: optimizer.updates });
    const states: State[] = [await stateNow()]; // states[k] = after k updates
    const losses: number[] = [];
    let error: unknown;
    for (let i = 0; i < 30 && !error; i++) {
      try {
        losses.push((await sftStep()).loss);
        states.push(await stateNow());
      } catch (e) {
        error = e;
      }
    }
    expect(error).toBeInstanceOf(DivergenceError);
    const N = (error as DivergenceError).step;
    expect(N).toBe(losses.length + 1);
    expect(N).toBeGreaterThan(1);
    // Nothing of step N was applied, and its draw is undone.
    const after = await stateNow();
    expect(after.updates).toBe(N - 1);
    expect(after.rng).toBe(states[N - 1].rng);
    for (const [name, w] of states[N - 1].weights) expect(after.weights.get(name), name).toEqual(w);
    // Retrying step N at a lower rate cannot pass: its loss is measured on the weights step N − 1 made.
    await expect(sftStep(1e-3)).rejects.toBeInstanceOf(DivergenceError);

    expect(optimizer.undoLastStep()).toBe(N - 2);
    const undone = await stateNow();
    expect(undone.rng).toBe(states[N - 2].rng);
    for (const [name, w] of states[N - 2].weights) expect(undone.weights.get(name), name).toEqual(w);
    // Step N − 1 again: the same batch on the same weights → the same loss; then on, at lr 1e-3.
    const redone = await sftStep(1e-3);
    expect(redone.loss).toBe(losses[N - 2]);
    for (let i = 0; i < 5; i++) expect(Number.isFinite((await sftStep(1e-3)).loss)).toBe(true);
    expect(optimizer.updates).toBe(N + 4);
    expect(() => { optimizer.undoLastStep(); optimizer.undoLastStep(); }).toThrow(/nothing to undo/);
    optimizer.dispose();
    model.dispose();
  });
});
