// AdamW with decoupled weight decay (Loshchilov & Hutter; torch.optim.AdamW), decaying only the
// parameters marked `decay` (matrices of linear layers — not norms, biases or embeddings, as in nanoGPT).
import * as tf from '@tensorflow/tfjs';
import type { ParamSpec } from '../model/config';

/**
 * Names of the variables AdamW decays: a model parameter follows its spec's `decay` (linear-layer
 * matrices yes; embeddings, LayerNorm gains/biases and biases no); any other variable (e.g. a LoRA
 * factor) decays when it is a matrix (rank ≥ 2).
 */
export function decayMask(specs: readonly ParamSpec[], trainable: Map<string, tf.Variable>): Set<string> {
  const specDecay = new Map(specs.map((s) => [s.name, s.decay]));
  return new Set([...trainable].filter(([name, v]) => specDecay.get(name) ?? v.rank >= 2).map(([name]) => name));
}

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

/** Copies of the optimiser's state (for tests and for inspecting a kept state after divergence). */
export interface AdamWSnapshot {
  /** Updates applied so far (Adam's t). */
  updates: number;
  m: Map<string, Float32Array>;
  v: Map<string, Float32Array>;
}

/**
 * Handles on the optimiser's state at one moment (lib/train/rollback.ts keeps one). tf.clone shares
 * the buffers, so keeping costs no copy: the old buffers just outlive the next update.
 */
export interface AdamWKept {
  updates: number;
  m: Map<string, tf.Tensor>;
  v: Map<string, tf.Tensor>;
}

export class AdamW {
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();
  /** Number of updates applied (Adam's t, for bias correction). */
  private t = 0;

  constructor(
    private readonly params: Map<string, tf.Variable>,
    private readonly decays: Set<string>,
    private readonly o: AdamWOptions,
  ) {}

  get updates(): number {
    return this.t;
  }

  /** Moment tensors held (m and v per parameter stepped so far) and their bytes (float32). */
  get state(): { tensors: number; bytes: number } {
    let bytes = 0;
    for (const t of [...this.m.values(), ...this.v.values()]) bytes += t.size * 4;
    return { tensors: this.m.size + this.v.size, bytes };
  }

  async snapshot(): Promise<AdamWSnapshot> {
    const copy = async (moments: Map<string, tf.Variable>) => {
      const out = new Map<string, Float32Array>();
      for (const [name, t] of moments) out.set(name, (await t.data()) as Float32Array);
      return out;
    };
    return { updates: this.t, m: await copy(this.m), v: await copy(this.v) };
  }

  /** The state now, as zero-copy clones the caller disposes. */
  keep(): AdamWKept {
    const clone = (moments: Map<string, tf.Variable>) => new Map([...moments].map(([name, t]) => [name, tf.clone(t)]));
    return { updates: this.t, m: clone(this.m), v: clone(this.v) };
  }

  /** Put a kept state back (the kept tensors stay the caller's); moments created since it was kept are freed. */
  restore(kept: AdamWKept): void {
    this.t = kept.updates;
    for (const [moments, saved] of [[this.m, kept.m], [this.v, kept.v]] as const) {
      for (const [name, variable] of moments) {
        const value = saved.get(name);
        if (value) {
          variable.assign(value);
        } else {
          variable.dispose();
          moments.delete(name);
        }
      }
    }
  }

  /**
   * One update with learning rate `lr`; every gradient is first multiplied by `gradScale`
   * (global-norm clipping). Does not dispose `grads`.
   */
  apply(grads: Map<string, tf.Tensor>, lr: number, gradScale = 1): void {
    this.t += 1;
    const { beta1, beta2, eps, weightDecay } = this.o;
    const correction1 = 1 - beta1 ** this.t;
    const correction2 = 1 - beta2 ** this.t;
    for (const [name, param] of this.params) {
      const grad = grads.get(name);
      if (!grad) throw new Error(`AdamW: no gradient for parameter "${name}"`);
      if (!this.m.has(name)) {
        this.m.set(name, tf.tidy(() => tf.variable(tf.zerosLike(param), false)));
        this.v.set(name, tf.tidy(() => tf.variable(tf.zerosLike(param), false)));
      }
      const m = this.m.get(name)!;
      const v = this.v.get(name)!;
      tf.tidy(() => {
        const g = gradScale === 1 ? grad : tf.mul(grad, gradScale);
        const mNext = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const vNext = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        m.assign(mNext);
        v.assign(vNext);
        const step = tf.div(tf.div(mNext, correction1), tf.add(tf.sqrt(tf.div(vNext, correction2)), eps));
        // Decoupled decay: p ← p·(1 − lr·wd) − lr·adam_step
        const decayed = this.decays.has(name) && weightDecay > 0 ? tf.mul(param, 1 - lr * weightDecay) : param;
        param.assign(tf.sub(decayed, tf.mul(step, lr)));
      });
    }
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
    this.m.clear();
    this.v.clear();
  }
}

/**
 * √(Σ‖g‖²) over all gradients, summed pairwise: tf.addN over many tensors hits WebGPU's
 * limit of 8 storage buffers per shader (seen on SwiftShader), a tree of tf.add does not.
 */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  return tf.tidy(() => {
    let level: tf.Tensor[] = grads.map((g) => tf.sum(tf.square(g)));
    while (level.length > 1) {
      const next: tf.Tensor[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? tf.add(level[i], level[i + 1]) : level[i]);
      level = next;
    }
    return tf.sqrt(level[0]) as tf.Scalar;
  });
}
