// The KV cache's store on WebGPU: one preallocated [nHead, context, dHead] buffer per layer for K
// and one for V, written in place by the KVCacheWrite kernel, and the fused KVCacheAttend kernel
// for attention over them (lib/backend/webgpu/kv-kernels.ts). Per decode step the GPU buffers
// are the same sizes every time (the new K/V [nHead, 1, dHead], the output [nHead, 1, dHead]),
// so tfjs's size-keyed buffer pool reuses them instead of growing with the sequence.
import * as tf from '@tensorflow/tfjs';
import { KV_CACHE_ATTEND, KV_CACHE_WRITE, registerKVKernels } from '../backend/webgpu/kv-kernels';
import type { GPTConfig } from './config';
import type { KVStore } from './kv-cache';

export class WebGPUKVStore implements KVStore {
  private readonly layers: { k: tf.Tensor3D; v: tf.Tensor3D }[];
  private readonly hs: number;

  constructor(config: GPTConfig) {
    if (tf.getBackend() !== 'webgpu') throw new Error(`WebGPUKVStore needs the webgpu backend (the active one is ${tf.getBackend()})`);
    registerKVKernels();
    const { nLayer, nHead, dModel, contextLength } = config;
    this.hs = dModel / nHead;
    const shape: [number, number, number] = [nHead, contextLength, this.hs];
    this.layers = Array.from({ length: nLayer }, () => ({ k: tf.zeros(shape) as tf.Tensor3D, v: tf.zeros(shape) as tf.Tensor3D }));
  }

  /** Nothing to free: positions past what is written are never read (the kernels stop at start + i). */
  clear(): void {}

  write(layer: number, start: number, k: tf.Tensor4D, v: tf.Tensor4D): void {
    const { k: kCache, v: vCache } = this.layers[layer];
    const [, nh, n, hs] = k.shape;
    // [1, nh, n, hs] → [nh, n, hs]; the kernel writes into the cache's own buffer.
    for (const [cache, update] of [[kCache, k], [vCache, v]] as const) {
      const alias = tf.engine().runKernel(KV_CACHE_WRITE, { cache, update: update.reshape([nh, n, hs]) }, { start }) as tf.Tensor;
      alias.dispose();
    }
  }

  attend(layer: number, start: number, q: tf.Tensor4D): tf.Tensor4D {
    const { k, v } = this.layers[layer];
    const [, nh, n, hs] = q.shape;
    const out = tf.engine().runKernel(KV_CACHE_ATTEND, { q: q.reshape([nh, n, hs]), k, v }, { start, scale: 1 / Math.sqrt(hs) }) as tf.Tensor3D; // [nh, n, hs]
    return out.reshape([1, nh, n, hs]);
  }

  dispose(): void {
    for (const { k, v } of this.layers) tf.dispose([k, v]);
    this.layers.length = 0;
  }
}

/** The WGSL-kernel store when the webgpu backend is active, else null (use the composed store). */
export function webgpuKVStore(config: GPTConfig): KVStore | null {
  return tf.getBackend() === 'webgpu' ? new WebGPUKVStore(config) : null;
}
