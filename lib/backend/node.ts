// Backend for Node (CLI, tests, scripts): wasm (SIMD) first — about 4× faster than cpu for
// training here — else the pure-JS cpu backend. Never tfjs-node: it downloads a native binary
// at install time, which cannot work on these machines.
import * as tf from '@tensorflow/tfjs';

export type NodeBackendName = 'wasm' | 'cpu';

/**
 * Make `preferred` the active backend (default wasm), falling back to cpu if it fails to
 * initialise. Returns the backend actually in use.
 */
export async function initNodeBackend(preferred: NodeBackendName = 'wasm'): Promise<NodeBackendName> {
  if (preferred !== 'wasm' && preferred !== 'cpu') {
    throw new Error(`unknown Node backend "${preferred}" (expected "wasm" or "cpu")`);
  }
  if (preferred === 'wasm') {
    try {
      // Registers the backend; in Node it finds its .wasm files next to its own module.
      await import('@tensorflow/tfjs-backend-wasm');
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch (error) {
      console.warn(`wasm backend unavailable (${(error as Error).message}); using cpu`);
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('the tfjs cpu backend failed to initialise');
  await tf.ready();
  return 'cpu';
}
