// The worker's backend start-up: lib/backend/browser.ts chooses (hardware WebGPU first, else the
// fastest measured of webgl / wasm / cpu) and starts tfjs; this adds what the engine needs on
// top — the memory budget a run may use on that backend, and a watch for WebGPU device loss.
import * as tf from '@tensorflow/tfjs';
import { startBrowserBackend } from '../backend/browser';
import { createSnapshotCache, describeChoice } from '../backend/choose';
import type { BackendName, BackendReport, BackendRequest } from './protocol';

const GiB = 1024 ** 3;
/**
 * What one run may use. WASM: tfjs's wasm heap is 32-bit and grows to at most 2 GiB (less on
 * phones), so 1.5 GiB leaves room for the tape's peaks. WebGPU/WebGL: a page cannot read VRAM
 * size; 2 GiB / 1 GiB are what integrated laptop GPUs give a tab without trouble.
 */
const BUDGET: Record<BackendName, number> = { webgpu: 2 * GiB, webgl: 1 * GiB, wasm: 1.5 * GiB, cpu: 1 * GiB };

/**
 * A worker has no localStorage: the page sends its stored entries in `init`, and gets the
 * updated ones back in the report to store, so the ≈1 s measurement runs once per browser.
 */
export async function selectBackend(request: BackendRequest, wasmPath?: string, stored: Record<string, string> = {}): Promise<BackendReport> {
  const cache = createSnapshotCache(stored);
  const { choice } = await startBrowserBackend({ backend: request, wasmPath, cache });
  return {
    details: describeChoice(choice),
    backendCache: cache.entries(),
    backend: choice.backend,
    reason: choice.reason,
    inWorker: typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined',
    ...(choice.webgpuAdapter ? { adapter: choice.webgpuAdapter } : {}),
    memoryBudgetBytes: BUDGET[choice.backend],
  };
}

/** Calls back when the WebGPU device is lost (driver reset, GPU process crash, sleep). */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
  device?.lost?.then((info) => onLost(`WebGPU device lost (${info?.reason ?? 'unknown'}): ${info?.message ?? ''}`.trim()));
}
