// Two custom WebGPU kernels for the KV cache (lib/model/kv-webgpu.ts), registered with tfjs:
//
//   KVCacheWrite  — writes new keys or values [nHead, n, dHead] into a preallocated cache
//                   [nHead, context, dHead] at positions start…start+n−1, in place: the cache keeps
//                   its one GPU buffer for its whole life. (A concat would make a buffer of a new
//                   size every token, and tfjs's WebGPU buffer pool keys on exact sizes and never
//                   frees, so a long decode would fill GPU memory with dead buffers.)
//   KVCacheAttend — fused attention of queries [nHead, n, dHead] at positions start…start+n−1 over
//                   the cached keys and values 0…start+i (causal), in one dispatch: scores, a
//                   running ("online") softmax and the weighted sum of values, one invocation per
//                   (head, query), never materialising the [n, t] score matrix.
//
// They use tfjs's WebGPUProgram machinery (the backend writes the buffer bindings, uniform struct
// and entry point around getUserCode). Only types come from @tensorflow/tfjs-backend-webgpu, so
// this file is safe to import where that backend is absent (Node): registering a kernel for
// 'webgpu' does nothing until that backend runs it.
import * as tf from '@tensorflow/tfjs';
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';

export const KV_CACHE_WRITE = 'KVCacheWrite';
export const KV_CACHE_ATTEND = 'KVCacheAttend';

type Uniform = { type: 'int32' | 'float32'; data: number[] };

/** What these kernels use of tfjs's WebGPUBackend. */
interface WebGPUBackendLike {
  runWebGPUProgram(program: WebGPUProgram, inputs: tf.TensorInfo[], outputDtype: tf.DataType, uniforms?: Uniform[], output?: tf.TensorInfo): tf.TensorInfo;
  incRef(dataId: tf.DataId): void;
}

const WORKGROUP: [number, number, number] = [64, 1, 1];

/** A program over `invocations` threads in a flat 1-D dispatch (main(index) gets the thread index). */
abstract class FlatProgram implements Partial<WebGPUProgram> {
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize = WORKGROUP;

  constructor(outputShape: number[], invocations: number) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, i) => i) };
    this.dispatch = [Math.ceil(invocations / WORKGROUP[0]), 1, 1];
  }
}

/** U [nHead, n, dHead] → result (the cache) [nHead, context, dHead] at positions start…start+n−1. */
class KVWriteProgram extends FlatProgram {
  variableNames = ['U'];
  shaderKey = 'kvCacheWrite';
  uniforms = 'start : i32, count : i32, ctx : i32, hs : i32, total : i32,';

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index >= uniforms.total) { return; }
        let perHead = uniforms.count * uniforms.hs;
        let h = index / perHead;
        let rem = index % perHead;
        let i = rem / uniforms.hs;
        let c = rem % uniforms.hs;
        setOutputAtIndex((h * uniforms.ctx + uniforms.start + i) * uniforms.hs + c, U[index]);
      }
    `;
  }
}

/** Q [nHead, n, dHead], K and V caches [nHead, context, dHead] → [nHead, n, dHead]. */
class KVAttendProgram extends FlatProgram {
  variableNames = ['Q', 'K', 'V'];
  shaderKey: string;
  uniforms = 'start : i32, queries : i32, heads : i32, ctx : i32, scale : f32,';

  constructor(
    outputShape: number[],
    invocations: number,
    private readonly hs: number,
  ) {
    super(outputShape, invocations);
    // dHead sizes the per-invocation accumulator, so it is part of the shader.
    this.shaderKey = `kvCacheAttend_${hs}`;
  }

  getUserCode(): string {
    return `
      const HS : i32 = ${this.hs};
      fn main(index : i32) {
        if (index >= uniforms.heads * uniforms.queries) { return; }
        let h = index / uniforms.queries;
        let i = index % uniforms.queries;
        let qBase = (h * uniforms.queries + i) * HS;
        let last = uniforms.start + i; // causal: keys 0…start+i
        var acc : array<f32, HS>;
        var m = -3.0e38; // running max of the scores
        var l = 0.0;     // running sum of exp(score − m)
        for (var j = 0; j <= last; j++) {
          let kBase = (h * uniforms.ctx + j) * HS;
          var s = 0.0;
          for (var c = 0; c < HS; c++) { s = s + Q[qBase + c] * K[kBase + c]; }
          s = s * uniforms.scale;
          let mNew = max(m, s);
          let correction = exp(m - mNew);
          let p = exp(s - mNew);
          l = l * correction + p;
          for (var c = 0; c < HS; c++) { acc[c] = acc[c] * correction + p * V[kBase + c]; }
          m = mNew;
        }
        for (var c = 0; c < HS; c++) { setOutputAtIndex(qBase + c, acc[c] / l); }
      }
    `;
  }
}

function writeKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { cache, update } = inputs as { cache: tf.TensorInfo; update: tf.TensorInfo };
  const start = Number(attrs?.start);
  const [nh, ctx, hs] = cache.shape;
  const [unh, count, uhs] = update.shape;
  if (unh !== nh || uhs !== hs || !(start >= 0) || start + count > ctx) {
    throw new Error(`${KV_CACHE_WRITE}: cannot write [${update.shape}] at position ${start} into a cache of [${cache.shape}]`);
  }
  const gpu = backend as WebGPUBackendLike;
  const total = nh * count * hs;
  const program = new KVWriteProgram(cache.shape, total) as unknown as WebGPUProgram;
  const uniforms: Uniform[] = [start, count, ctx, hs, total].map((v) => ({ type: 'int32', data: [v] }));
  gpu.runWebGPUProgram(program, [update], 'float32', uniforms, cache);
  // The result is the cache itself: one more reference, so disposing the result leaves the cache.
  gpu.incRef(cache.dataId);
  return { dataId: cache.dataId, shape: cache.shape, dtype: cache.dtype };
}

function attendKernel({ inputs, backend, attrs }: { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { q, k, v } = inputs as { q: tf.TensorInfo; k: tf.TensorInfo; v: tf.TensorInfo };
  const start = Number(attrs?.start);
  const scale = Number(attrs?.scale);
  const [nh, queries, hs] = q.shape;
  const [, ctx] = k.shape;
  if (k.shape[0] !== nh || k.shape[2] !== hs || v.shape.join() !== k.shape.join() || start + queries > ctx) {
    throw new Error(`${KV_CACHE_ATTEND}: queries [${q.shape}] at position ${start} do not fit caches [${k.shape}] / [${v.shape}]`);
  }
  const program = new KVAttendProgram([nh, queries, hs], nh * queries, hs) as unknown as WebGPUProgram;
  const uniforms: Uniform[] = [
    ...[start, queries, nh, ctx].map((value): Uniform => ({ type: 'int32', data: [value] })),
    { type: 'float32', data: [scale] },
  ];
  return (backend as WebGPUBackendLike).runWebGPUProgram(program, [q, k, v], 'float32', uniforms);
}

let registered = false;

/** Register both kernels for the 'webgpu' backend (once). */
export function registerKVKernels(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({ kernelName: KV_CACHE_WRITE, backendName: 'webgpu', kernelFunc: writeKernel as unknown as tf.KernelFunc });
  tf.registerKernel({ kernelName: KV_CACHE_ATTEND, backendName: 'webgpu', kernelFunc: attendKernel as unknown as tf.KernelFunc });
}
