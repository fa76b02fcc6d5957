// A small dedicated worker that trains byte-level BPE for the tokenizer playground, so the
// page never blocks while merges are counted. Streams merges in batches as they are learned.
import { trainBpe, type BpeMerge } from '@/lib/tokenizer/bpe';

export type BpeWorkerRequest = { runId: number; text: string; merges: number };
export type BpeWorkerEvent =
  | { type: 'merges'; runId: number; merges: BpeMerge[] }
  | { type: 'done'; runId: number; ms: number; stoppedBecause: string }
  | { type: 'error'; runId: number; message: string };

const post = (event: BpeWorkerEvent) => (self as unknown as Worker).postMessage(event);

self.onmessage = (e: MessageEvent<BpeWorkerRequest>) => {
  const { runId, text, merges } = e.data;
  const started = performance.now();
  let batch: BpeMerge[] = [];
  let lastPost = started;
  try {
    const result = trainBpe(text, 256 + merges, {
      onMerge: (merge) => {
        batch.push(merge);
        const now = performance.now();
        if (now - lastPost > 60) {
          post({ type: 'merges', runId, merges: batch });
          batch = [];
          lastPost = now;
        }
      },
    });
    if (batch.length) post({ type: 'merges', runId, merges: batch });
    post({ type: 'done', runId, ms: performance.now() - started, stoppedBecause: result.stoppedBecause });
  } catch (error) {
    post({ type: 'error', runId, message: error instanceof Error ? error.message : String(error) });
  }
};
