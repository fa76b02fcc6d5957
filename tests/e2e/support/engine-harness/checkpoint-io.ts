// What tests/e2e/checkpoint-loading.test.ts runs inside the harness worker: a shipped checkpoint
// loaded the three ways the book loads one in a browser — fetch from a URL, the Files a reader
// picked, and the real IndexedDB — each giving the logits of one fixed text. Saving and loading
// IndexedDB are separate requests, so the load runs in a fresh worker: the record must really
// have been stored by the browser, not held in memory. No DOM here.
import * as tf from '@tensorflow/tfjs';
import {
  deleteCheckpointFromIndexedDB,
  listCheckpointsInIndexedDB,
  loadCheckpointFromFiles,
  loadCheckpointFromIndexedDB,
  loadCheckpointFromURL,
  type LoadedCheckpoint,
  saveCheckpointToIndexedDB,
} from '@/lib/model/checkpoint-web';

export type CheckpointIORequest =
  /** Fetch /checkpoints/<checkpoint>, score `text`, save it to IndexedDB under `key`. */
  | { phase: 'fetch-and-save'; checkpoint: string; key: string; text: string }
  /** Load `key` from IndexedDB and the picked files, score `text`; delete `key` afterwards. */
  | { phase: 'load'; key: string; text: string; files: { modelJson: File; weights: File }; truncatedWeights: File };

export interface ScoredLoad {
  tokens: number[];
  /** Logits of every position, row-major [T, V], as plain numbers. */
  logits: number[];
  numParams: number;
}

export type CheckpointIOReply =
  | { phase: 'fetch-and-save'; fromUrl: ScoredLoad; keysAfterSave: string[]; numTensorsBefore: number; numTensorsAfter: number }
  | {
      phase: 'load';
      fromIndexedDB: ScoredLoad | null;
      fromFiles: ScoredLoad;
      fileNames: string[];
      truncatedError: string;
      keysAfterDelete: string[];
      missingAfterDelete: boolean;
      numTensorsBefore: number;
      numTensorsAfter: number;
    };

/** Encode `text`, run one forward pass, read the logits back, and dispose the model. */
async function score(loaded: LoadedCheckpoint, text: string): Promise<ScoredLoad> {
  const tokens = loaded.tokenizer.encode(text);
  const logits = tf.tidy(() => loaded.model.forward(tf.tensor2d([tokens], [1, tokens.length], 'int32')).logits); // [1, T, V]
  const values = Array.from((await logits.data()) as Float32Array);
  logits.dispose();
  const numParams = loaded.model.numParams;
  loaded.model.dispose();
  return { tokens, logits: values, numParams };
}

export async function runCheckpointIO(request: CheckpointIORequest): Promise<CheckpointIOReply> {
  const numTensorsBefore = tf.memory().numTensors;
  if (request.phase === 'fetch-and-save') {
    const loaded = await loadCheckpointFromURL(`/checkpoints/${request.checkpoint}`);
    await saveCheckpointToIndexedDB(request.key, loaded.model, loaded.tokenizer, loaded.json.training);
    const fromUrl = await score(loaded, request.text);
    return { phase: 'fetch-and-save', fromUrl, keysAfterSave: await listCheckpointsInIndexedDB(), numTensorsBefore, numTensorsAfter: tf.memory().numTensors };
  }
  const stored = await loadCheckpointFromIndexedDB(request.key);
  const fromIndexedDB = stored && (await score(stored, request.text));
  const fromFiles = await score(await loadCheckpointFromFiles(request.files.modelJson, request.files.weights), request.text);
  let truncatedError = '';
  try {
    const loaded = await loadCheckpointFromFiles(request.files.modelJson, request.truncatedWeights);
    loaded.model.dispose();
  } catch (e) {
    truncatedError = `${(e as Error).name}: ${(e as Error).message}`;
  }
  await deleteCheckpointFromIndexedDB(request.key);
  return {
    phase: 'load',
    fromIndexedDB,
    fromFiles,
    fileNames: [request.files.modelJson.name, request.files.weights.name, request.truncatedWeights.name],
    truncatedError,
    keysAfterDelete: await listCheckpointsInIndexedDB(),
    missingAfterDelete: (await loadCheckpointFromIndexedDB(request.key)) === null,
    numTensorsBefore,
    numTensorsAfter: tf.memory().numTensors,
  };
}
