// The engine's client half: the one door to `Worker` (DESIGN.md). A widget creates an
// EngineClient when it comes near the viewport, sends typed commands and listens to events;
// tfjs and the model code load only inside the worker, so they never weigh on the page's
// first load or block its main thread.
import type { BackendRequest, EngineCommand, EngineEvent } from '../protocol';

export type EngineListener = (event: EngineEvent) => void;

/** Where the tfjs WASM binaries are served (public/tfjs/, copied there by scripts/copy-wasm.mjs). */
export function defaultWasmPath(): string {
  return new URL('/tfjs/', globalThis.location?.href ?? 'http://localhost/').href;
}

// lib/backend/choose.ts's measured-choice keys live in the page's localStorage (the worker has none).
const CACHE_PREFIX = 'llm-book:backend-choice:';

function readBackendCache(): Record<string, string> {
  const entries: Record<string, string> = {};
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key?.startsWith(CACHE_PREFIX)) entries[key] = localStorage.getItem(key) ?? '';
    }
  } catch {
    /* storage blocked (private mode, sandboxed frame): measure again */
  }
  return entries;
}

function writeBackendCache(entries: Record<string, string> | undefined) {
  try {
    for (const [key, value] of Object.entries(entries ?? {})) localStorage.setItem(key, value);
  } catch {
    /* storage blocked */
  }
}

export class EngineClient {
  private worker: Worker | null = null;
  private mainThread: ((message: unknown) => void) | null = null;
  private readonly listeners = new Set<EngineListener>();
  /** True when the engine had to run on the page's main thread (no module workers here). */
  onMainThread = false;

  /** Start the engine (a module worker; the main thread only if workers cannot start) and choose a backend. */
  async start(backend: BackendRequest, wasmPath = defaultWasmPath()): Promise<void> {
    this.stopEngine();
    try {
      this.worker = new Worker(new URL('../worker.ts', import.meta.url), { type: 'module', name: 'llm-book-engine' });
      this.worker.onmessage = (ev: MessageEvent<EngineEvent>) => this.emit(ev.data);
      this.worker.onerror = (ev) => {
        ev.preventDefault();
        this.emit({ type: 'error', runId: null, code: 'internal', message: `the engine's worker failed: ${ev.message || 'could not load'}` });
      };
    } catch {
      // Module workers are missing (very old browsers): run the same engine here, and say so.
      const { createEngine } = await import('../engine');
      this.onMainThread = true;
      this.mainThread = createEngine((event) => queueMicrotask(() => this.emit(event)));
    }
    this.send({ type: 'init', backend, wasmPath, backendCache: readBackendCache() });
  }

  send(command: EngineCommand, transfer: Transferable[] = []): void {
    if (this.worker) this.worker.postMessage(command, transfer);
    else if (this.mainThread) this.mainThread(command);
    else throw new Error('EngineClient.send before start()');
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get started(): boolean {
    return this.worker !== null || this.mainThread !== null;
  }

  private emit(event: EngineEvent) {
    if (event.type === 'ready') writeBackendCache(event.report.backendCache);
    if (event.type === 'ready' && this.onMainThread) event = { ...event, report: { ...event.report, inWorker: false } };
    for (const listener of this.listeners) listener(event);
  }

  private stopEngine() {
    this.worker?.terminate();
    this.worker = null;
    this.mainThread = null;
  }

  /** End the worker (frees every tensor and the GPU device with it). */
  dispose(): void {
    this.stopEngine();
    this.listeners.clear();
  }
}
