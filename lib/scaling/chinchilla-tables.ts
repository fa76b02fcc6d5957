// The compute-optimal tables of Hoffmann et al. 2022 ("Training Compute-Optimal Large Language
// Models", arXiv 2203.15556), transcribed as printed: model size (all parameters, embeddings
// included), training FLOPs and training tokens. In every row FLOPs ≈ 6 · params · tokens.
// chinchilla.ts anchors each approach's power law N_opt = k · C^a on these rows.

export interface ComputeOptimalRow {
  params: number;
  flops: number;
  tokens: number;
}

/** Table 3: "Estimated optimal training FLOPs and training tokens for various model sizes" (approach 1). */
export const HOFFMANN_TABLE_3_APPROACH_1: readonly ComputeOptimalRow[] = [
  { params: 400e6, flops: 1.92e19, tokens: 8.0e9 },
  { params: 1e9, flops: 1.21e20, tokens: 20.2e9 },
  { params: 10e9, flops: 1.23e22, tokens: 205.1e9 },
  { params: 67e9, flops: 5.76e23, tokens: 1.5e12 },
  { params: 175e9, flops: 3.85e24, tokens: 3.7e12 },
  { params: 280e9, flops: 9.9e24, tokens: 5.9e12 },
  { params: 520e9, flops: 3.43e25, tokens: 11.0e12 },
  { params: 1e12, flops: 1.27e26, tokens: 21.2e12 },
  { params: 10e12, flops: 1.3e28, tokens: 216.2e12 },
];

/** Table A3 (appendix D.3), approach 2 columns. */
export const HOFFMANN_TABLE_A3_APPROACH_2: readonly ComputeOptimalRow[] = [
  { params: 400e6, flops: 1.84e19, tokens: 7.7e9 },
  { params: 1e9, flops: 1.2e20, tokens: 20.0e9 },
  { params: 10e9, flops: 1.32e22, tokens: 219.5e9 },
  { params: 67e9, flops: 6.88e23, tokens: 1.7e12 },
  { params: 175e9, flops: 4.54e24, tokens: 4.3e12 },
  { params: 280e9, flops: 1.18e25, tokens: 7.1e12 },
  { params: 520e9, flops: 4.19e25, tokens: 13.4e12 },
  { params: 1e12, flops: 1.59e26, tokens: 26.5e12 },
  { params: 10e12, flops: 1.75e28, tokens: 292.0e12 },
];

/**
 * Table A3 (appendix D.3), approach 3 columns. One printed value is a typo and is corrected here:
 * the 175B row prints 1.26e+24 FLOPs, but 6 × 175e9 × 12.0e12 = 1.26e25, and 1.26e24 would be
 * less than the 67B row's 1.71e24 in a column that must increase with model size.
 */
export const HOFFMANN_TABLE_A3_APPROACH_3: readonly ComputeOptimalRow[] = [
  { params: 400e6, flops: 2.21e19, tokens: 9.2e9 },
  { params: 1e9, flops: 1.62e20, tokens: 27.1e9 },
  { params: 10e9, flops: 2.46e22, tokens: 410.1e9 },
  { params: 67e9, flops: 1.71e24, tokens: 4.1e12 },
  { params: 175e9, flops: 1.26e25, tokens: 12.0e12 }, // printed 1.26e+24 (typo, see above)
  { params: 280e9, flops: 3.52e25, tokens: 20.1e12 },
  { params: 520e9, flops: 1.36e26, tokens: 43.5e12 },
  { params: 1e12, flops: 5.65e26, tokens: 94.1e12 },
  { params: 10e12, flops: 8.55e28, tokens: 1425.5e12 },
];
