// The pretrained checkpoints the book ships (public/checkpoints/*): small enough to download,
// with a training report that says how each was made and how good it is, and loadable by the
// real loader. Nothing here hard-codes a loss: the checkpoints are retrained from time to time.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ModelJSON } from '@/lib/model/checkpoint';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { encodeKnownChars } from '@/lib/tokenizer/index';
import { selectBackend } from './helpers';

const ROOT = path.join(import.meta.dirname, '../..');
const DIR = path.join(ROOT, 'public/checkpoints');
const MAX_BYTES = 5 * 1024 * 1024; // the limit per checkpoint: a reader downloads it
const names = readdirSync(DIR).filter((n) => statSync(path.join(DIR, n)).isDirectory());

beforeAll(() => selectBackend('cpu'));

/** The value of `--name` in a recorded shell command (words are plain: no quoting in shipped commands). */
function optionIn(command: string, name: string): string | undefined {
  const words = command.split(/\s+/);
  const i = words.indexOf(`--${name}`);
  return i >= 0 ? words[i + 1] : undefined;
}

describe('shipped checkpoints', () => {
  it('there are the two the issue asks for: English and Chinese', () => {
    expect(names.some((n) => n.startsWith('en-'))).toBe(true);
    expect(names.some((n) => n.startsWith('zh-'))).toBe(true);
  });

  for (const name of names) {
    describe(name, () => {
      const dir = path.join(DIR, name);
      const json = () => JSON.parse(readFileSync(path.join(dir, 'model.json'), 'utf8')) as ModelJSON;

      it('model.json + weights.bin are at most 5 MB together', () => {
        const bytes = statSync(path.join(dir, 'model.json')).size + statSync(path.join(dir, 'weights.bin')).size;
        expect(bytes).toBeLessThanOrEqual(MAX_BYTES);
      });

      it('records a finished training run: command, steps, final losses, wall time and the unigram baseline', () => {
        const t = json().training!;
        expect(t, 'model.json has no "training" report').toBeDefined();
        expect(t.command).toMatch(/^npm run gpt -- train /);
        expect(t.partial, 'an interrupted run (the report of an intermediate save)').toBeUndefined();
        expect(Number.isInteger(t.steps) && t.steps! >= 1, `steps = ${t.steps}`).toBe(true);
        const stepsOption = optionIn(t.command!, 'steps');
        if (stepsOption !== undefined) expect(t.steps).toBe(Number(stepsOption));
        for (const field of ['finalTrainLoss', 'finalValLoss', 'wallSeconds', 'unigramValEntropy'] as const) {
          const v = t[field];
          expect(typeof v === 'number' && Number.isFinite(v) && v > 0, `${field} = ${v}`).toBe(true);
        }
        // The command can be rerun: its corpus is the one recorded, and it is in the repository.
        expect(optionIn(t.command!, 'corpus')).toBe(t.corpus);
        expect(existsSync(path.join(ROOT, String(t.corpus))), `corpus ${t.corpus}`).toBe(true);
      });

      it('beats the unigram baseline on its validation split', () => {
        const t = json().training!;
        expect(t.finalValLoss!).toBeLessThan(t.unigramValEntropy!);
        console.log(`${name}: val ${t.finalValLoss!.toFixed(4)} vs unigram ${t.unigramValEntropy!.toFixed(4)} nats/token (train ${t.finalTrainLoss!.toFixed(4)})`);
      });

      it('loads with the real loader and predicts its corpus far better than chance', async () => {
        const before = tf.memory().numTensors;
        const { model, tokenizer, json: loaded } = await loadCheckpoint(dir);
        expect(model.config).toEqual(loaded.config);
        expect(model.numParams).toBe(loaded.numParams);
        expect(tokenizer.vocabSize).toBe(model.config.vocabSize);
        // One forward over the first contextLength + 1 tokens of the validation tail of its corpus.
        const text = readFileSync(path.join(ROOT, String(loaded.training!.corpus)), 'utf8');
        const T = model.config.contextLength;
        const ids = encodeKnownChars(tokenizer, text.slice(Math.floor(text.length * 0.9)).slice(0, 4 * T)).slice(0, T + 1);
        expect(ids).toHaveLength(T + 1);
        const loss = tf.tidy(() => {
          const { logits } = model.forward(tf.tensor2d([ids.slice(0, T)], [1, T], 'int32')); // [1, T, V]
          const targets = tf.oneHot(tf.tensor1d(ids.slice(1), 'int32'), model.config.vocabSize); // [T, V]
          return tf.losses.softmaxCrossEntropy(targets, logits.reshape([T, model.config.vocabSize])).dataSync()[0];
        });
        // An untrained model scores ≈ ln V (uniform); a trained one is far below.
        expect(loss).toBeLessThan(Math.log(model.config.vocabSize) - 1);
        model.dispose();
        expect(tf.memory().numTensors).toBe(before);
      });
    });
  }
});
