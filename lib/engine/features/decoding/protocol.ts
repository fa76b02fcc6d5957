// Messages of the `decoding` feature: SamplingLab (next-token distribution, step / run generation
// in one or two lanes, beam search) and QuantizationLab (float32 vs int8 vs intN on a shipped
// checkpoint). Every number a widget draws is computed here by lib/sample and lib/model/quantize;
// the page only lays it out.

/** One lane's sampling settings. topK 0 = no cut; topP 1 = no cut; repetitionPenalty 1 = off. */
export interface SamplingSettings {
  temperature: number;
  topK: number;
  topP: number;
  repetitionPenalty: number;
}

/** A candidate next token, as the bar chart draws it. */
export interface TokenCandidate {
  id: number;
  text: string;
  /** Probability after penalties and temperature, before the top-k / top-p cut. */
  before: number;
  /** Probability in the distribution the token is drawn from (0 when cut). */
  after: number;
  kept: boolean;
}

export interface NextDistribution {
  /** The candidates ranked by `before` (highest first), at most topN. */
  candidates: TokenCandidate[];
  /** How many tokens survive the cut (may exceed the candidates shown). */
  keptCount: number;
  /** Mass of the kept set under the pre-cut distribution: what renormalisation divides by. */
  keptMass: number;
  vocabSize: number;
}

/** One lane of a generation: its settings and where it stands (generated ids, RNG state). */
export interface LaneState {
  settings: SamplingSettings;
  generated: number[];
  /** createRng's state after the last draw; null = start from the seed. */
  rngState: number | null;
}

export interface GeneratedToken {
  lane: number;
  /** 0-based position among the generated tokens. */
  index: number;
  id: number;
  text: string;
  /** Probability of this token under the model itself (softmax of the raw logits, T = 1). */
  modelProb: number;
  /** Probability it had in the distribution it was drawn from (after penalties, temperature, cut). */
  sampledProb: number;
  /** The step's distribution (top candidates), for "what else could have come here". */
  alternatives: NextDistribution;
  rngState: number;
}

export interface BeamView {
  text: string;
  logProb: number;
  /** logProb / lp(|Y|) (GNMT length penalty). */
  score: number;
  finishReason?: 'eos' | 'stop' | 'max-tokens';
}

/** What QuantizationLab quantizes to: float32 (none), int8 per channel, or intN with groups. */
export type QuantVariant = 'float32' | 'int8' | 'intN';

export interface QuantTensorRow {
  name: string;
  shape: number[];
  quantized: boolean;
  float32Bytes: number;
  bytes: number;
  maxAbsError: number;
  meanAbsError: number;
}

export interface MatrixHistogram {
  name: string;
  edges: number[];
  before: number[];
  after: number[];
  grid: number[];
  gridStep: number;
}

export interface QuantVariantResult {
  variant: QuantVariant;
  label: string;
  bits: number;
  /** Whole model as stored: packed codes + scales (+ zero points) + the tensors kept float32. */
  bytes: number;
  float32Bytes: number;
  /** Bytes of the quantized tensors only, and what they were in float32. */
  quantizedBytes: number;
  quantizedFloat32Bytes: number;
  bitsPerParam: number;
  tensors: QuantTensorRow[];
  /** Per 2-D matrix: histogram before / after over the same edges, and its coarsest group's grid (empty when kept float32). */
  histograms: MatrixHistogram[];
  valLoss: number;
  perplexity: number;
  evalTokens: number;
  sample: string;
}

/** The prompt as the model reads it, and the model reading it. */
export interface PromptInfo {
  /** The prompt's known characters (what the model sees). */
  text: string;
  tokens: number;
  /** Characters of the typed prompt the model's vocabulary lacks (skipped). */
  dropped: number;
  model: { params: number; vocabSize: number; contextLength: number; nLayer: number; nHead: number; dModel: number };
}

export type DecodingCommand =
  | {
      type: 'decoding/next';
      requestId: number;
      checkpointUrl: string;
      prompt: string;
      generated: number[];
      settings: SamplingSettings;
      topN: number;
    }
  | {
      /** Generate `tokens` more in every lane, one token per lane per step (pause / resume / stop reach it). */
      type: 'decoding/generate';
      runId: number;
      checkpointUrl: string;
      prompt: string;
      seed: number;
      lanes: LaneState[];
      tokens: number;
      topN: number;
    }
  | { type: 'decoding/beam'; runId: number; checkpointUrl: string; prompt: string; width: number; lengthPenalty: number; maxTokens: number }
  | {
      type: 'decoding/quantize';
      runId: number;
      checkpointUrl: string;
      /** The corpus the checkpoint was trained on; its tail (the checkpoint's validation split) is the held-out text. */
      corpusUrl: string;
      bits: number;
      /** Group size for intN (0 = one scale per output channel). */
      groupSize: number;
      /** Quantize wte / wpe too (the honest file size; see docs/inference.md). */
      includeEmbeddings: boolean;
      /** Evaluate on the first this many tokens of the validation split. */
      evalTokens: number;
      prompt: string;
      seed: number;
      sampleTokens: number;
    };

export type DecodingEvent =
  | ({ type: 'decoding/next'; requestId: number; prompt: PromptInfo } & NextDistribution)
  | ({ type: 'decoding/token'; runId: number; tokensPerSec: number } & GeneratedToken)
  | { type: 'decoding/beam'; runId: number; step: number; beams: BeamView[]; hypotheses: BeamView[]; done: boolean }
  | { type: 'decoding/quantized'; runId: number; result: QuantVariantResult; heldOutTokens: number };

export const DECODING_COMMANDS: readonly DecodingCommand['type'][] = ['decoding/next', 'decoding/generate', 'decoding/beam', 'decoding/quantize'];
