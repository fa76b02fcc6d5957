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
 * Forward is a cheap gather. Its gradient is a scatter-add of dY rows into [V, d]: tfjs
 * computes that with UnsortedSegmentSum, which the wasm backend lacks. There the sum is done
 * in JavaScript on the CPU, where wasm tensors live anyway (reading them is a copy, not a GPU
 * sync): N·d additions instead of the one-hot matmul onehot(ids)ᵀ [V, N] · dY [N, d] (V·N·d
 * multiply-adds, and building the one-hot by broadcast `equal` took 1.7 s per step on wasm).
 * Any other backend without the kernel gets that one-hot matmul. All three sum the same
 * float32 terms; only the order of summation differs.
 */
export function embedding(table: tf.Tensor2D, ids: tf.Tensor): tf.Tensor {
  const [V, d] = table.shape;
  const n = ids.size;
  const lookup = tf.customGrad(((t: tf.Tensor, save: tf.GradSaveFunc) => {
    // Tensors the backward pass reads must be saved: the caller's tidy may dispose them first.
    const flatIds = ids.reshape([n]).toInt();
    save([flatIds]);
    return {
      value: tf.gather(t, flatIds).reshape([...ids.shape, d]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const dy2 = dy.reshape([n, d]); // [N, d]
        const flat = saved[0] as tf.Tensor1D;
        const backend = tf.getBackend();
        if (tf.getKernel('UnsortedSegmentSum', backend)) return tf.unsortedSegmentSum(dy2, flat, V);
        if (backend === 'wasm') {
          const rows = dy2.dataSync() as Float32Array;
          const idx = flat.dataSync();
          const grad = new Float32Array(V * d);
          for (let j = 0; j < n; j++) {
            const dst = idx[j] * d;
            const src = j * d;
            for (let k = 0; k < d; k++) grad[dst + k] += rows[src + k];
          }
          return tf.tensor2d(grad, [V, d]);
        }
        const onehotT = tf.transpose(tf.oneHot(flat, V)).toFloat(); // [V, N]
        return tf.matMul(onehotT, dy2); // [V, N] · [N, d] → [V, d]
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
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

/**
 * Mean cross-entropy in nats: logits [N, V], targets int32 [N]. Written with the fused softmax
 * kernel: loss = −mean(log p[target]), dloss/dlogits = (p − onehot(target)) / N. Autodiff of
 * logSumExp costs several more passes over the [N, V] logits, the most expensive tensor of a
 * step when V is a few thousand characters. A target whose probability underflows float32
 * (a logit gap above ≈87 nats) gives an infinite loss, which the trainer reports as divergence.
 */
export function crossEntropy(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Scalar {
  const [N, V] = logits.shape;
  const targetIds = targets.toInt();
  const loss = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    const probs = tf.softmax(x, -1); // [N, V]
    save([probs, targetIds]);
    const flatIndex = tf.add(tf.mul(tf.range(0, N, 1, 'int32'), tf.scalar(V, 'int32')), targetIds); // row·V + target, [N]
    const picked = tf.gather(probs.reshape([N * V]), flatIndex); // p[target], [N]
    return {
      value: tf.neg(tf.mean(tf.log(picked))),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.sub(saved[0], tf.oneHot(saved[1], V)), tf.div(dy, N)),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return loss(logits) as tf.Scalar;
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
