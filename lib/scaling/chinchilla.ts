// Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (Chinchilla; arXiv
// 2203.15556): the parametric loss L(N, D) = E + A/N^α + B/D^β and the compute-optimal split of a
// budget C ≈ 6ND. N counts all parameters (embeddings included), D training tokens, L nats/token
// on MassiveText under the Chinchilla tokenizer.
//
// Two different things answer "what is compute-optimal?" here, and the book uses both:
// - chinchillaOptimal(C, approach) follows the paper's own tables (Table 3 for approach 1,
//   Table A3 for approaches 2 and 3): it is the 20-tokens-per-parameter answer.
// - parametricOptimal(C, constants) minimises a parametric L(N, D) in closed form (eq. 4). With the
//   constants printed in the paper it does NOT give 20 tokens per parameter (≈ 93 at Gopher's
//   budget, growing with C); with Besiroglu et al.'s 2024 refit it gives ≈ 16–22 between 1e21 and
//   4e25 FLOPs. See docs/scaling.md.

import { HOFFMANN_TABLE_3_APPROACH_1, HOFFMANN_TABLE_A3_APPROACH_2, HOFFMANN_TABLE_A3_APPROACH_3 } from './chinchilla-tables';
import type { ComputeOptimalRow } from './chinchilla-tables';
import { fitPowerLaw } from './fit';
import { requirePositive } from './validate';

/** Training FLOPs per parameter per token: 2 forward + 4 backward (Kaplan et al. 2020 §2.1). */
export const FLOPS_PER_PARAM_TOKEN = 6;

/** C ≈ 6 N D. */
export function trainingFlops(params: number, tokens: number): number {
  requirePositive('trainingFlops', 'params', params);
  requirePositive('trainingFlops', 'tokens', tokens);
  return FLOPS_PER_PARAM_TOKEN * params * tokens;
}

