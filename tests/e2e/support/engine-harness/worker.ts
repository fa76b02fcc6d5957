// The harness's dedicated Web Worker: starts a backend through lib/backend/browser.ts (as the
// book's engine does) and runs the shared workload there. One worker per backend run, so each
// starts from a fresh TensorFlow.js. `lora` fine-tunes a shipped checkpoint (served under
// /checkpoints/, its text under /corpora/) with LoRA and fully (lora-workload.ts). `checkpoint-io`
// loads a shipped checkpoint by fetch, from picked Files and through IndexedDB (checkpoint-io.ts).
import * as tf from '@tensorflow/tfjs';
import { startBrowserBackend } from '@/lib/backend/browser';
import { createSnapshotCache, type BackendName } from '@/lib/backend/choose';
import { loadCheckpointFromURL } from '@/lib/model/checkpoint-web';
import { type CheckpointIORequest, runCheckpointIO } from './checkpoint-io';
import { runLoraWorkload, type LoraWorkloadSpec } from './lora-workload';
import { runWorkload, type WorkloadSpec } from './workload';

export type HarnessRequest =
  | { type: 'run'; backend: BackendName; spec: WorkloadSpec }
  | { type: 'lora'; backend: BackendName; spec: LoraWorkloadSpec; checkpoint: string; corpus: string }
  | { type: 'choose'; cacheEntries: Record<string, string> }
  | { type: 'checkpoint-io'; backend: BackendName; io: CheckpointIORequest };

async function handle(request: HarnessRequest) {
  if (request.type === 'choose') {
    const cache = createSnapshotCache(request.cacheEntries);
    const { choice, active } = await startBrowserBackend({ backend: 'auto', cache, wasmPath: '/tfjs/' });
    return { choice, active, cacheEntries: cache.entries() };
  }
  const { choice, active } = await startBrowserBackend({ backend: request.backend, wasmPath: '/tfjs/' });
  if (request.type === 'checkpoint-io') return { choice, active, result: await runCheckpointIO(request.io) };
  if (request.type === 'lora') {
    const { model, tokenizer } = await loadCheckpointFromURL(`/checkpoints/${request.checkpoint}`);
    const response = await fetch(`/corpora/${request.corpus}.txt`);
    if (!response.ok) throw new Error(`harness: cannot fetch /corpora/${request.corpus}.txt: HTTP ${response.status}`);
    const result = await runLoraWorkload(request.spec, model, tokenizer, await response.text());
    model.dispose();
    return { choice, active, result, tfMemory: tf.memory() };
  }
  const result = await runWorkload(request.spec);
  return { choice, active, result, tfMemory: tf.memory() };
}

self.onmessage = async (event: MessageEvent<HarnessRequest>) => {
  try {
    self.postMessage({ ok: true, value: await handle(event.data) });
  } catch (err) {
    const e = err as Error;
    self.postMessage({ ok: false, error: `${e.name}: ${e.message}`, stack: e.stack });
  }
};
