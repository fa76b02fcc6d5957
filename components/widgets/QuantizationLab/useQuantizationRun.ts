'use client';
// QuantizationLab's link to the engine: one run quantizes the chosen checkpoint to int8 per
// channel and to intN group-wise, and measures each (with float32) on held-out text in the
// worker; results arrive one model at a time, with progress and ETA.
import { useCallback, useRef, useState, type RefObject } from 'react';
import { useEngine } from '@/components/widgets/shared/useEngine';
import type { BackendReport, EngineEvent } from '@/lib/engine/protocol';
import type { QuantVariantResult } from '@/lib/engine/features/decoding/protocol';

export type QuantRunStatus = 'starting' | 'ready' | 'running';

export interface QuantRequest {
  checkpointUrl: string;
  corpusUrl: string;
  bits: number;
  groupSize: number;
  includeEmbeddings: boolean;
  evalTokens: number;
  prompt: string;
  seed: number;
  sampleTokens: number;
}

export function useQuantizationRun(rootRef: RefObject<HTMLElement | null>) {
  const [report, setReport] = useState<BackendReport | null>(null);
  const [status, setStatus] = useState<QuantRunStatus>('starting');
  const [results, setResults] = useState<QuantVariantResult[]>([]);
  const [heldOutTokens, setHeldOutTokens] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; etaMs: number | null; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const runId = useRef(0);

  const onEvents = useCallback((events: EngineEvent[]) => {
    for (const e of events) {
      if (e.type === 'ready') {
        setReport(e.report);
        setStatus('ready');
      } else if (e.type === 'decoding/quantized') {
        if (e.runId !== runId.current) continue;
        setResults((r) => [...r, e.result]);
        setHeldOutTokens(e.heldOutTokens);
      } else if (e.type === 'progress') {
        if (e.runId === runId.current) setProgress({ done: e.done, total: e.total, etaMs: e.etaMs, message: e.message });
      } else if (e.type === 'done') {
        if (e.runId !== runId.current) continue;
        setStatus('ready');
        setProgress(null);
      } else if (e.type === 'error') {
        setError(e.message);
        setStatus((s) => (s === 'starting' ? s : 'ready'));
        setProgress(null);
      }
    }
  }, []);

  const { send } = useEngine({ rootRef, backend: 'wasm', onEvents });

  const run = useCallback(
    (request: QuantRequest) => {
      runId.current++;
      setResults([]);
      setError(null);
      setStatus('running');
      send({ type: 'decoding/quantize', runId: runId.current, ...request });
    },
    [send],
  );
  const stop = useCallback(() => send({ type: 'stop' }), [send]);

  return { report, status, results, heldOutTokens, progress, error, run, stop };
}
