// Which TensorFlow.js backend the book's engine runs on, and why: pure logic over injected
// probes, so Node tests can drive it with fakes and the browser (browser.ts) with real ones.
//
// Policy (see docs/engine-browser.md):
//   1. An explicit choice wins (a reader's setting, a test).
//   2. WebGPU on a hardware adapter wins without measuring.
//   3. Otherwise — no WebGPU, or a software "fallback" adapter such as SwiftShader, which runs
//      shaders on the CPU and is slower than WASM — the fastest of webgl / wasm / cpu in a short
//      measured probe, remembered per browser so the probe runs once.

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export type MeasuredBackend = 'webgl' | 'wasm' | 'cpu';
export const MEASURED_BACKENDS: readonly MeasuredBackend[] = ['webgl', 'wasm', 'cpu'];

export type WebGpuProbe =
  | { available: false; reason: string }
  | { available: true; isFallbackAdapter: boolean; description: string };

export interface BackendProbes {
  /** Look for a WebGPU adapter (cheap: no shaders compiled). */
  webgpu(): Promise<WebGpuProbe>;
  /** Run the probe workload on a backend; resolves its median time in ms, rejects if the backend cannot start. */
  measure(backend: MeasuredBackend): Promise<number>;
}

/** Where the measured choice is remembered (localStorage on the page; see createSnapshotCache for a worker). */
export interface BackendCache {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

export interface BackendChoice {
  backend: BackendName;
  /** Why this backend, in words a reader can be shown. */
  reason: string;
  /** Every other backend and why it was not used. */
  rejected: { backend: BackendName; reason: string }[];
  /** Probe times in ms for the backends that were measured (now or when cached). */
  measurements: Partial<Record<MeasuredBackend, number>>;
  /** The WebGPU adapter, when there was one. */
  webgpuAdapter?: string;
  fromCache: boolean;
}

export interface ChooseOptions {
  probes: BackendProbes;
  /** 'auto' (default) applies the policy; a backend name forces it. */
  explicit?: BackendName | 'auto';
  cache?: BackendCache;
  /** Cached choices are only reused by the same browser build (navigator.userAgent). */
  userAgent?: string;
}

/** Bump when the probe workload or the policy changes, so old measurements are ignored. */
export const BACKEND_CACHE_VERSION = 1;
export const BACKEND_CACHE_KEY = `llm-book:backend-choice:v${BACKEND_CACHE_VERSION}`;

interface CachedChoice {
  version: number;
  userAgent: string;
  backend: MeasuredBackend;
  measurements: Partial<Record<MeasuredBackend, number>>;
  rejected: { backend: MeasuredBackend; reason: string }[];
}

const ms = (t: number) => `${t < 10 ? t.toFixed(1) : Math.round(t)} ms`;

export async function chooseBackend({ probes, explicit = 'auto', cache, userAgent = '' }: ChooseOptions): Promise<BackendChoice> {
  if (explicit !== 'auto') {
    if (!BACKENDS.includes(explicit)) throw new Error(`unknown backend "${String(explicit)}": expected one of auto, ${BACKENDS.join(', ')}`);
    return {
      backend: explicit,
      reason: 'chosen explicitly',
      rejected: BACKENDS.filter((b) => b !== explicit).map((b) => ({ backend: b, reason: `not tried: ${explicit} was chosen explicitly` })),
      measurements: {},
      fromCache: false,
    };
  }

  let gpu: WebGpuProbe;
  try {
    gpu = await probes.webgpu();
  } catch (err) {
    gpu = { available: false, reason: `adapter request failed: ${(err as Error).message}` };
  }
  if (gpu.available && !gpu.isFallbackAdapter) {
    return {
      backend: 'webgpu',
      reason: `hardware WebGPU adapter (${gpu.description})`,
      rejected: MEASURED_BACKENDS.map((b) => ({ backend: b, reason: 'not measured: a hardware WebGPU adapter was found' })),
      measurements: {},
      webgpuAdapter: gpu.description,
      fromCache: false,
    };
  }
  const webgpuRejected = {
    backend: 'webgpu' as const,
    reason: gpu.available ? `fallback adapter (${gpu.description}): software WebGPU is slower than WASM` : gpu.reason,
  };
  const webgpuAdapter = gpu.available ? gpu.description : undefined;

  const cached = readCache(cache, userAgent);
  if (cached) {
    const t = cached.measurements[cached.backend];
    return {
      backend: cached.backend,
      reason: `fastest in the probe${t !== undefined ? ` (${ms(t)})` : ''}, remembered from an earlier visit`,
      rejected: [webgpuRejected, ...cached.rejected],
      measurements: cached.measurements,
      webgpuAdapter,
      fromCache: true,
    };
  }

  const measurements: Partial<Record<MeasuredBackend, number>> = {};
  const failed: { backend: MeasuredBackend; reason: string }[] = [];
  for (const backend of MEASURED_BACKENDS) {
    try {
      const t = await probes.measure(backend);
      if (!Number.isFinite(t) || t < 0) throw new Error(`probe returned ${t}`);
      measurements[backend] = t;
    } catch (err) {
      failed.push({ backend, reason: `failed to start: ${(err as Error).message}` });
    }
  }
  const ranked = MEASURED_BACKENDS.filter((b) => measurements[b] !== undefined).sort((a, b) => measurements[a]! - measurements[b]!);
  if (ranked.length === 0) {
    throw new Error(`no TensorFlow.js backend could start: ${[webgpuRejected, ...failed].map((r) => `${r.backend}: ${r.reason}`).join('; ')}`);
  }
  const [best, ...slower] = ranked;
  const bestTime = measurements[best]!;
  const rejected = [
    ...slower.map((b) => ({ backend: b, reason: `slower in the probe: ${ms(measurements[b]!)} vs ${ms(bestTime)}` })),
    ...failed,
  ];
  cache?.set(BACKEND_CACHE_KEY, JSON.stringify({ version: BACKEND_CACHE_VERSION, userAgent, backend: best, measurements, rejected } satisfies CachedChoice));
  return {
    backend: best,
    reason: `fastest in the probe (${ms(bestTime)})`,
    rejected: [webgpuRejected, ...rejected],
    measurements,
    webgpuAdapter,
    fromCache: false,
  };
}

function readCache(cache: BackendCache | undefined, userAgent: string): CachedChoice | null {
  const raw = cache?.get(BACKEND_CACHE_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as CachedChoice;
    const valid =
      value.version === BACKEND_CACHE_VERSION &&
      value.userAgent === userAgent &&
      MEASURED_BACKENDS.includes(value.backend) &&
      Array.isArray(value.rejected);
    return valid ? value : null;
  } catch {
    return null; // a corrupt entry is re-measured, not an error
  }
}

/**
 * A cache over a plain snapshot of entries, for a worker (which has no localStorage): the page
 * sends its stored entries in, and writes `entries()` back after the choice.
 */
export function createSnapshotCache(initial: Record<string, string> = {}): BackendCache & { entries(): Record<string, string> } {
  const entries = { ...initial };
  return {
    get: (key) => entries[key] ?? null,
    set: (key, value) => {
      entries[key] = value;
    },
    entries: () => ({ ...entries }),
  };
}

/** One line per backend, for logs and the engine's status panel. */
export function describeChoice(choice: BackendChoice): string {
  const lines = [`${choice.backend}: ${choice.reason}`];
  for (const r of choice.rejected) lines.push(`  not ${r.backend}: ${r.reason}`);
  return lines.join('\n');
}
