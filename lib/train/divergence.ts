// The error every training loop throws on a bad step (non-finite loss or gradient, or a gradient
// norm above the run's limit). It carries its numbers so a UI can word it in the reader's language.
export class DivergenceError extends Error {
  constructor(
    readonly step: number,
    readonly loss: number,
    readonly lr: number,
    readonly gradNorm: number,
  ) {
    super(`diverged at step ${step} (loss ${loss}, lr ${lr.toPrecision(3)}, grad norm ${gradNorm.toPrecision(3)}) — lower the learning rate`);
    this.name = 'DivergenceError';
  }
}
