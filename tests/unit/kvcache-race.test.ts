// The engine's `kvcache/race` command in Node on the shipped en-shakespeare checkpoint: both lanes
// write the same text, the counts each step reports follow from what the lanes did, the context
// policy ends or refills the race, and nothing leaks.
import * as tf from '@tensorflow/tfjs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineContext, RunControl } from '@/lib/engine/context';
import { runRace } from '@/lib/engine/features/kvcache/handler';
import type { KvRaceRequest } from '@/lib/engine/features/kvcache/protocol';
import type { EngineEvent } from '@/lib/engine/protocol';
import type { LoadedCheckpoint } from '@/lib/model/checkpoint-web';
import { loadCheckpoint } from '@/lib/model/checkpoint-node';
import { selectBackend } from './helpers';

let shipped: LoadedCheckpoint;
// wasm: ≈4× faster than the cpu backend for the 64-position recomputes.
beforeAll(async () => {
  await selectBackend('wasm');
  shipped = await loadCheckpoint(path.join(import.meta.dirname, '../../public/checkpoints/en-shakespeare'));
});

function fakeContext(onStep?: (control: RunControl, index: number) => void) {
  const events: EngineEvent[] = [];
  let control: RunControl | null = null;
  const ctx = {
    post: (e: EngineEvent) => {
      events.push(e);
      if (e.type === 'kvcache/step' && control) onStep?.(control, e.index);
    },
    report: { backend: 'wasm', reason: 'test', inWorker: false, memoryBudgetBytes: 1e9 },
    progress: () => {},
    held: () => null,
    hold: () => {},
    summary: () => {
      throw new Error('unused');
    },
    checkpoint: async () => shipped,
    beginRun: (_id: number, c: RunControl) => void (control = c),
    endRun: () => void (control = null),
    takePauseRequest: () => false,
  } as unknown as EngineContext;
  return { ctx, events };
}

const REQUEST: KvRaceRequest = { runId: 1, checkpointUrl: '/checkpoints/en-shakespeare/', model: 'checkpoint', prompt: 'ROMEO:\n', tokens: 24, temperature: 0.8, seed: 7, policy: 'stop' };

const byType = <T extends EngineEvent['type']>(events: EngineEvent[], type: T) => events.filter((e): e is Extract<EngineEvent, { type: T }> => e.type === type);

describe('kvcache/race', () => {
  it('writes the same sampled text in both lanes and reports what each step computed', async () => {
    const before = tf.memory().numTensors;
    const { ctx, events } = fakeContext();
    await runRace(REQUEST, ctx);
    const [start] = byType(events, 'kvcache/start');
    expect(start.model).toMatchObject({ nLayer: 4, dModel: 128, contextLength: 64, capacityBytes: 2 * 4 * 64 * 128 * 4, kernels: 'composed' });
    expect(start.promptTokens.join('')).toBe('ROMEO:\n');
    const steps = byType(events, 'kvcache/step');
    expect(steps).toHaveLength(24);
    const text = (lane: 'cache' | 'recompute') => steps.map((s) => s.lanes[lane].token).join('');
    expect(text('cache')).toBe(text('recompute'));
    expect(new Set(text('cache')).size).toBeGreaterThan(3); // sampled text, not one repeated character
    steps.forEach((s, i) => {
      const window = 7 + i + 1; // prompt + the tokens so far
      expect(s.lanes.cache).toMatchObject({ positionsComputed: 1, windowLength: window, cacheBytes: 2 * 4 * window * 128 * 4 });
      expect(s.lanes.recompute).toMatchObject({ positionsComputed: window, windowLength: window, cacheBytes: 0 });
      expect(s.lanes.recompute.flops).toBeGreaterThan(window * 0.9 * s.lanes.cache.flops);
    });
    const [done] = byType(events, 'kvcache/done');
    expect(done).toMatchObject({ reason: 'finished', firstDifference: null });
    expect(done.lanes.cache.tokens).toBe(24);
    expect(done.lanes.cache.flops).toBe(steps.reduce((s, e) => s + e.lanes.cache.flops, 0));
    expect(tf.memory().numTensors).toBe(before);
  });

  it("ends at the context length under 'stop', and refills under 'halve'", async () => {
    const stop = fakeContext();
    await runRace({ ...REQUEST, tokens: 100, temperature: 0 }, stop.ctx);
    expect(byType(stop.events, 'kvcache/step')).toHaveLength(64 - 7);
    expect(byType(stop.events, 'kvcache/done')[0]).toMatchObject({ reason: 'context', firstDifference: null });

    const halve = fakeContext();
    await runRace({ ...REQUEST, tokens: 100, temperature: 0, policy: 'halve' }, halve.ctx);
    const steps = byType(halve.events, 'kvcache/step');
    expect(steps).toHaveLength(100);
    const refills = steps.filter((s) => s.lanes.cache.refilled);
    expect(refills.map((s) => s.index)).toEqual([57, 90]); // window full (64) at step 56 → keep the last 32 at 57; 64 again at 89 → refill at 90
    expect(refills[0].lanes.cache).toMatchObject({ positionsComputed: 32, windowLength: 32, cacheBytes: 2 * 4 * 32 * 128 * 4 });
    expect(steps.every((s) => s.lanes.cache.id === s.lanes.recompute.id)).toBe(true);
    // The greedy text before the first refill equals the 'stop' race's.
    const greedy = byType(stop.events, 'kvcache/step').map((s) => s.lanes.cache.token).join('');
    expect(steps.slice(0, 57).map((s) => s.lanes.cache.token).join('')).toBe(greedy);
  });

  it('stops when the reader stops it, and refuses bad requests with the reason', async () => {
    const before = tf.memory().numTensors;
    const { ctx, events } = fakeContext((control, index) => index === 4 && control.cancel());
    await runRace({ ...REQUEST, model: 'random-256', tokens: 50 }, ctx);
    expect(byType(events, 'kvcache/step')).toHaveLength(5);
    expect(byType(events, 'kvcache/done')[0].reason).toBe('stopped');
    expect(tf.memory().numTensors).toBe(before); // the random model was disposed
    await expect(runRace({ ...REQUEST, tokens: 0 }, ctx)).rejects.toThrow(/tokens = 0 must be an integer in 1…1024/);
    await expect(runRace({ ...REQUEST, policy: 'slide' as never }, ctx)).rejects.toThrow(/context policy "slide"/);
    await expect(runRace({ ...REQUEST, prompt: '床前明月光' }, ctx)).rejects.toThrow(/no character this model knows/);
  });
});