/** The constants of L(N, D) = E + A / N^α + B / D^β. */
export interface ParametricLossConstants {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/**
 * As printed in the body of Hoffmann et al. 2022 (§3.3 and eq. 10, appendix D.2). The default for
 * chinchillaLoss: these are "the paper's fitted constants" every reader will meet. Rounded.
 */
export const CHINCHILLA_PRINTED: ParametricLossConstants = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

/**
 * The same fit with the digits of the paper's TeX source (E = 1.6934, α = 0.3392, β = 0.2849), as
 * reported by Besiroglu et al. 2024. Its frontier is close to the paper's approach-3 column of
 * Table A3 and to the "40B parameters at Gopher's budget" of Figure 4; the rounded constants are not.
 */
export const CHINCHILLA_UNROUNDED: ParametricLossConstants = {
  E: 1.6934,
  A: 406.4,
  B: 410.7,
  alpha: 0.3392,
  beta: 0.2849,
};

/**
 * Besiroglu, Erdil, Barnett and You 2024, "Chinchilla Scaling: A replication attempt" (arXiv
 * 2404.10102): the same functional form refitted to data reconstructed from Hoffmann et al.'s
 * Figure 4. Its frontier agrees with approaches 1 and 2 (≈ 20 tokens per parameter).
 */
export const BESIROGLU_2024: ParametricLossConstants = {
  E: 1.8172,
  A: 482.01,
  B: 2085.43,
  alpha: 0.3478,
  beta: 0.3658,
};

function requireConstants(fn: string, c: ParametricLossConstants): void {
  if (!c || typeof c !== 'object') throw new TypeError(`${fn}: constants must be { E, A, B, alpha, beta }`);
  requirePositive(fn, 'constants.A', c.A);
  requirePositive(fn, 'constants.B', c.B);
  requirePositive(fn, 'constants.alpha', c.alpha);
  requirePositive(fn, 'constants.beta', c.beta);
  if (!Number.isFinite(c.E)) throw new RangeError(`${fn}: constants.E must be a finite number, got ${String(c.E)}`);
}

/** L(N, D) = E + A / N^α + B / D^β; by default with the constants printed in the paper. */
export function chinchillaLoss(
  params: number,
  tokens: number,
  constants: ParametricLossConstants = CHINCHILLA_PRINTED,
): number {
  requirePositive('chinchillaLoss', 'params', params);
  requirePositive('chinchillaLoss', 'tokens', tokens);
  requireConstants('chinchillaLoss', constants);
  return constants.E + constants.A / params ** constants.alpha + constants.B / tokens ** constants.beta;
}

/** The three terms of L(N, D), for a chart that stacks them. */
export function chinchillaLossTerms(
  params: number,
  tokens: number,
  constants: ParametricLossConstants = CHINCHILLA_PRINTED,
): { irreducible: number; modelTerm: number; dataTerm: number; loss: number } {
  requirePositive('chinchillaLossTerms', 'params', params);
  requirePositive('chinchillaLossTerms', 'tokens', tokens);
  requireConstants('chinchillaLossTerms', constants);
  const modelTerm = constants.A / params ** constants.alpha;
  const dataTerm = constants.B / tokens ** constants.beta;
  return { irreducible: constants.E, modelTerm, dataTerm, loss: constants.E + modelTerm + dataTerm };
}

export interface ParametricOptimum {
  params: number;
  tokens: number;
  /** a = β / (α + β) in N_opt ∝ C^a. */
  paramsExponent: number;
  /** b = α / (α + β) in D_opt ∝ C^b. */
  tokensExponent: number;
  /** G = (αA / (βB))^(1/(α+β)). */
  G: number;
  /** L(N_opt, D_opt). */
  loss: number;
}

/**
 * The minimum of L(N, D) under C = 6ND in closed form (Hoffmann et al. eq. 4):
 * N_opt = G (C/6)^a, D_opt = G⁻¹ (C/6)^b, G = (αA / (βB))^(1/(α+β)), a = β/(α+β), b = α/(α+β).
 * Defaults to the printed constants; pass BESIROGLU_2024 for the refit that gives ≈ 20 tokens/param.
 */
export function parametricOptimal(
  computeFlops: number,
  constants: ParametricLossConstants = CHINCHILLA_PRINTED,
): ParametricOptimum {
  requirePositive('parametricOptimal', 'computeFlops', computeFlops);
  requireConstants('parametricOptimal', constants);
  const { A, B, alpha, beta } = constants;
  const G = ((alpha * A) / (beta * B)) ** (1 / (alpha + beta));
  const paramsExponent = beta / (alpha + beta);
  const tokensExponent = alpha / (alpha + beta);
  const budget = computeFlops / FLOPS_PER_PARAM_TOKEN;
  const params = G * budget ** paramsExponent;
  const tokens = budget ** tokensExponent / G;
  return { params, tokens, paramsExponent, tokensExponent, G, loss: chinchillaLoss(params, tokens, constants) };
}

export type ChinchillaApproach = 1 | 2 | 3;

export interface ApproachLaw {
  /** a in N_opt = k · C^a, fitted through the table's rows. */
  exponent: number;
  /** k in N_opt = k · C^a (parameters per FLOP^a). */
  coefficient: number;
  /** a as reported in Table 2 of the paper, with its 10th–90th percentile bootstrap interval. */
  reportedExponent: number;
  reportedInterval: [number, number];
  /** Where the anchoring rows come from. */
  source: string;
  rows: readonly ComputeOptimalRow[];
}

/** Fits N_opt = k · C^a by least squares on (ln C, ln N) through a table's rows. */
function anchor(
  rows: readonly ComputeOptimalRow[],
  source: string,
  reportedExponent: number,
  reportedInterval: [number, number],
): ApproachLaw {
  const fit = fitPowerLaw(
    rows.map((r) => r.flops),
    rows.map((r) => r.params),
  );
  return { exponent: fit.exponent, coefficient: fit.coefficient, reportedExponent, reportedInterval, source, rows };
}

/**
 * Each approach's law N_opt = k · C^a, anchored on the paper's table for that approach (the rows
 * are model sizes the paper projected, so the line through them is the paper's own frontier).
 * Fitted exponents: 0.4981, 0.4899, 0.4587 (Table 2 reports 0.50, 0.49, 0.46).
 */
export const CHINCHILLA_APPROACHES: Readonly<Record<ChinchillaApproach, ApproachLaw>> = {
  1: anchor(HOFFMANN_TABLE_3_APPROACH_1, 'Hoffmann et al. 2022, Table 3 (approach 1: minimum over training curves)', 0.5, [0.488, 0.502]),
  2: anchor(HOFFMANN_TABLE_A3_APPROACH_2, 'Hoffmann et al. 2022, Table A3 (approach 2: IsoFLOP profiles)', 0.49, [0.462, 0.534]),
  3: anchor(HOFFMANN_TABLE_A3_APPROACH_3, 'Hoffmann et al. 2022, Table A3 (approach 3: parametric loss)', 0.46, [0.454, 0.455]),
};

function lawFor(fn: string, approach: ChinchillaApproach): ApproachLaw {
  const law = CHINCHILLA_APPROACHES[approach];
  if (!law) throw new RangeError(`${fn}: approach must be 1, 2 or 3, got ${String(approach)}`);
  return law;
}

/**
 * Compute-optimal parameters and tokens for a budget of `computeFlops` FLOPs, by the paper's
 * approach 1, 2 or 3: N = k · C^a on that approach's table, D = C / (6N).
 */
export function chinchillaOptimal(
  computeFlops: number,
  approach: ChinchillaApproach,
): { params: number; tokens: number } {
  requirePositive('chinchillaOptimal', 'computeFlops', computeFlops);
  const law = lawFor('chinchillaOptimal', approach);
  const params = law.coefficient * computeFlops ** law.exponent;
  return { params, tokens: computeFlops / (FLOPS_PER_PARAM_TOKEN * params) };
}

/** The inverse, as the paper's tables read: the budget and tokens for which `params` is optimal. */
export function chinchillaComputeForParams(
  params: number,
  approach: ChinchillaApproach,
): { flops: number; tokens: number } {
  requirePositive('chinchillaComputeForParams', 'params', params);
  const law = lawFor('chinchillaComputeForParams', approach);
  const flops = (params / law.coefficient) ** (1 / law.exponent);
  return { flops, tokens: flops / (FLOPS_PER_PARAM_TOKEN * params) };
}
