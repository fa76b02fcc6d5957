import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CharTokenizer } from '@/lib/tokenizer/char';
import { disposeBatch } from '@/lib/train/logprobs';
import { ObjectiveOptimizer } from '@/lib/train/objective';
import { ENGLISH_TEMPLATE, formatExample, maskedLoss, sftBatch, TANG_TEMPLATE } from '@/lib/train/sft';
import { expectFileLeavesNoTensors, selectBackend, tinyModel } from './helpers';

beforeAll(() => selectBackend('cpu'));

expectFileLeavesNoTensors();

describe('chat template', () => {
  it('uses only characters of the shipped corpora, so the character models can read it', () => {
    const tang = CharTokenizer.fromText(readFileSync('content/corpora/tang-poetry.txt', 'utf8'));
    const pair = { prompt: '春曉', response: '春眠不覺曉，處處聞啼鳥。\n夜來風雨聲，花落知多少。' };
    const ex = formatExample(TANG_TEMPLATE, tang, pair);
    expect(tang.decode(ex.ids)).toBe('題 春曉\n詩 春眠不覺曉，處處聞啼鳥。\n夜來風雨聲，花落知多少。\n\n');
    expect(tang.decode(ex.ids.slice(0, ex.promptLength))).toBe('題 春曉\n詩 ');
    const english = CharTokenizer.fromText(readFileSync('content/corpora/tiny-shakespeare.txt', 'utf8'));
    expect(() => formatExample(ENGLISH_TEMPLATE, english, { prompt: 'a rose', response: 'Sweet love.' })).not.toThrow();
    expect(() => formatExample(TANG_TEMPLATE, tang, { prompt: 'Rose', response: '春' })).toThrow(/the prompt cannot be encoded — char tokenizer: character "R"/);
  });

  it('lays out inputs, targets and a mask that is 1 exactly on response targets', async () => {
    // ids 0…5; prompt = first 3 tokens, response = 3 tokens; T = 7 → one padding position
    const batch = sftBatch([{ ids: [5, 4, 3, 2, 1, 0], promptLength: 3 }], 7);
    expect(Array.from(await batch.inputs.data())).toEqual([5, 4, 3, 2, 1, 0, 0]);
    expect(Array.from(await batch.targets.data())).toEqual([4, 3, 2, 1, 0, 0, 0]);
    // target t is ids[t + 1]: response tokens are ids[3…5] → targets 2, 3, 4
    expect(Array.from(await batch.mask.data())).toEqual([0, 0, 1, 1, 1, 0, 0]);
    disposeBatch(batch);
    expect(() => sftBatch([{ ids: [1, 2, 3], promptLength: 1 }], 1)).toThrow('SFT example 0 has 3 tokens; contextLength 1 fits at most 2');
    expect(() => sftBatch([{ ids: [1, 2, 3], promptLength: 3 }], 4)).toThrow(/leaves no response/);
  });
});

describe('masked SFT loss', () => {
  it('equals the mean cross-entropy over response targets, computed by hand from the logits', async () => {
    const model = tinyModel({ seed: 2 });
    const batch = sftBatch([{ ids: [1, 2, 3, 4, 5, 6], promptLength: 2 }, { ids: [7, 8, 9, 10, 1, 2, 3, 4, 5], promptLength: 5 }], 8);
    const loss = maskedLoss(model, batch);
    const { logits } = model.forward(batch.inputs);
    const [B, T, V] = logits.shape;
    const l = (await logits.data()) as Float32Array;
    const y = await batch.targets.data();
    const m = await batch.mask.data();
    let sum = 0;
    let count = 0;
    for (let i = 0; i < B * T; i++) {
      if (!m[i]) continue;
      const row = Array.from(l.subarray(i * V, i * V + V));
      const max = Math.max(...row);
      const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
      sum += lse - row[y[i]];
      count++;
    }
    expect(count).toBe(4 + 4); // 6 − 2 and 9 − 5 response tokens
    expect((await loss.data())[0]).toBeCloseTo(sum / count, 5);
    tf.dispose([loss, logits]);
    disposeBatch(batch);
    model.dispose();
  });

  it('gives prompt tokens zero loss: changing the targets at prompt positions changes neither loss nor gradient', async () => {
    const model = tinyModel({ seed: 3 });
    const examples = [{ ids: [1, 2, 3, 4, 5, 6, 7], promptLength: 4 }];
    const lossAndGrads = async (targetsAt: (t: number, id: number) => number) => {
      const batch = sftBatch(examples, 8);
      const targets = await batch.targets.data();
      const mask = await batch.mask.data();
      const edited = Int32Array.from(targets, (id, t) => (mask[t] ? id : targetsAt(t, id)));
      batch.targets.dispose();
      batch.targets = tf.tensor2d(edited, [1, 8], 'int32');
      const { value, grads } = tf.variableGrads(() => maskedLoss(model, batch), [model.params.get('wte')!, model.params.get('h.0.attn.c_attn.weight')!]);
      const out = { loss: (await value.data())[0], grads: await Promise.all(Object.values(grads).map((g) => g.data())) };
      tf.dispose([value, ...Object.values(grads)]);
      disposeBatch(batch);
      return out;
    };
    const original = await lossAndGrads((_, id) => id);
    const perturbed = await lossAndGrads((t) => (t * 5 + 3) % 11);
    expect(perturbed.loss).toBe(original.loss);
    perturbed.grads.forEach((g, i) => expect(g).toEqual(original.grads[i]));
    // whereas changing a response target does change it
    const batch = sftBatch([{ ids: [1, 2, 3, 4, 5, 6, 9], promptLength: 4 }], 8);
    const changed = maskedLoss(model, batch);
    expect((await changed.data())[0]).not.toBe(original.loss);
    changed.dispose();
    disposeBatch(batch);
    model.dispose();
  });

  it('learns to answer: 40 steps of SFT lower the response loss', async () => {
    const model = tinyModel({ seed: 4 });
    // "prompt" 1 x → "response" x+2, x+3, x+4 (a mapping the model must learn from the prompt)
    const examples = [2, 3, 4, 5].map((x) => ({ ids: [1, x, 0, x + 2, x + 3, (x + 4) % 11], promptLength: 3 }));
    const optimizer = new ObjectiveOptimizer(model.params, { learningRate: 1e-2 });
    const batch = sftBatch(examples, 8);
    const losses: number[] = [];
    for (let i = 0; i < 40; i++) losses.push((await optimizer.step(() => ({ loss: maskedLoss(model, batch) }))).loss);
    // measured: 2.40 → 0.47
    expect(losses[0]).toBeGreaterThan(2);
    expect(losses.at(-1)!).toBeLessThan(0.6);
    expect(optimizer.state.tensors).toBe(2 * model.params.size);
    disposeBatch(batch);
    optimizer.dispose();
    model.dispose();
  });
});
