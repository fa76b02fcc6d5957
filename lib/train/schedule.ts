// Learning-rate schedule: linear warm-up, then cosine decay to a floor (nanoGPT train.py get_lr).

export interface ScheduleOptions {
  learningRate: number;
  minLearningRate: number;
  warmupSteps: number;
  /** Total steps; the cosine reaches minLearningRate at the last one. */
  steps: number;
}

/** Learning rate of 1-based step `step`. */
export function learningRateAt(step: number, o: ScheduleOptions): number {
  if (step <= o.warmupSteps) return (o.learningRate * step) / o.warmupSteps;
  const decaySteps = Math.max(1, o.steps - o.warmupSteps);
  const progress = Math.min(1, (step - o.warmupSteps) / decaySteps);
  const cosine = 0.5 * (1 + Math.cos(Math.PI * progress)); // 1 → 0
  return o.minLearningRate + cosine * (o.learningRate - o.minLearningRate);
}
