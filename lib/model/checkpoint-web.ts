// Checkpoints in the browser (main thread or worker): from a URL, from a File / ArrayBuffer the
// reader picked, and to / from IndexedDB. DOM-free apart from the fetch and indexedDB globals
// (both exist in workers); the format and its validation are shared with Node (checkpoint.ts).
import type { GPT } from './gpt';
import type { Tokenizer } from '../tokenizer/types';
import { CheckpointError, checkpointFromModel, type ModelJSON, modelFromCheckpoint, parseCheckpoint, type TrainingReport } from './checkpoint';

export type LoadedCheckpoint = { model: GPT; tokenizer: Tokenizer; json: ModelJSON };

type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'statusText' | 'json' | 'arrayBuffer'>>;

/** Load `${baseUrl}/model.json` and `${baseUrl}/weights.bin` (e.g. "/checkpoints/en-shakespeare"). */
export async function loadCheckpointFromURL(baseUrl: string, fetchImpl: FetchLike = (u) => fetch(u)): Promise<LoadedCheckpoint> {
  const base = baseUrl.replace(/\/+$/, '');
  const get = async (name: string) => {
    const response = await fetchImpl(`${base}/${name}`);
    if (!response.ok) throw new CheckpointError(`cannot fetch ${base}/${name}: HTTP ${response.status} ${response.statusText}`);
    return response;
  };
  const [jsonResponse, weightsResponse] = await Promise.all([get('model.json'), get('weights.bin')]);
  let raw: unknown;
  try {
    raw = await jsonResponse.json();
  } catch (e) {
    throw new CheckpointError(`${base}/model.json is not valid JSON: ${(e as Error).message}`);
  }
  return modelFromCheckpoint(parseCheckpoint(raw, await weightsResponse.arrayBuffer()));
}

/** Load from what a reader picked: model.json as a File/Blob, text or parsed object; weights.bin as a File/Blob or bytes. */
export async function loadCheckpointFromFiles(
  modelJson: Blob | string | object,
  weights: Blob | ArrayBuffer | ArrayBufferView,
): Promise<LoadedCheckpoint> {
  let raw: unknown = modelJson;
  if (typeof Blob !== 'undefined' && modelJson instanceof Blob) raw = await modelJson.text();
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch (e) {
      throw new CheckpointError(`model.json is not valid JSON: ${(e as Error).message}`);
    }
  }
  const bytes = typeof Blob !== 'undefined' && weights instanceof Blob ? await weights.arrayBuffer() : (weights as ArrayBuffer | ArrayBufferView);
  return modelFromCheckpoint(parseCheckpoint(raw, bytes));
}

// ---- IndexedDB: one object store, records { key, json, weights: ArrayBuffer, savedAt } ----

const DB_NAME = 'live-llm-book';
const STORE = 'checkpoints';

interface StoredCheckpoint {
  key: string;
  json: ModelJSON;
  weights: ArrayBuffer;
  savedAt: string;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function openDB(factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'key' });
  };
  return request(req);
}

async function withStore<T>(mode: IDBTransactionMode, factory: IDBFactory | undefined, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const idb = factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!idb) throw new CheckpointError('IndexedDB is not available here (private browsing, or not a browser)');
  const db = await openDB(idb);
  try {
    const tx = db.transaction(STORE, mode);
    const result = await request(fn(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
    return result;
  } finally {
    db.close();
  }
}

/** Save a model under `key` (e.g. "my-shakespeare"), replacing any checkpoint of that name. */
export async function saveCheckpointToIndexedDB(key: string, model: GPT, tokenizer: Tokenizer, training?: TrainingReport, factory?: IDBFactory): Promise<void> {
  const { json, weights } = await checkpointFromModel(model, tokenizer, training);
  const record: StoredCheckpoint = { key, json, weights: weights.slice().buffer, savedAt: new Date().toISOString() };
  await withStore('readwrite', factory, (store) => store.put(record));
}

/** Load the checkpoint saved under `key`, validated like any other; null if there is none. */
export async function loadCheckpointFromIndexedDB(key: string, factory?: IDBFactory): Promise<LoadedCheckpoint | null> {
  const record = (await withStore('readonly', factory, (store) => store.get(key))) as StoredCheckpoint | undefined;
  if (!record) return null;
  try {
    return modelFromCheckpoint(parseCheckpoint(record.json, record.weights));
  } catch (e) {
    throw new CheckpointError(`IndexedDB checkpoint "${key}": ${(e as Error).message}`);
  }
}

export async function listCheckpointsInIndexedDB(factory?: IDBFactory): Promise<string[]> {
  return (await withStore('readonly', factory, (store) => store.getAllKeys())).map(String);
}

export async function deleteCheckpointFromIndexedDB(key: string, factory?: IDBFactory): Promise<void> {
  await withStore('readwrite', factory, (store) => store.delete(key));
}
