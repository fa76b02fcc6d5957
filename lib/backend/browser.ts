// Starts TensorFlow.js in the browser (page or Web Worker) on the backend chosen by choose.ts,
// with the real probes: navigator.gpu for WebGPU, and a timed workload for webgl / wasm / cpu.
// Importing this module registers all four backends.

import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { chooseBackend, type BackendCache, type BackendChoice, type BackendName, type MeasuredBackend, type WebGpuProbe } from './choose';

export interface BrowserBackendOptions {
  /** 'auto' (default) or a backend to force. */
  backend?: BackendName | 'auto';
  /** URL folder holding tfjs-backend-wasm's .wasm files (scripts/copy-wasm.mjs puts them in public/tfjs/). */
  wasmPath?: string;
  cache?: BackendCache;
}

export interface BrowserBackend {
  choice: BackendChoice;
  /** tf.getBackend() after start-up: equals choice.backend. */
  active: string;
}

/** Minimal WebGPU types (lib.dom in TS 5.9 does not declare navigator.gpu). */
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<GpuAdapterInfoLike>;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

/** Is there a WebGPU adapter, and is it hardware? Works in a page and in a dedicated worker. */
export async function probeWebGpu(): Promise<WebGpuProbe> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { available: false, reason: 'no navigator.gpu (this browser has no WebGPU)' };
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch (err) {
    return { available: false, reason: `adapter request failed: ${(err as Error).message}` };
  }
  if (!adapter) return { available: false, reason: 'adapter request failed: requestAdapter() returned null' };
  const info: GpuAdapterInfoLike = adapter.info ?? (await adapter.requestAdapterInfo?.().catch(() => ({}))) ?? {};
  const description = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unnamed adapter';
  // Chromium marks SwiftShader as a fallback adapter; older builds only name it.
  const isFallbackAdapter = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader/i.test(description);
  return { available: true, isFallbackAdapter, description };
}

/**
 * The probe workload: a small two-layer MLP forward + backward, [256,128]·[128,256]·[256,128]
 * (≈50 MFLOP with the gradients), close to the op mix of a tiny-GPT training step.
 */
function probeWorkload(): tf.Scalar {
  return tf.tidy(() => {
    const x = tf.linspace(-1, 1, 256 * 128).reshape([256, 128]); // [B, d]
    const w1 = tf.linspace(-0.05, 0.05, 128 * 256).reshape([128, 256]); // [d, 2d]
    const w2 = tf.linspace(0.05, -0.05, 256 * 128).reshape([256, 128]); // [2d, d]
    const loss = (a: tf.Tensor, b: tf.Tensor) => tf.logSoftmax(tf.relu(x.matMul(a)).matMul(b)).mean() as tf.Scalar;
    const [g1, g2] = tf.grads(loss)([w1, w2]);
    return g1.sum().add(g2.sum()) as tf.Scalar;
  });
}

/** Median ms of `reps` runs of the probe workload on `backend`, after one warm-up run (shader compiles). */
export async function measureBackend(backend: MeasuredBackend, reps = 3): Promise<number> {
  let ok: boolean;
  try {
    ok = await tf.setBackend(backend);
  } catch (err) {
    throw new Error(`tf.setBackend('${backend}') threw: ${(err as Error).message}`);
  }
  if (!ok) throw new Error(`tf.setBackend('${backend}') returned false`);
  const once = async () => {
    const t0 = performance.now();
    const out = probeWorkload();
    await out.data(); // waits for the GPU / WASM work, not just its enqueueing
    out.dispose();
    return performance.now() - t0;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Choose a backend (or take the one asked for), start it, and say why. Fails with the backend's own message. */
export async function startBrowserBackend(options: BrowserBackendOptions = {}): Promise<BrowserBackend> {
  setWasmPaths(options.wasmPath ?? '/tfjs/');
  const choice = await chooseBackend({
    probes: { webgpu: probeWebGpu, measure: (b) => measureBackend(b) },
    explicit: options.backend ?? 'auto',
    cache: options.cache,
    userAgent: globalThis.navigator?.userAgent ?? '',
  });
  let ok = false;
  let failure = '';
  try {
    ok = await tf.setBackend(choice.backend);
    await tf.ready();
  } catch (err) {
    failure = (err as Error).message;
  }
  if (!ok || tf.getBackend() !== choice.backend) {
    throw new Error(`backend ${choice.backend} (${choice.reason}) failed to start: ${failure || `tf.setBackend returned ${ok}, active backend is ${tf.getBackend()}`}`);
  }
  return { choice, active: tf.getBackend() };
}
