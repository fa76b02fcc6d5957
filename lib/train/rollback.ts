// What a training loop needs to survive a bad step: the pre-training Trainer and the SFT / DPO
// ObjectiveOptimizer both route every update through one StepRollback, which
//  - puts the RNG positions back when a step fails its divergence check (the retry draws the same
//    batch and dropout masks), and
//  - keeps the state from before the last applied update (weights, AdamW's t, m, v, RNG
//    positions), so that update can be undone. That matters because a divergence is detected one
//    step late: the loss of step N is measured on the weights step N − 1 produced, so retrying
//    step N at a lower learning rate fails identically — only redoing step N − 1 helps.
// Keeping costs no copy: tf.clone shares buffers, and an update assigns new ones, so the old
// weights and moments simply stay alive one step longer (12 bytes per trainable parameter).
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../sample/rng';
import type { AdamW, AdamWKept } from './adamw';
import { DivergenceError } from './divergence';

/** A seeded Rng whose position can be set back (the batch and dropout streams of a run). */
export interface RewindableRng extends Rng {
  rewind(state: number): void;
}

export function rewindableRng(seed: number): RewindableRng {
  let inner = createRng(seed);
  return {
    next: () => inner.next(),
    normal: () => inner.normal(),
    int: (n) => inner.int(n),
    state: () => inner.state(),
    rewind(state) {
      inner = createRng(seed, state);
    },
  };
}

interface KeptState {
  /** Steps completed when this was kept (the update after it is the one undo() removes). */
  step: number;
  weights: Map<string, tf.Tensor>;
  optimizer: AdamWKept;
  rngs: number[];
}

export class StepRollback {
  /** RNG positions after the last applied update (= before the next step draws anything). */
  private rngsAfterLast: number[];
  private beforeLast: KeptState | null = null;

  /**
   * `rngs`: every stream a step draws from, in the order the loop owns them. The loop must draw
   * from them only inside steps (so the positions after one update are those before the next).
   */
  constructor(
    private readonly trainable: Map<string, tf.Variable>,
    private readonly optimizer: AdamW,
    private readonly rngs: readonly RewindableRng[],
  ) {
    this.rngsAfterLast = rngs.map((r) => r.state());
  }

  /** Apply step `step`'s update through `update`, first keeping the state it changes. */
  apply(step: number, update: () => void): void {
    const kept: KeptState = {
      step: step - 1,
      weights: new Map([...this.trainable].map(([name, v]) => [name, tf.clone(v)])),
      optimizer: this.optimizer.keep(),
      rngs: this.rngsAfterLast,
    };
    try {
      update();
    } catch (e) {
      tf.dispose([...kept.weights.values(), ...kept.optimizer.m.values(), ...kept.optimizer.v.values()]);
      throw e;
    }
    this.release();
    this.beforeLast = kept;
    this.rngsAfterLast = this.rngs.map((r) => r.state());
  }

  /**
   * Step `step`'s update, guarded: a non-finite loss or gradient norm, or a norm above
   * `maxGradNorm`, applies nothing, puts the RNGs back and throws DivergenceError; otherwise the
   * gradients are clipped to `gradClip` by global norm (0 = off) and applied, keeping the state
   * before them. Disposes `grads` either way.
   */
  guardedUpdate(step: number, grads: Map<string, tf.Tensor>, s: { loss: number; gradNorm: number; lr: number; maxGradNorm: number; gradClip: number }): void {
    try {
      if (!Number.isFinite(s.loss) || !Number.isFinite(s.gradNorm) || s.gradNorm > s.maxGradNorm) {
        this.abandon();
        throw new DivergenceError(step, s.loss, s.lr, s.gradNorm);
      }
      const scale = s.gradClip > 0 && s.gradNorm > s.gradClip ? s.gradClip / s.gradNorm : 1;
      this.apply(step, () => this.optimizer.apply(grads, s.lr, scale));
    } finally {
      tf.dispose([...grads.values()]);
    }
  }

  /** The step in progress failed its check (nothing was applied): put its RNG positions back. */
  abandon(): void {
    this.rngs.forEach((r, i) => r.rewind(this.rngsAfterLast[i]));
  }

  /** Steps completed before the last applied update, or null when there is none to undo. */
  get undoableTo(): number | null {
    return this.beforeLast?.step ?? null;
  }

  /**
   * Undo the last applied update: weights, optimiser state and RNG positions go back to before it.
   * One level deep. Returns the number of steps completed after the undo.
   */
  undo(): number {
    const kept = this.beforeLast;
    if (!kept) throw new Error('nothing to undo: no update has been applied since the start or the last undo');
    for (const [name, v] of this.trainable) v.assign(kept.weights.get(name)!);
    this.optimizer.restore(kept.optimizer);
    this.rngsAfterLast = kept.rngs;
    this.abandon();
    this.release();
    return kept.step;
  }

  /** Free the kept state (the live weights and optimiser are the loop's). */
  release(): void {
    if (!this.beforeLast) return;
    const { weights, optimizer } = this.beforeLast;
    tf.dispose([...weights.values(), ...optimizer.m.values(), ...optimizer.v.values()]);
    this.beforeLast = null;
  }
}
