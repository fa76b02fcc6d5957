// What the sweep's numbers say: the power law through (N, validation loss) with its interval, the
// saturating form once there are enough points, and the CSV a reader downloads. Pure functions
// over the results the engine streams (unit-tested; the browser test refits the CSV).
import type { SweepResult } from '@/lib/engine/features/sweep/protocol';
import { fitPowerLaw, fitSaturatingPowerLaw, type PowerLawFit, type SaturatingFit } from '@/lib/scaling';

/** Kaplan et al. 2020, eq. 1.1: L(N) ∝ N^−0.076 (non-embedding N, converged models). */
export const KAPLAN_ALPHA_N = 0.076;

/** Points needed for the saturating fit L = E + A·N^−α (three unknowns, and some left to check them). */
export const SATURATING_MIN_POINTS = 5;

export interface SweepFits {
  /** Loss against non-embedding parameters: y = c·N^k (k negative when bigger is better). */
  params: PowerLawFit | null;
  /** Loss against compute 6·N·D of each finished model. Null when every model had the same compute. */
  compute: PowerLawFit | null;
  saturating: SaturatingFit | null;
}

function distinct(values: number[]): boolean {
  return values.some((v) => Math.abs(v / values[0] - 1) > 0.05);
}

/** Fits over the finished models (recomputed after each one finishes). */
export function fitSweep(results: readonly SweepResult[]): SweepFits {
  const done = results.filter((r) => Number.isFinite(r.valLoss) && r.valLoss > 0);
  if (done.length < 2) return { params: null, compute: null, saturating: null };
  const n = done.map((r) => r.nonEmbeddingParams);
  const loss = done.map((r) => r.valLoss);
  const c = done.map((r) => r.compute);
  let saturating: SaturatingFit | null = null;
  if (done.length >= SATURATING_MIN_POINTS) {
    try {
      saturating = fitSaturatingPowerLaw(n, loss);
    } catch {
      saturating = null; // a degenerate set (e.g. a flat loss) has no floor to find
    }
  }
  return { params: fitPowerLaw(n, loss), compute: distinct(c) ? fitPowerLaw(c, loss) : null, saturating };
}

const CSV_COLUMNS = ['model', 'n_layer', 'n_head', 'd_model', 'params_total', 'params_non_embedding', 'steps', 'tokens', 'flops_6ND', 'val_loss', 'train_loss', 'seconds'] as const;

/** One row per finished model; numbers in full precision so a spreadsheet can refit them. */
export function sweepCsv(results: readonly SweepResult[], meta: { corpus: string; backend: string; mode: string; length: string }): string {
  const lines = [
    `# LiveScalingSweep (Live LLM Book): ${meta.mode} sweep, ${meta.length}, corpus ${meta.corpus}, backend ${meta.backend}; flops_6ND = 6 × params_non_embedding × tokens`,
    CSV_COLUMNS.join(','),
  ];
  for (const r of results) {
    lines.push([r.index + 1, r.nLayer, r.nHead, r.dModel, r.params, r.nonEmbeddingParams, r.steps, r.tokens, r.compute, r.valLoss, r.trainLoss, r.seconds.toFixed(2)].join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Parses sweepCsv's output back (the browser test and readers' notebooks do the same). */
export function parseSweepCsv(csv: string): Record<(typeof CSV_COLUMNS)[number], number>[] {
  const rows = csv.split('\n').filter((l) => l && !l.startsWith('#'));
  const header = rows[0].split(',');
  return rows.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], Number(v)])) as Record<(typeof CSV_COLUMNS)[number], number>);
}
