import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LoraAdapter, LORA_TARGETS } from '@/lib/model/lora';
import { DPOTrainer, dpoLoss, type FormattedPreference } from '@/lib/train/dpo';
import { expectFileLeavesNoTensors, selectBackend, tinyModel } from './helpers';

beforeAll(() => selectBackend('cpu'));

expectFileLeavesNoTensors();

/** Toy preferences on an 11-token vocabulary: after prompt [1, x, 0], answer x+2, x+3 (chosen) rather than 9, 9 (rejected). */
const TOY: FormattedPreference[] = [2, 3, 4, 5].map((x) => ({
  chosen: { ids: [1, x, 0, x + 2, x + 3], promptLength: 3 },
  rejected: { ids: [1, x, 0, 9, 9], promptLength: 3 },
}));

describe('DPO loss', () => {
  it('matches a hand-computed example (β = 0.1)', async () => {
    // pair 1: policy log-probs (chosen, rejected) = (−10, −12), reference (−11, −11)
    //   rewards: 0.1·(−10 + 11) = 0.1 and 0.1·(−12 + 11) = −0.1 → margin 0.2
    //   loss = −log σ(0.2) = log(1 + e^−0.2) = 0.598138869
    // pair 2: policy (−5, −4), reference (−5, −5) → rewards 0 and 0.1, margin −0.1
    //   loss = log(1 + e^0.1) = 0.744396660
    // mean loss = (0.598138869 + 0.744396660) / 2 = 0.671267765; accuracy = 1/2
    const t = (v: number[]) => tf.tensor1d(v);
    const inputs = [t([-10, -5]), t([-12, -4]), t([-11, -5]), t([-11, -5])];
    const terms = dpoLoss(inputs[0], inputs[1], inputs[2], inputs[3], 0.1);
    expect((await terms.loss.data())[0]).toBeCloseTo(0.671267765, 6);
    expect(Array.from(await terms.chosenRewards.data()).map((x) => +x.toFixed(6))).toEqual([0.1, 0]);
    expect(Array.from(await terms.rejectedRewards.data()).map((x) => +x.toFixed(6))).toEqual([-0.1, 0.1]);
    expect(Array.from(await terms.margins.data()).map((x) => +x.toFixed(6))).toEqual([0.2, -0.1]);
    expect((await terms.accuracy.data())[0]).toBe(0.5);
    // a tie counts as not preferred, and the loss at a tie is log 2
    const same = t([-3]);
    const tie = dpoLoss(same, same, same, same, 0.5);
    expect((await tie.loss.data())[0]).toBeCloseTo(Math.LN2, 6);
    expect((await tie.accuracy.data())[0]).toBe(0);
    tf.dispose([...inputs, same, terms as unknown as tf.TensorContainer, tie as unknown as tf.TensorContainer]);
    expect(() => dpoLoss(inputs[0], inputs[1], inputs[2], inputs[3], 0)).toThrow('DPO: beta = 0 — must be > 0');
  });
});

describe('DPO training', () => {
  it('raises accuracy and margin on a toy preference set against a frozen reference copy, with the KL growing from 0', async () => {
    const policy = tinyModel({ seed: 5 });
    const reference = tinyModel({ seed: 5 }); // identical weights, never trained
    const refWeights = await reference.weights();
    const trainer = new DPOTrainer(policy, reference, TOY, policy.params, { beta: 0.5, batchSize: 4, learningRate: 1e-2, seed: 1 });
    const start = await trainer.evaluate();
    // policy = reference: every reward, margin and the KL are exactly 0; loss = log 2
    expect(start.margin).toBe(0);
    expect(start.accuracy).toBe(0);
    expect(start.kl).toBe(0);
    expect(start.loss).toBeCloseTo(Math.LN2, 6);
    const steps = [];
    for (let i = 0; i < 15; i++) steps.push(await trainer.trainStep());
    const end = await trainer.evaluate();
    expect(end.accuracy).toBe(1);
    expect(end.margin).toBeGreaterThan(0.5);
    expect(end.loss).toBeLessThan(0.5);
    expect(end.kl).toBeGreaterThan(0);
    expect(end.chosenReward).toBeGreaterThan(end.rejectedReward);
    expect(steps.at(-1)!.step).toBe(15);
    // the reference stayed frozen
    const after = await reference.weights();
    for (const [name, w] of refWeights) expect(after.get(name), name).toEqual(w);
    trainer.dispose();
    policy.dispose();
    reference.dispose();
  });

  it('trains a LoRA adapter with the base itself as the reference (no second model), leaving the base untouched', async () => {
    const model = tinyModel({ seed: 6 });
    const base = await model.weights();
    const adapter = new LoraAdapter(model.config, { r: 4, alpha: 8, targets: [...LORA_TARGETS], seed: 3 });
    model.setAdapter(adapter);
    const trainer = new DPOTrainer(model, { model, adapter: null }, TOY, adapter.params, { beta: 0.5, batchSize: 4, learningRate: 3e-2, seed: 2 });
    const start = await trainer.evaluate();
    expect(start.margin).toBe(0); // B = 0: policy = base = reference
    for (let i = 0; i < 15; i++) await trainer.trainStep();
    const end = await trainer.evaluate();
    expect(end.margin).toBeGreaterThan(start.margin + 0.1);
    expect(end.accuracy).toBeGreaterThan(0.5);
    expect(model.adapter).toBe(adapter); // the reference pass put the adapter back
    expect(trainer.optimizerState).toEqual({ tensors: 2 * adapter.params.size, bytes: 8 * adapter.numParams });
    const after = await model.weights();
    for (const [name, w] of base) expect(after.get(name), name).toEqual(w);
    trainer.dispose();
    adapter.dispose();
    model.dispose();
  });
});
