// Worker entry: the client starts this file with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`.
import { createEngine } from './engine';
import type { EngineEvent } from './protocol';

const scope = globalThis as unknown as {
  postMessage(message: EngineEvent, transfer?: Transferable[]): void;
  onmessage: ((ev: MessageEvent) => void) | null;
};
const handle = createEngine((event, transfer = []) => scope.postMessage(event, transfer));
scope.onmessage = (ev) => handle(ev.data);
