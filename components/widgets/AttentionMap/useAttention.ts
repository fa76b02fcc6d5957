'use client';
// Ask the engine (its worker, CPU backend: one forward pass needs no GPU) for every layer's
// attention on the text, debounced while the reader types.
import { useEffect, useRef, useState } from 'react';
import { EngineClient } from '@/lib/engine/client';
import { CHECKPOINTS, type AttentionCheckpoint } from './params';

export type AttentionState =
  | { status: 'starting' }
  | { status: 'ready'; tokens: string[]; nHead: number; layers: Float32Array[] }
  | { status: 'missing' | 'error'; message: string };

export function useAttention(checkpoint: AttentionCheckpoint, text: string, inBuild: boolean): AttentionState {
  const clientRef = useRef<EngineClient | null>(null);
  const [ready, setReady] = useState(false);
  const [state, setState] = useState<AttentionState>({ status: 'starting' });

  useEffect(() => {
    if (!inBuild) return;
    const client = new EngineClient();
    clientRef.current = client;
    const unsubscribe = client.subscribe((event) => {
      if (event.type === 'ready') setReady(true);
      else if (event.type === 'attention') setState({ status: 'ready', tokens: event.tokens, nHead: event.nHead, layers: event.layers });
      else if (event.type === 'error') setState({ status: 'error', message: event.message });
    });
    void client.start('cpu');
    return () => {
      unsubscribe();
      client.dispose();
      clientRef.current = null;
    };
  }, [inBuild]);

  useEffect(() => {
    if (!ready || !inBuild) return;
    const timer = setTimeout(() => {
      clientRef.current?.send({ type: 'attention', text, checkpointUrl: new URL(CHECKPOINTS[checkpoint], window.location.href).href });
    }, 200);
    return () => clearTimeout(timer);
  }, [ready, inBuild, checkpoint, text]);

  if (!inBuild) return { status: 'missing', message: `public${CHECKPOINTS[checkpoint]}model.json` };
  return state;
}
