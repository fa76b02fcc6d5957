import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint, serializeCheckpoint, type ModelJSON } from '@/lib/model/checkpoint';
import { loadCheckpoint, saveCheckpoint } from '@/lib/model/checkpoint-node';
import { loadCheckpointFromFiles, loadCheckpointFromURL } from '@/lib/model/checkpoint-web';
import type { GPT } from '@/lib/model/gpt';
import { CharTokenizer } from '@/lib/tokenizer/char';
import { tinyModel, tokenBatch, selectBackend } from './helpers';

let dir: string;
beforeAll(async () => {
  await selectBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'gpt-ckpt-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const tokenizer = new CharTokenizer(['\n', ' ', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']); // 11 = TINY vocab

async function logitsOf(model: GPT): Promise<number[]> {
  const x = tokenBatch(2, 8, 11);
  const { logits } = model.forward(x);
  const values = Array.from(await logits.data());
  tf.dispose([x, logits]);
  return values;
}

/** A trained-looking model: perturb every parameter so biases and LayerNorms are not 0/1. */
function perturbedModel(): GPT {
  const model = tinyModel({ seed: 31 });
  let k = 0;
  for (const v of model.params.values()) tf.tidy(() => v.assign(tf.add(v, tf.mul(0.1, tf.sin(tf.add(tf.range(0, v.size).reshape(v.shape), k++))))));
  return model;
}

async function savedBytes(model: GPT) {
  const { json, weights } = serializeCheckpoint(model.config, await model.weights(), tokenizer.toJSON(), { steps: 3 });
  return { json: JSON.parse(JSON.stringify(json)) as ModelJSON, weights };
}

