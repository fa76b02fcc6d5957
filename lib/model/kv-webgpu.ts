// WebGPU KV cache: preallocated per-layer buffers written in place by a WGSL kernel, and a fused
// single-query attention kernel. Not written yet: every backend uses the composed store.
import type { GPTConfig } from './config';
import type { KVStore } from './kv-cache';

/** The WGSL-kernel store when this backend has the kernels, else null (use the composed store). */
export function webgpuKVStore(config: GPTConfig): KVStore | null {
  void config;
  return null;
}
