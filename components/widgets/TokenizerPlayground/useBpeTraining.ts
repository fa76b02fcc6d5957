'use client';
// Fetch a shipped corpus, cut it to its first CORPUS_SLICE characters and train BPE on it in
// bpe-worker.ts; merges arrive in batches while training runs.
import { useEffect, useState } from 'react';
import type { BpeMerge } from '@/lib/tokenizer/bpe';
import { corpusSlice } from '@/lib/tokenizer/merge-steps';
import type { BpeWorkerEvent } from './bpe-worker';
import { CORPORA, CORPUS_SLICE, type PlaygroundCorpus } from './params';

export interface BpeTraining {
  status: 'loading' | 'training' | 'done' | 'error';
  merges: BpeMerge[];
  ms: number | null;
  error: string | null;
}

export function useBpeTraining(corpus: PlaygroundCorpus, mergeCount: number): BpeTraining {
  const [state, setState] = useState<BpeTraining>({ status: 'loading', merges: [], ms: null, error: null });
  useEffect(() => {
    let cancelled = false;
    let worker: Worker | null = null;
    setState({ status: 'loading', merges: [], ms: null, error: null });
    // Debounced: dragging the merge-count slider should start one run, not forty.
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(new URL(CORPORA[corpus].url, window.location.href));
        if (!response.ok) throw new Error(`${CORPORA[corpus].url}: HTTP ${response.status}`);
        const text = corpusSlice(await response.text(), CORPUS_SLICE);
        if (cancelled) return;
        worker = new Worker(new URL('./bpe-worker.ts', import.meta.url), { type: 'module' });
        setState((s) => ({ ...s, status: 'training' }));
        worker.onmessage = (e: MessageEvent<BpeWorkerEvent>) => {
          const event = e.data;
          if (cancelled) return;
          if (event.type === 'merges') setState((s) => ({ ...s, merges: [...s.merges, ...event.merges] }));
          else if (event.type === 'done') setState((s) => ({ ...s, status: 'done', ms: event.ms }));
          else setState((s) => ({ ...s, status: 'error', error: event.message }));
          if (event.type !== 'merges') worker?.terminate();
        };
        worker.postMessage({ runId: 1, text, merges: mergeCount });
      } catch (error) {
        if (!cancelled) setState((s) => ({ ...s, status: 'error', error: error instanceof Error ? error.message : String(error) }));
      }
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      worker?.terminate();
    };
  }, [corpus, mergeCount]);
  return state;
}
