// The scaling-law library behind chapter 2: pure math, no tfjs. See docs/scaling.md for which
// constants each function uses and why.

export {
  PF_DAY_FLOPS,
  KAPLAN_2020,
  KAPLAN_2020_JOINT,
  KAPLAN_2020_SEPARATE,
  KAPLAN_2020_FRONTIER,
  kaplanLossFromParams,
  kaplanLossFromTokens,
  kaplanLossFromCompute,
  kaplanLoss,
  kaplanOverfitPenalty,
  kaplanOptimal,
  kaplanFrontierTokens,
} from './kaplan';
export type { KaplanJointConstants, KaplanOptimalOptions } from './kaplan';

export {
  FLOPS_PER_PARAM_TOKEN,
  trainingFlops,
  CHINCHILLA_PRINTED,
  CHINCHILLA_UNROUNDED,
  BESIROGLU_2024,
  chinchillaLoss,
  chinchillaLossTerms,
  parametricOptimal,
  CHINCHILLA_APPROACHES,
  chinchillaOptimal,
  chinchillaComputeForParams,
} from './chinchilla';
export type { ParametricLossConstants, ParametricOptimum, ChinchillaApproach, ApproachLaw } from './chinchilla';
export {
  HOFFMANN_TABLE_3_APPROACH_1,
  HOFFMANN_TABLE_A3_APPROACH_2,
  HOFFMANN_TABLE_A3_APPROACH_3,
} from './chinchilla-tables';
export type { ComputeOptimalRow } from './chinchilla-tables';

export { fitPowerLaw, bootstrapPowerLaw, evaluatePowerLaw, quantileSorted } from './fit';
export type { PowerLawFit, PowerLawFitOptions, BootstrapOptions, PowerLawBootstrap } from './fit';
export { fitSaturatingPowerLaw } from './saturating';
export type { SaturatingFit, SaturatingFitOptions } from './saturating';
export { studentTCdf, studentTQuantile } from './student-t';
