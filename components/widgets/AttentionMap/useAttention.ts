'use client';
// Ask the engine (its worker, CPU backend: one forward pass needs no GPU) for every layer's
// attention on the text, debounced while the reader types — on a shipped checkpoint, or on the
// reader's own model loaded from the files the Training Lab saves (model.json + weights.bin).
import { useCallback, useEffect, useRef, useState } from 'react';
import { EngineClient } from '@/lib/engine/client';
import type { ModelSummary } from '@/lib/engine/protocol';
import { CHECKPOINTS, type AttentionCheckpoint } from './params';

export type AttentionState =
  | { status: 'starting' }
  | { status: 'ready'; tokens: string[]; nHead: number; layers: Float32Array[] }
  | { status: 'missing' | 'error'; message: string };

/** `source` 'own' = the model the reader loaded from files (the engine holds it). */
export function useAttention(checkpoint: AttentionCheckpoint, text: string, inBuild: boolean, source: 'shipped' | 'own' = 'shipped') {
  const clientRef = useRef<EngineClient | null>(null);
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<AttentionState>({ status: 'starting' });
  const [own, setOwn] = useState<{ summary: ModelSummary; name: string } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** The file name being loaded, while a `load` is in flight (its errors belong beside the file picker). */
  const loading = useRef<string | null>(null);

  useEffect(() => {
    const client = new EngineClient();
    clientRef.current = client;
    const unsubscribe = client.subscribe((event) => {
      if (event.type === 'ready') setReady(true);
      else if (event.type === 'attention') setState({ status: 'ready', tokens: event.tokens, nHead: event.nHead, layers: event.layers });
      else if (event.type === 'loaded') {
        setOwn({ summary: event.summary, name: loading.current ?? '' });
        setLoadError(null);
        loading.current = null;
      } else if (event.type === 'error') {
        if (loading.current !== null) setLoadError(event.message);
        else setState({ status: 'error', message: event.message });
        loading.current = null;
      }
    });
    void client.start('cpu');
    return () => {
      unsubscribe();
      client.dispose();
      clientRef.current = null;
    };
  }, []);

  useEffect(() => {
    if (!ready || (source === 'shipped' && !inBuild) || (source === 'own' && !own)) return;
    const timer = setTimeout(() => {
      clientRef.current?.send(source === 'own' ? { type: 'attention', text } : { type: 'attention', text, checkpointUrl: new URL(CHECKPOINTS[checkpoint], window.location.href).href });
    }, 200);
    return () => clearTimeout(timer);
  }, [ready, inBuild, checkpoint, text, source, own]);

  /** Load the reader's model from the two files the Training Lab saves; false if one is missing. */
  const loadFiles = useCallback(async (files: FileList | File[]) => {
    const list = [...files];
    const json = list.find((f) => f.name.endsWith('.json'));
    const bin = list.find((f) => !f.name.endsWith('.json'));
    if (!json || !bin || !clientRef.current) return false;
    loading.current = json.name;
    const weights = await bin.arrayBuffer();
    clientRef.current.send({ type: 'load', modelJson: await json.text(), weights }, [weights]);
    return true;
  }, []);

  const result: AttentionState = !inBuild && source === 'shipped' ? { status: 'missing', message: `public${CHECKPOINTS[checkpoint]}model.json` } : source === 'own' && !own ? { status: 'starting' } : state;
  return { state: result, own, loadError, loadFiles };
}