describe('checkpoints', () => {
  it('round-trip through files gives identical logits, config, tokenizer and report', async () => {
    const model = perturbedModel();
    await saveCheckpoint(join(dir, 'a'), model, tokenizer, { steps: 7, finalValLoss: 1.5 });
    const loaded = await loadCheckpoint(join(dir, 'a'));
    expect(await logitsOf(loaded.model)).toEqual(await logitsOf(model));
    expect(loaded.model.config).toEqual(model.config);
    expect(loaded.tokenizer.toJSON()).toEqual(tokenizer.toJSON());
    expect(loaded.json.training).toEqual({ steps: 7, finalValLoss: 1.5 });
    expect(loaded.json.numParams).toBe(model.numParams);
    const bytes = await readFile(join(dir, 'a', 'weights.bin'));
    expect(bytes.byteLength).toBe(4 * model.numParams);
    // little-endian float32, in index order: the first value of wte
    expect(bytes.readFloatLE(0)).toBe((await model.params.get('wte')!.data())[0]);
    model.dispose();
    loaded.model.dispose();
  });

  it('loads the same bytes from a File/Blob and from a URL (browser paths) with identical logits', async () => {
    const model = perturbedModel();
    const { json, weights } = await savedBytes(model);
    const fromFiles = await loadCheckpointFromFiles(new Blob([JSON.stringify(json)]), new Blob([weights]));
    expect(await logitsOf(fromFiles.model)).toEqual(await logitsOf(model));
    const served: Record<string, Uint8Array<ArrayBuffer> | string> = { '/ck/model.json': JSON.stringify(json), '/ck/weights.bin': weights };
    const requested: string[] = [];
    const fakeFetch = async (url: string) => {
      requested.push(url);
      const body = served[url];
      return body === undefined ? new Response('missing', { status: 404, statusText: 'Not Found' }) : new Response(body);
    };
    const fromUrl = await loadCheckpointFromURL('/ck/', fakeFetch);
    expect(requested.sort()).toEqual(['/ck/model.json', '/ck/weights.bin']);
    expect(await logitsOf(fromUrl.model)).toEqual(await logitsOf(model));
    await expect(loadCheckpointFromURL('/nothing', fakeFetch)).rejects.toThrow(/cannot fetch \/nothing\/model.json: HTTP 404/);
    for (const m of [model, fromFiles.model, fromUrl.model]) m.dispose();
  });

  it('names the tensor when weights.bin is truncated', async () => {
    const model = perturbedModel();
    const { json, weights } = await savedBytes(model);
    const last = json.tensors.at(-1)!;
    expect(() => parseCheckpoint(json, weights.slice(0, weights.byteLength - 4))).toThrow(
      new RegExp(`tensor "${last.name.replace(/\./g, '\\.')}": needs bytes ${last.offset}–${last.offset + last.byteLength} but weights.bin has only ${weights.byteLength - 4} bytes`),
    );
    const cut = json.tensors.find((t) => t.name === 'h.1.mlp.c_fc.weight')!;
    expect(() => parseCheckpoint(json, weights.slice(0, cut.offset + 10))).toThrow(/tensor "h\.1\.mlp\.c_fc\.weight": needs bytes/);
    model.dispose();
  });

  it('names the tensor and the mismatch for wrong shapes, dtypes, missing or unknown tensors', async () => {
    const model = perturbedModel();
    const { json, weights } = await savedBytes(model);
    const edit = (f: (j: ModelJSON) => void) => {
      const copy = JSON.parse(JSON.stringify(json)) as ModelJSON;
      f(copy);
      return () => parseCheckpoint(copy, weights);
    };
    const idx = (j: ModelJSON, name: string) => j.tensors.find((t) => t.name === name)!;
    expect(edit((j) => (idx(j, 'h.0.attn.c_attn.weight').shape = [8, 16]))).toThrow(/tensor "h\.0\.attn\.c_attn\.weight": shape \[8,16\] does not match the config's \[8,24\]/);
    expect(edit((j) => ((idx(j, 'wpe') as { dtype: string }).dtype = 'float16'))).toThrow(/tensor "wpe": dtype "float16", expected "float32"/);
    expect(edit((j) => (j.tensors = j.tensors.filter((t) => t.name !== 'ln_f.bias')))).toThrow(/tensor "ln_f\.bias": missing from model\.json/);
    expect(edit((j) => j.tensors.push({ ...idx(j, 'wte'), name: 'lm_head.weight' }))).toThrow(/tensor "lm_head\.weight": not a parameter of this model/);
    expect(edit((j) => (idx(j, 'wte').byteLength = 12))).toThrow(/tensor "wte": byteLength 12, expected 352/);
    // A model.json whose config disagrees with its tokenizer, or with its own tensors
    expect(edit((j) => (j.tokenizer = { kind: 'char', chars: ['a', 'b'] }))).toThrow(/vocabSize = 11 does not match the tokenizer's vocabulary of 2/);
    expect(edit((j) => (j.config.nLayer = 3))).toThrow(/tensor "h\.2\.ln_1\.weight": missing/);
    expect(edit((j) => ((j as { format: string }).format = 'other'))).toThrow(/format is "other"/);
    expect(() => parseCheckpoint(json, new Uint8Array(weights.byteLength + 8))).toThrow(/weights\.bin has \d+ bytes, model\.json says \d+/);
    model.dispose();
  });

  it('reports a missing or corrupt file by path', async () => {
    await expect(loadCheckpoint(join(dir, 'nope'))).rejects.toThrow(/cannot read checkpoint in .*nope/);
    const model = perturbedModel();
    await saveCheckpoint(join(dir, 'b'), model, tokenizer);
    await writeFile(join(dir, 'b', 'model.json'), '{ not json');
    await expect(loadCheckpoint(join(dir, 'b'))).rejects.toThrow(/model\.json is not valid JSON/);
    model.dispose();
  });

  it('saves and loads through IndexedDB (in-memory stand-in for the browser API)', async () => {
    const { saveCheckpointToIndexedDB, loadCheckpointFromIndexedDB, listCheckpointsInIndexedDB, deleteCheckpointFromIndexedDB } = await import('@/lib/model/checkpoint-web');
    const factory = fakeIndexedDB();
    const model = perturbedModel();
    await saveCheckpointToIndexedDB('mine', model, tokenizer, { steps: 1 }, factory);
    expect(await listCheckpointsInIndexedDB(factory)).toEqual(['mine']);
    const loaded = (await loadCheckpointFromIndexedDB('mine', factory))!;
    expect(await logitsOf(loaded.model)).toEqual(await logitsOf(model));
    expect(await loadCheckpointFromIndexedDB('other', factory)).toBeNull();
    await deleteCheckpointFromIndexedDB('mine', factory);
    expect(await listCheckpointsInIndexedDB(factory)).toEqual([]);
    model.dispose();
    loaded.model.dispose();
  });
});

/**
 * The smallest IndexedDB that checkpoint-web.ts uses (open/upgrade, one keyPath store,
 * put/get/getAllKeys/delete, transaction complete), with structured cloning of stored values.
 */
function fakeIndexedDB(): IDBFactory {
  const stores = new Map<string, Map<string, unknown>>();
  const later = (f: () => void) => setTimeout(f, 0);
  const makeRequest = (compute: () => unknown, tx?: { pending: number; done: () => void }) => {
    const req: Record<string, unknown> = {};
    if (tx) tx.pending++;
    later(() => {
      req.result = compute();
      (req.onsuccess as (() => void) | undefined)?.();
      if (tx && --tx.pending === 0) tx.done();
    });
    return req;
  };
  const db = {
    objectStoreNames: { contains: (n: string) => stores.has(n) },
    createObjectStore: (n: string) => stores.set(n, new Map()),
    close: () => {},
    transaction: (name: string) => {
      const store = stores.get(name)!;
      const tx: Record<string, unknown> & { pending: number; done: () => void } = {
        pending: 0,
        done: () => later(() => (tx.oncomplete as (() => void) | undefined)?.()),
        objectStore: () => ({
          put: (v: { key: string }) => makeRequest(() => void store.set(v.key, structuredClone(v)), tx),
          get: (k: string) => makeRequest(() => structuredClone(store.get(k)), tx),
          getAllKeys: () => makeRequest(() => [...store.keys()], tx),
          delete: (k: string) => makeRequest(() => void store.delete(k), tx),
        }),
      };
      return tx;
    },
  };
  return {
    open: () => {
      const req: Record<string, unknown> = { result: db };
      later(() => {
        if (!stores.size) (req.onupgradeneeded as (() => void) | undefined)?.();
        (req.onsuccess as (() => void) | undefined)?.();
      });
      return req;
    },
  } as unknown as IDBFactory;
}
