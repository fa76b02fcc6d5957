// A shipped checkpoint loads in a real browser the three ways the book loads one — fetch from
// its URL, the files a reader picks in a file input, and the browser's own IndexedDB (saved in
// one worker, loaded in a fresh one) — and every way gives the same logits for a fixed text as
// Node does; a truncated weights.bin picked by a reader fails naming the tensor that does not fit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelJSON } from '@/lib/model/checkpoint';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import type { CheckpointIOReply, CheckpointIORequest } from './support/engine-harness/checkpoint-io';
import { openHarness, type OpenHarness } from './support/engine-harness/open';

const NAME = 'en-shakespeare';
const DIR = path.join(import.meta.dirname, '../../public/checkpoints', NAME);
const TEXT = "ROMEO:\nShall I compare thee to a summer's day?";
const KEY = 'e2e-en-shakespeare';

let harness: OpenHarness;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  harness = await openHarness();
  ({ page, consoleErrors } = harness);
});

afterAll(() => harness?.close());

type Harness = { harness: { run(r: unknown): Promise<{ active: string; result: CheckpointIOReply }> } };

/** Ask the harness for one checkpoint-io request on the cpu backend (the Files, if any, are read from the page's input). */
type PageRequest = Extract<CheckpointIORequest, { phase: 'fetch-and-save' }> | Omit<Extract<CheckpointIORequest, { phase: 'load' }>, 'files' | 'truncatedWeights'>;

function runIO(io: PageRequest) {
  return page.evaluate(async (request) => {
    const g = globalThis as unknown as Harness & { picked?: File[] };
    let full: unknown = request;
    if (request.phase === 'load') {
      const input = document.querySelector<HTMLInputElement>('#checkpoint-files')!;
      const byName = (name: string) => g.picked!.find((f) => f.name === name)!;
      full = { ...request, files: { modelJson: byName('model.json'), weights: byName('weights.bin') }, truncatedWeights: input.files![0] };
    }
    const reply = await g.harness.run({ type: 'checkpoint-io', backend: 'cpu', io: full });
    return { active: reply.active, result: reply.result };
  }, io);
}

describe(`loading ${NAME} in Chromium`, () => {
  it('fetch, IndexedDB (across workers) and picked Files give the same logits as Node; a truncated file names its tensor', async () => {
    const json = JSON.parse(readFileSync(path.join(DIR, 'model.json'), 'utf8')) as ModelJSON;
    const weights = readFileSync(path.join(DIR, 'weights.bin'));

    // The reference: the same checkpoint and text in Node (tfjs cpu backend).
    await tf.setBackend('cpu');
    const node = await loadCheckpoint(DIR);
    const tokens = node.tokenizer.encode(TEXT);
    const nodeLogits = tf.tidy(() => node.model.forward(tf.tensor2d([tokens], [1, tokens.length], 'int32')).logits);
    const reference = Array.from(await nodeLogits.data());
    nodeLogits.dispose();
    node.model.dispose();

    // 1. fetch /checkpoints/en-shakespeare, score, save to IndexedDB (one worker).
    const saved = await runIO({ phase: 'fetch-and-save', checkpoint: NAME, key: KEY, text: TEXT });
    expect(saved.active).toBe('cpu');
    if (saved.result.phase !== 'fetch-and-save') throw new Error('wrong reply');
    const fromUrl = saved.result.fromUrl;
    expect(fromUrl.tokens).toEqual(tokens);
    expect(fromUrl.numParams).toBe(json.numParams);
    expect(fromUrl.logits).toHaveLength(tokens.length * json.config.vocabSize);
    expect(saved.result.keysAfterSave).toContain(KEY);
    expect(saved.result.numTensorsAfter).toBe(saved.result.numTensorsBefore);
    // Same kernels (tfjs's JS cpu backend) on the same float32 weights: Node's logits to float32 rounding.
    const maxDiff = Math.max(...fromUrl.logits.map((v, i) => Math.abs(v - reference[i])));
    console.log(`${tokens.length} tokens × ${json.config.vocabSize}: max |browser − Node| = ${maxDiff}`);
    expect(maxDiff).toBeLessThan(1e-5);

    // 2. A reader picks model.json + weights.bin, then a truncated weights.bin, in the file input.
    const cut = Math.floor(weights.byteLength / 2);
    await page.setInputFiles('#checkpoint-files', [path.join(DIR, 'model.json'), path.join(DIR, 'weights.bin')]);
    await page.evaluate(() => {
      (globalThis as unknown as { picked: File[] }).picked = [...document.querySelector<HTMLInputElement>('#checkpoint-files')!.files!];
    });
    await page.setInputFiles('#checkpoint-files', { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: weights.subarray(0, cut) });

    // 3. A fresh worker loads the IndexedDB record, the picked files and the truncated file.
    const loaded = await runIO({ phase: 'load', key: KEY, text: TEXT });
    if (loaded.result.phase !== 'load') throw new Error('wrong reply');
    const r = loaded.result;
    expect(r.fileNames).toEqual(['model.json', 'weights.bin', 'weights.bin']);
    expect(r.fromIndexedDB, `IndexedDB has no record "${KEY}" in a new worker`).not.toBeNull();
    expect(r.fromIndexedDB!.tokens).toEqual(tokens);
    expect(r.fromIndexedDB!.logits).toEqual(fromUrl.logits); // bit-identical
    expect(r.fromFiles.tokens).toEqual(tokens);
    expect(r.fromFiles.logits).toEqual(fromUrl.logits); // bit-identical

    // The first tensor in the index that does not fit in `cut` bytes is the one the error names.
    const broken = json.tensors.find((t) => t.offset + t.byteLength > cut)!;
    expect(r.truncatedError).toBe(
      `CheckpointError: tensor "${broken.name}": needs bytes ${broken.offset}–${broken.offset + broken.byteLength} but weights.bin has only ${cut} bytes (truncated file?)`,
    );
    expect(r.keysAfterDelete).not.toContain(KEY);
    expect(r.missingAfterDelete).toBe(true);
    expect(r.numTensorsAfter).toBe(r.numTensorsBefore);
  });

  it('logged no errors to the page console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
