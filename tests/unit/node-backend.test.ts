// In Node the engine prefers wasm and falls back to cpu — with a warning that says why — when the
// wasm backend cannot start. Here its package loads but registers nothing (as when an install
// lacks it), so tfjs has no 'wasm' backend to set.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { initNodeBackend } from '@/lib/backend/node';

vi.mock('@tensorflow/tfjs-backend-wasm', () => ({}));

describe('initNodeBackend', () => {
  it('falls back to cpu, naming the reason, when the wasm backend cannot start', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(await initNodeBackend('wasm')).toBe('cpu');
      expect(tf.getBackend()).toBe('cpu');
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/^wasm backend unavailable \(.*'wasm' not found in registry.*\); using cpu$/s);
      // And the model still trains there: one op runs on the chosen backend.
      expect(tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)).dataSync()[0])).toBe(3);
    } finally {
      warn.mockRestore();
    }
  });

  it('rejects a backend it does not know, naming it and the choices', async () => {
    await expect(initNodeBackend('webgpu' as never)).rejects.toThrow('unknown Node backend "webgpu" (expected "wasm" or "cpu")');
  });
});
