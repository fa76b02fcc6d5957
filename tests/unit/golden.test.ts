// The model against an independent NumPy float64 implementation (scripts/reference_logits.py)
// on a small committed checkpoint. Regenerate the expectation with:
//   python3 scripts/reference_logits.py --checkpoint tests/fixtures/golden --text "Shall I compare" \
//     > tests/fixtures/golden/expected-logits.json
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { selectBackend } from './helpers';

const FIXTURE = join(import.meta.dirname, '../fixtures/golden');

beforeAll(() => selectBackend('cpu'));

describe('golden logits', () => {
  it('match the NumPy reference within 1e-5 relative', async () => {
    const expected = JSON.parse(await readFile(join(FIXTURE, 'expected-logits.json'), 'utf8')) as { tokens: number[]; logits: number[][] };
    const { model, tokenizer, json } = await loadCheckpoint(FIXTURE);
    // The fixture was trained a little, so LayerNorm gains and biases are not the trivial 1/0.
    expect(json.training?.steps).toBe(40);
    expect(tokenizer.encode('Shall I compare')).toEqual(expected.tokens);
    const logits = tf.tidy(() => model.forward(tf.tensor2d([expected.tokens], undefined, 'int32')).logits.arraySync()[0]);
    expect(logits).toHaveLength(expected.logits.length);
    const scale = Math.max(...expected.logits.flat().map(Math.abs));
    logits.forEach((row, t) =>
      row.forEach((v, j) => expect(Math.abs(v - expected.logits[t][j]), `position ${t}, token ${j}`).toBeLessThanOrEqual(1e-5 * scale)),
    );
    model.dispose();
  });
});
