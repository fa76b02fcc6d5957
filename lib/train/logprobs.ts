// Per-token log-probabilities of given targets, the quantity SFT (masked cross-entropy) and DPO
// (sequence log-probs of responses) are both built from. Like ops.crossEntropy, the gradient is
// written with the fused softmax: d log p[target] / d logits = onehot(target) − p.
import * as tf from '@tensorflow/tfjs';
import type { ForwardOptions, GPT } from '../model/gpt';

/** log p(targets[b, t] | inputs[b, ≤t]) from logits [B, T, V] and int32 targets [B, T] → [B, T]. */
export function targetLogProbs(logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Tensor2D {
  const [B, T, V] = logits.shape;
  const N = B * T;
  const ids = targets.reshape([N]).toInt();
  const pick = tf.customGrad(((x: tf.Tensor, save: tf.GradSaveFunc) => {
    const logp = tf.logSoftmax(x, -1); // [N, V]
    save([tf.exp(logp), ids]);
    const flatIndex = tf.add(tf.mul(tf.range(0, N, 1, 'int32'), tf.scalar(V, 'int32')), ids); // row·V + target, [N]
    return {
      value: tf.gather(logp.reshape([N * V]), flatIndex), // [N]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(dy.reshape([N, 1]), tf.sub(tf.oneHot(saved[1], V), saved[0])), // [N, V]
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return (pick(logits.reshape([N, V])) as tf.Tensor).reshape([B, T]) as tf.Tensor2D;
}

/** A batch of token sequences with a 0/1 weight per target position (1 = counts). */
export interface MaskedBatch {
  /** int32 [B, T] */
  inputs: tf.Tensor2D;
  /** int32 [B, T], inputs shifted by one */
  targets: tf.Tensor2D;
  /** float32 [B, T]: 1 where the target is a response token, 0 on prompt and padding */
  mask: tf.Tensor2D;
}

/** Σ_t mask·log p(target_t) per sequence → [B] (log-probability of each sequence's response). */
export function sequenceLogProbs(model: GPT, batch: MaskedBatch, opts: Pick<ForwardOptions, 'training' | 'rng'> = {}): tf.Tensor1D {
  return tf.tidy(() => {
    const { logits } = model.forward(batch.inputs, opts);
    return tf.sum(tf.mul(targetLogProbs(logits, batch.targets), batch.mask), 1) as tf.Tensor1D;
  });
}

export function disposeBatch(batch: MaskedBatch): void {
  tf.dispose([batch.inputs, batch.targets, batch.mask]);
}
