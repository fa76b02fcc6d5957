// Pause / resume / stop for a feature's step loop (SFT, DPO, token-by-token decoding, the KV race,
// quantization batches), as the engine's core commands reach it (EngineContext.beginRun). The loop
// awaits `gate()` before each step and sets `step` after it.
import { nextMacrotask } from '../train/macrotask';
import type { RunControl } from './context';

export class LoopControl implements RunControl {
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | null = null;
  step = 0;

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    this.cancelled = true;
    this.wake?.();
  }

  get stopped(): boolean {
    return this.cancelled;
  }

  /**
   * Resolves when the loop may take its next step; false once stopped. Always yields to the event
   * loop first: a wasm step's promises resolve as microtasks, so without a macrotask break the
   * worker would never read pause / stop / set-beta messages until the whole run had ended.
   */
  async gate(): Promise<boolean> {
    await nextMacrotask();
    while (this.paused && !this.cancelled) await new Promise<void>((resolve) => (this.wake = resolve));
    this.wake = null;
    return !this.cancelled;
  }
}
