// The one configuration object of the tiny GPT, its validation and its exact parameter count.
// Shapes follow GPT-2 (Conv1D weights are [in, out]), so names and counts can be checked
// against the reference implementation.

export interface GPTConfig {
  /** Number of token ids the model reads and predicts (must equal the tokenizer's vocabSize). */
  vocabSize: number;
  /** Longest sequence the model sees (number of learned position embeddings). */
  contextLength: number;
  /** Number of transformer blocks. */
  nLayer: number;
  /** Attention heads per block; dModel must be divisible by it. */
  nHead: number;
  /** Width of the residual stream. */
  dModel: number;
  /** Hidden width of the MLP as a multiple of dModel (GPT-2: 4). */
  mlpRatio: number;
  /** Dropout probability while training (0 = off; the tiny models here train without it). */
  dropout: number;
  /** Seed of the initial weights: the same seed gives the same weights on every backend. */
  seed: number;
}

/** What a caller may leave out; validateConfig fills it in. */
export type GPTConfigInput = Omit<GPTConfig, 'mlpRatio' | 'dropout' | 'seed'> &
  Partial<Pick<GPTConfig, 'mlpRatio' | 'dropout' | 'seed'>>;

export const CONFIG_DEFAULTS = { mlpRatio: 4, dropout: 0, seed: 0 } as const;

/**
 * Presets by name. vocabSize is left out: it comes from the tokenizer of the corpus.
 * `tiny` is for tests; the two book presets are the shipped checkpoints' shapes.
 */
export const PRESETS: Record<string, Omit<GPTConfigInput, 'vocabSize'>> = {
  tiny: { contextLength: 16, nLayer: 2, nHead: 2, dModel: 16 },
  small: { contextLength: 64, nLayer: 2, nHead: 4, dModel: 64 },
  'en-shakespeare': { contextLength: 64, nLayer: 4, nHead: 4, dModel: 128 },
  'zh-tang-poetry': { contextLength: 64, nLayer: 3, nHead: 4, dModel: 128 },
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function positiveInt(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ConfigError(`invalid config: ${name} = ${JSON.stringify(value)} — must be an integer ≥ 1`);
  }
  return value;
}

/**
 * Check every field and fill defaults. Throws a ConfigError naming the value and the reason.
 * When `tokenizerVocabSize` is given, vocabSize must equal it (a model reading ids its
 * tokenizer never makes, or missing ids it does make, is a bug).
 */
export function validateConfig(input: GPTConfigInput, tokenizerVocabSize?: number): GPTConfig {
  if (input === null || typeof input !== 'object') throw new ConfigError('invalid config: expected an object');
  const known = new Set(['vocabSize', 'contextLength', 'nLayer', 'nHead', 'dModel', 'mlpRatio', 'dropout', 'seed']);
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new ConfigError(`invalid config: unknown field "${key}"`);
  }
  const vocabSize = positiveInt('vocabSize', input.vocabSize);
  const contextLength = positiveInt('contextLength', input.contextLength);
  const nLayer = positiveInt('nLayer', input.nLayer);
  const nHead = positiveInt('nHead', input.nHead);
  const dModel = positiveInt('dModel', input.dModel);
  const mlpRatio = input.mlpRatio ?? CONFIG_DEFAULTS.mlpRatio;
  const dropout = input.dropout ?? CONFIG_DEFAULTS.dropout;
  const seed = input.seed ?? CONFIG_DEFAULTS.seed;
  if (dModel % nHead !== 0) {
    throw new ConfigError(`invalid config: dModel = ${dModel} is not divisible by nHead = ${nHead} (each head gets dModel / nHead dimensions)`);
  }
  if (typeof mlpRatio !== 'number' || !(mlpRatio > 0) || !Number.isInteger(mlpRatio * dModel)) {
    throw new ConfigError(`invalid config: mlpRatio = ${JSON.stringify(mlpRatio)} — must be > 0 and make mlpRatio × dModel an integer`);
  }
  if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1)) {
    throw new ConfigError(`invalid config: dropout = ${JSON.stringify(dropout)} — must be in [0, 1)`);
  }
  if (typeof seed !== 'number' || !Number.isInteger(seed)) {
    throw new ConfigError(`invalid config: seed = ${JSON.stringify(seed)} — must be an integer`);
  }
  if (tokenizerVocabSize !== undefined && vocabSize !== tokenizerVocabSize) {
    throw new ConfigError(`invalid config: vocabSize = ${vocabSize} does not match the tokenizer's vocabulary of ${tokenizerVocabSize} tokens`);
  }
  return { vocabSize, contextLength, nLayer, nHead, dModel, mlpRatio, dropout, seed };
}

/** Every parameter of the model in a fixed order, with its GPT-2 name and shape. */
export interface ParamSpec {
  name: string;
  shape: number[];
  /** How it is initialised: normal with this std, or constant. */
  init: { kind: 'normal'; std: number } | { kind: 'zeros' } | { kind: 'ones' };
  /** AdamW decays only matrices of linear layers (nanoGPT: no decay on norms, biases, embeddings). */
  decay: boolean;
}

/** GPT-2 initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2·nLayer). */
export function paramSpecs(config: GPTConfig): ParamSpec[] {
  const { vocabSize: V, contextLength: T, nLayer, dModel: d } = config;
  const hidden = config.mlpRatio * d;
  const std = 0.02;
  const residualStd = std / Math.sqrt(2 * nLayer);
  const specs: ParamSpec[] = [
    { name: 'wte', shape: [V, d], init: { kind: 'normal', std }, decay: false },
    { name: 'wpe', shape: [T, d], init: { kind: 'normal', std }, decay: false },
  ];
  const norm = (prefix: string) => {
    specs.push({ name: `${prefix}.weight`, shape: [d], init: { kind: 'ones' }, decay: false });
    specs.push({ name: `${prefix}.bias`, shape: [d], init: { kind: 'zeros' }, decay: false });
  };
  const linear = (prefix: string, nIn: number, nOut: number, wStd: number) => {
    specs.push({ name: `${prefix}.weight`, shape: [nIn, nOut], init: { kind: 'normal', std: wStd }, decay: true });
    specs.push({ name: `${prefix}.bias`, shape: [nOut], init: { kind: 'zeros' }, decay: false });
  };
  for (let i = 0; i < nLayer; i++) {
    norm(`h.${i}.ln_1`);
    linear(`h.${i}.attn.c_attn`, d, 3 * d, std);
    linear(`h.${i}.attn.c_proj`, d, d, residualStd);
    norm(`h.${i}.ln_2`);
    linear(`h.${i}.mlp.c_fc`, d, hidden, std);
    linear(`h.${i}.mlp.c_proj`, hidden, d, residualStd);
  }
  norm('ln_f');
  return specs;
}

/** Exact number of trainable scalars (the output head is tied to wte, so it adds none). */
export function countParams(config: GPTConfig): number {
  return paramSpecs(config).reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1), 0);
}
