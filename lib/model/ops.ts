// The few building blocks of the GPT that need care on some backend. Each works the same
// on webgpu, webgl, wasm and cpu, so one seed gives one loss curve everywhere.
import * as tf from '@tensorflow/tfjs';

/** Swap the last two axes: [..., m, n] → [..., n, m]. */
export function transposeLast2(x: tf.Tensor): tf.Tensor {
  const perm = x.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(x, perm);
}

/**
 * a @ b for rank-2 or batched operands, with a backward pass that transposes explicitly.
 * tfjs's own MatMul gradient uses `transposeA/transposeB`, which on the wasm backend is
 * 5–18× slower than an explicit transpose followed by a plain matmul (measured here:
 * [2048,128]·[512,128]ᵀ 469 ms vs 87 ms). dA = dY·Bᵀ, dB = Aᵀ·dY.
 */
export const matMul = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved;
      return [tf.matMul(dy, transposeLast2(sb)), tf.matMul(transposeLast2(sa), dy)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/**
 * Embedding lookup rows of `table` [V, d] for integer `ids` of any shape → [...ids.shape, d].
 * Forward is a cheap gather. Its gradient is a scatter-add into [V, d]: tfjs computes that
 * with UnsortedSegmentSum, which the wasm backend lacks, so there we use the same sum written
 * as a matmul, onehot(ids)ᵀ [V, N] · dY [N, d]. Both give the same numbers up to float32
 * summation order.
 */
export function embedding(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  const [V, d] = table.shape;
  const n = ids.size;
  const lookup = tf.customGrad(((t: tf.Tensor) => ({
    value: tf.gather(t, ids.reshape([n])).reshape([...ids.shape, d]),
    gradFunc: (dy: tf.Tensor) => {
      const dy2 = dy.reshape([n, d]); // [N, d]
      const flat = ids.reshape([n]).toInt();
      if (tf.getKernel('UnsortedSegmentSum', tf.getBackend())) {
        return tf.unsortedSegmentSum(dy2, flat as tf.Tensor1D, V);
      }
      // onehotT[v, j] = (ids[j] == v): built already transposed, [V, N]
      const onehotT = tf.equal(tf.range(0, V, 1, 'int32').reshape([V, 1]), flat.reshape([1, n])).toFloat();
      return tf.matMul(onehotT, dy2); // [V, N] · [N, d] → [V, d]
    },
  })) as unknown as Parameters<typeof tf.customGrad>[0]);
  return lookup(table) as tf.Tensor;
}

/** LayerNorm over the last axis (eps 1e-5 as in GPT-2). */
export function layerNorm(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor, eps = 1e-5): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const centred = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centred), -1, true);
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, eps))), weight), bias);
}

/** GELU, tanh approximation (GPT-2): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(x, tf.square(x)))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/** Mean cross-entropy in nats: logits [N, V], targets int32 [N]. */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  const V = logits.shape[1];
  const logZ = tf.logSumExp(logits, -1); // [N]
  const picked = tf.sum(tf.mul(logits, tf.oneHot(targets.toInt(), V)), -1); // [N]
  return tf.mean(tf.sub(logZ, picked)) as tf.Scalar;
}

/** Additive causal mask [T, T]: 0 on and below the diagonal, -1e9 above (exp underflows to exactly 0). */
const maskCache = new Map<number, Float32Array>();
export function causalMask(T: number): tf.Tensor2D {
  let values = maskCache.get(T);
  if (!values) {
    values = new Float32Array(T * T);
    for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) values[i * T + j] = -1e9;
    maskCache.set(T, values);
  }
  return tf.tensor2d(values, [T, T]);
}
