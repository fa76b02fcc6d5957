// Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv 2001.08361): the first
// scaling laws for language models, with the paper's fitted constants. N counts NON-embedding
// parameters, D tokens of WebText2 under GPT-2's BPE, losses are nats per token; the constants
// belong to that setup and "have no fundamental meaning" (the paper's words).

import { requirePositive } from './validate';

/** One petaflop/s-day, the paper's compute unit: 10^15 × 24 × 3600 FLOPs. */
export const PF_DAY_FLOPS = 8.64e19;

/** The single-variable laws: equations 1.1–1.3 (also Table 5 of the paper's appendix A). */
export const KAPLAN_2020 = {
  /** Eq. 1.1: L(N) = (N_c / N)^α_N, models trained to convergence on ample data. */
  alphaN: 0.076,
  Nc: 8.8e13,
  /** Eq. 1.2: L(D) = (D_c / D)^α_D, large models stopped early. */
  alphaD: 0.095,
  Dc: 5.4e13,
  /** Eq. 1.3: L(C_min) = (C_c^min / C_min)^α_C^min, compute allocated optimally; C in PF-days. */
  alphaCmin: 0.05,
  CcMinPfDays: 3.1e8,
} as const;

/** Constants of the joint law L(N, D) (eq. 1.5), as fitted jointly in the paper's Table 2. */
export interface KaplanJointConstants {
  alphaN: number;
  alphaD: number;
  Nc: number;
  Dc: number;
}

/** Table 2: the fit of eq. 1.5 to the early-stopped runs. α_D differs from eq. 1.2's 0.095. */
export const KAPLAN_2020_JOINT: KaplanJointConstants = { alphaN: 0.076, alphaD: 0.103, Nc: 6.4e13, Dc: 1.8e13 };

/** Eq. 1.1–1.2's constants plugged into eq. 1.5, so that L(N, ∞) = L(N) and L(∞, D) = L(D) exactly. */
export const KAPLAN_2020_SEPARATE: KaplanJointConstants = {
  alphaN: KAPLAN_2020.alphaN,
  alphaD: KAPLAN_2020.alphaD,
  Nc: KAPLAN_2020.Nc,
  Dc: KAPLAN_2020.Dc,
};

/**
 * Table 6: the compute-efficient frontier N_opt = N_e · C_min^0.73 (eq. 6.1) and
 * D_opt = D_e · C_min^0.27, with C_min in PF-days and N non-embedding.
 */
export const KAPLAN_2020_FRONTIER = {
  paramsExponent: 0.73,
  paramsScale: 1.3e9,
  tokensExponent: 0.27,
  tokensScale: 2e10,
} as const;

/** Eq. 1.1: converged loss of a model with `nonEmbeddingParams` parameters, data unlimited. */
export function kaplanLossFromParams(nonEmbeddingParams: number): number {
  requirePositive('kaplanLossFromParams', 'nonEmbeddingParams', nonEmbeddingParams);
  return (KAPLAN_2020.Nc / nonEmbeddingParams) ** KAPLAN_2020.alphaN;
}

/** Eq. 1.2: loss of a large model trained with early stopping on `tokens` tokens. */
export function kaplanLossFromTokens(tokens: number): number {
  requirePositive('kaplanLossFromTokens', 'tokens', tokens);
  return (KAPLAN_2020.Dc / tokens) ** KAPLAN_2020.alphaD;
}

/** Eq. 1.3: loss reachable with minimum compute C_min (in FLOPs) spent on the best N. */
export function kaplanLossFromCompute(minComputeFlops: number): number {
  requirePositive('kaplanLossFromCompute', 'minComputeFlops', minComputeFlops);
  return (KAPLAN_2020.CcMinPfDays / (minComputeFlops / PF_DAY_FLOPS)) ** KAPLAN_2020.alphaCmin;
}

/**
 * Eq. 1.5: L(N, D) = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D, the loss with both size and data finite.
 * Defaults to the paper's joint fit (Table 2); pass KAPLAN_2020_SEPARATE to match eqs. 1.1–1.2
 * at the limits instead.
 */
export function kaplanLoss(
  nonEmbeddingParams: number,
  tokens: number,
  constants: KaplanJointConstants = KAPLAN_2020_JOINT,
): number {
  requirePositive('kaplanLoss', 'nonEmbeddingParams', nonEmbeddingParams);
  requirePositive('kaplanLoss', 'tokens', tokens);
  const { alphaN, alphaD, Nc, Dc } = constants;
  return ((Nc / nonEmbeddingParams) ** (alphaN / alphaD) + Dc / tokens) ** alphaD;
}

/**
 * Eq. 4.2: the overfitting penalty δL = L(N, D) / L(N, ∞) − 1 (joint constants by default).
 * The paper keeps it under ≈ 0.02, the seed-to-seed spread, which gives D ≳ 5·10³ · N^0.74 (eq. 4.4).
 */
export function kaplanOverfitPenalty(
  nonEmbeddingParams: number,
  tokens: number,
  constants: KaplanJointConstants = KAPLAN_2020_JOINT,
): number {
  requirePositive('kaplanOverfitPenalty', 'nonEmbeddingParams', nonEmbeddingParams);
  requirePositive('kaplanOverfitPenalty', 'tokens', tokens);
  const { alphaN, alphaD, Nc, Dc } = constants;
  return (1 + (nonEmbeddingParams / Nc) ** (alphaN / alphaD) * (Dc / tokens)) ** alphaD - 1;
}

export interface KaplanOptimalOptions {
  /**
   * Whether `computeFlops` is already Kaplan's C_min. Default false: it is the compute actually
   * spent, by a run at the critical batch size, which by eq. 5.5 (C = C_min (1 + B / B_crit))
   * spends C = 2 C_min. This is the reading that reproduces Hoffmann et al.'s statement (their
   * appendix D.4) that Kaplan's optimal model for 10^21 FLOPs has 4.68B parameters.
   */
  computeIsMinimal?: boolean;
}

/**
 * Kaplan's compute-efficient model size for a budget (Table 6, N_opt = 1.3·10⁹ · C_min^0.73 with
 * C_min in PF-days; non-embedding parameters). `tokens` = C / (6 N), so the recommendation spends
 * exactly the budget. With the default reading C = 2 C_min, Table 6's own data law
 * D_opt = 2·10¹⁰ · C_min^0.27 (kaplanFrontierTokens) gives 0.90 × these tokens at every budget:
 * the paper's two normalisations agree to 10%, a check that C = 2 C_min is the intended reading.
 */
export function kaplanOptimal(
  computeFlops: number,
  options: KaplanOptimalOptions = {},
): { params: number; tokens: number } {
  requirePositive('kaplanOptimal', 'computeFlops', computeFlops);
  const minCompute = options.computeIsMinimal ? computeFlops : computeFlops / 2;
  const { paramsScale, paramsExponent } = KAPLAN_2020_FRONTIER;
  const params = paramsScale * (minCompute / PF_DAY_FLOPS) ** paramsExponent;
  return { params, tokens: computeFlops / (6 * params) };
}

/** Table 6's data law D_opt = 2·10¹⁰ · C_min^0.27 (C_min in FLOPs here, converted to PF-days). */
export function kaplanFrontierTokens(minComputeFlops: number): number {
  requirePositive('kaplanFrontierTokens', 'minComputeFlops', minComputeFlops);
  const { tokensScale, tokensExponent } = KAPLAN_2020_FRONTIER;
  return tokensScale * (minComputeFlops / PF_DAY_FLOPS) ** tokensExponent;
}
