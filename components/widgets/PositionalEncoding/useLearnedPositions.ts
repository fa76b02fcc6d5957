'use client';
// The learned position table `wpe` [contextLength, d] of a shipped checkpoint, sliced out of
// weights.bin with lib/model/checkpoint-tensor (no tfjs in the page).
import { useEffect, useState } from 'react';
import type { ModelJSON } from '@/lib/model/checkpoint';
import { readCheckpointTensor } from '@/lib/model/checkpoint-tensor';
import { CHECKPOINTS, type ShippedCheckpoint } from './params';

export type LearnedPositions =
  | { status: 'loading' }
  | { status: 'ready'; values: Float32Array; rows: number; d: number; corpus: string | null }
  | { status: 'missing' | 'error'; message: string };

export function useLearnedPositions(name: ShippedCheckpoint, inBuild: boolean): LearnedPositions {
  const [state, setState] = useState<{ name: ShippedCheckpoint; value: LearnedPositions } | null>(null);
  useEffect(() => {
    let cancelled = false;
    const base = new URL(CHECKPOINTS[name], window.location.href);
    (async () => {
      if (!inBuild) return { status: 'missing', message: `public${CHECKPOINTS[name]}model.json` } as const;
      const jsonResponse = await fetch(new URL('model.json', base));
      if (!jsonResponse.ok) return { status: 'missing', message: `${CHECKPOINTS[name]}model.json: HTTP ${jsonResponse.status}` } as const;
      const json = (await jsonResponse.json()) as ModelJSON;
      const weightsResponse = await fetch(new URL('weights.bin', base));
      if (!weightsResponse.ok) return { status: 'missing', message: `${CHECKPOINTS[name]}weights.bin: HTTP ${weightsResponse.status}` } as const;
      const wpe = readCheckpointTensor(json, await weightsResponse.arrayBuffer(), 'wpe');
      return { status: 'ready', values: wpe.values, rows: wpe.shape[0], d: wpe.shape[1], corpus: typeof json.training?.corpus === 'string' ? json.training.corpus : null } as const;
    })()
      .catch((e: unknown) => ({ status: 'error', message: e instanceof Error ? e.message : String(e) }) as const)
      .then((value) => {
        if (!cancelled) setState({ name, value });
      });
    return () => {
      cancelled = true;
    };
  }, [name, inBuild]);
  return state && state.name === name ? state.value : { status: 'loading' };
}
