// The harness page: starts one dedicated worker per request and hands back its answer, so a
// Playwright test can call `await harness.run(request)`. The page keeps the backend choice
// in localStorage (a worker has none) and passes it in, as the book's engine client does.
import { BACKEND_CACHE_KEY } from '@/lib/backend/choose';
import type { HarnessRequest } from './worker';

type Reply = { ok: true; value: unknown } | { ok: false; error: string; stack?: string };

function run(request: HarnessRequest): Promise<unknown> {
  const worker = new Worker('/worker.js');
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<Reply>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.value);
      else reject(new Error(event.data.error));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(`worker failed: ${event.message}`));
    };
    worker.postMessage(request);
  });
}

async function choose(): Promise<unknown> {
  const stored = localStorage.getItem(BACKEND_CACHE_KEY);
  const value = (await run({ type: 'choose', cacheEntries: stored ? { [BACKEND_CACHE_KEY]: stored } : {} })) as {
    cacheEntries: Record<string, string>;
  };
  const entry = value.cacheEntries[BACKEND_CACHE_KEY];
  if (entry) localStorage.setItem(BACKEND_CACHE_KEY, entry);
  return value;
}

Object.assign(globalThis, { harness: { run, choose } });
document.title = 'engine harness ready';
