/**
 * Resolves on the next macrotask. On cpu/wasm `await tensor.data()` resolves as a microtask, so a
 * step loop that only awaits tfjs never lets a worker read its next message (pause, stop, set-beta):
 * every long loop in lib/ awaits this between steps.
 */
export function nextMacrotask(): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}
