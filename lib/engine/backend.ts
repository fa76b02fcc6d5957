// INTERIM backend selection for the worker, until lib/backend/choose.ts + browser.ts (measured
// choice, cached per browser) land on main. Policy is the same: an explicit choice wins;
// hardware WebGPU wins; a software ("fallback") WebGPU adapter such as SwiftShader is slower
// than WASM, so then WASM (not measured here — the real module measures).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendName, BackendReport, BackendRequest } from './protocol';

const GiB = 1024 ** 3;
/**
 * What one run may use. WASM: tfjs's wasm heap is 32-bit and grows to at most 2 GiB (less on
 * phones), so 1.5 GiB leaves room for the tape's peaks. WebGPU/WebGL: the page cannot read
 * VRAM size; 2 GiB / 1 GiB are what integrated laptop GPUs give a tab without trouble.
 */
const BUDGET: Record<BackendName, number> = { webgpu: 2 * GiB, webgl: 1 * GiB, wasm: 1.5 * GiB, cpu: 1 * GiB };

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  limits?: { maxStorageBufferBindingSize?: number };
}

async function probeWebGpu(): Promise<{ ok: boolean; fallback: boolean; description: string; maxBinding?: number }> {
  const gpu = (globalThis.navigator as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } } | undefined)?.gpu;
  if (!gpu) return { ok: false, fallback: false, description: 'this browser has no WebGPU' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, fallback: false, description: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const fallback = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unknown adapter';
  return { ok: true, fallback, description, maxBinding: adapter.limits?.maxStorageBufferBindingSize };
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** Pick and initialise the backend; falls through webgpu → wasm → webgl → cpu when one fails to start. */
export async function selectBackend(request: BackendRequest, wasmPath?: string): Promise<BackendReport> {
  if (wasmPath) setWasmPaths(wasmPath);
  const probe = await probeWebGpu();
  let order: BackendName[];
  let reason: string;
  if (request !== 'auto') {
    order = [request, 'wasm', 'webgl', 'cpu'].filter((b, i, all) => all.indexOf(b) === i) as BackendName[];
    reason = 'chosen in the settings';
  } else if (probe.ok && !probe.fallback) {
    order = ['webgpu', 'wasm', 'webgl', 'cpu'];
    reason = `hardware WebGPU adapter (${probe.description})`;
  } else {
    order = ['wasm', 'webgl', 'cpu'];
    reason = probe.ok
      ? `WebGPU adapter is a software fallback (${probe.description}), slower than WASM on the CPU`
      : `WASM: ${probe.description}`;
  }
  for (const name of order) {
    if (name === 'webgpu' && !probe.ok) continue;
    if (await trySetBackend(name)) {
      await tf.ready();
      const first = name === order[0];
      return {
        backend: name,
        reason: first ? reason : `${order[0]} could not start; fell back to ${name}`,
        inWorker: typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined',
        ...(probe.ok ? { adapter: probe.description } : {}),
        memoryBudgetBytes: BUDGET[name],
      };
    }
  }
  throw new Error('no TensorFlow.js backend could start (tried ' + order.join(', ') + ')');
}

/** Resolves with a message when the WebGPU device is lost (driver reset, GPU process crash, sleep). */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
  device?.lost?.then((info) => onLost(`WebGPU device lost (${info?.reason ?? 'unknown'}): ${info?.message ?? ''}`.trim()));
}
