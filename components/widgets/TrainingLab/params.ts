// TrainingLab's declared params: every knob, bounded, with a default. They round-trip the URL as
// ?w.training.<key>=…, so a link or presenter mode restores the exact setup.
import { countParams, type GPTConfig } from '@/lib/model/config';
import type { ParamSchema, ParamValues } from '@/lib/state/params';

export const TRAINING_LAB_ID = 'training';

export const CORPORA = {
  'tiny-shakespeare': { url: '/corpora/tiny-shakespeare.txt', checkpoint: '/checkpoints/en-shakespeare/', charVocab: 62, bytes: 95_919 },
  'tang-poetry': { url: '/corpora/tang-poetry.txt', checkpoint: '/checkpoints/zh-tang-poetry/', charVocab: 3000, bytes: 1_203_000 },
} as const;
export type ShippedCorpus = keyof typeof CORPORA;

/** The shipped checkpoints' shapes (lib/model/config PRESETS), shown while fine-tuning. */
export const CHECKPOINT_SHAPES: Record<ShippedCorpus, { nLayer: number; nHead: number; dModel: number; contextLength: number }> = {
  'tiny-shakespeare': { contextLength: 64, nLayer: 4, nHead: 4, dModel: 128 },
  'tang-poetry': { contextLength: 64, nLayer: 3, nHead: 4, dModel: 128 },
};

export function trainingLabSchema(defaultCorpus: ShippedCorpus = 'tiny-shakespeare') {
  return {
    corpus: { kind: 'enum', default: defaultCorpus, options: ['tiny-shakespeare', 'tang-poetry', 'pasted'] },
    tokenizer: { kind: 'enum', default: 'char', options: ['char', 'bpe'] },
    bpeVocab: { kind: 'number', default: 512, min: 260, max: 2048, integer: true },
    layers: { kind: 'number', default: 2, min: 1, max: 8, integer: true },
    heads: { kind: 'number', default: 4, min: 1, max: 8, integer: true },
    dModel: { kind: 'number', default: 64, min: 8, max: 512, integer: true },
    context: { kind: 'number', default: 64, min: 8, max: 256, integer: true },
    batch: { kind: 'number', default: 16, min: 1, max: 64, integer: true },
    // Up to 1: a reader should be able to see training blow up (it diverges at about 1 on the default model).
    lr: { kind: 'number', default: 0.003, min: 0.00001, max: 1 },
    warmup: { kind: 'number', default: 20, min: 0, max: 1000, integer: true },
    steps: { kind: 'number', default: 300, min: 1, max: 5000, integer: true },
    decay: { kind: 'number', default: 0.1, min: 0, max: 1 },
    seed: { kind: 'number', default: 0, min: 0, max: 999_999, integer: true },
    sampleEvery: { kind: 'number', default: 50, min: 0, max: 1000, integer: true },
    start: { kind: 'enum', default: 'scratch', options: ['scratch', 'checkpoint', 'loaded'] },
    backend: { kind: 'enum', default: 'auto', options: ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'] },
    logScale: { kind: 'boolean', default: false },
    smoothing: { kind: 'number', default: 0.6, min: 0, max: 0.99 },
  } as const satisfies ParamSchema;
}

export type TrainingLabSchema = ReturnType<typeof trainingLabSchema>;
export type TrainingLabParams = ParamValues<TrainingLabSchema>;

/** Problems that no single param shows: combinations the model cannot build. */
export function crossParamProblem(p: TrainingLabParams, locale: 'en' | 'zh'): { key: 'heads'; message: string } | null {
  if (p.start === 'scratch' && p.dModel % p.heads !== 0) {
    return {
      key: 'heads',
      message: locale === 'zh'
        ? `d_model = ${p.dModel} 不能被头数 ${p.heads} 整除（每个头分到 d_model / 头数 维）`
        : `d_model = ${p.dModel} is not divisible by ${p.heads} heads (each head gets d_model / heads dimensions)`,
    };
  }
  return null;
}

/** The model config the current params describe, for live estimates (vocab from the corpus and tokenizer). */
export function configFromParams(p: TrainingLabParams, pastedVocab: number): GPTConfig {
  const shipped = p.corpus === 'pasted' ? null : (p.corpus as ShippedCorpus);
  const shape = p.start === 'checkpoint' ? CHECKPOINT_SHAPES[shipped ?? 'tiny-shakespeare'] : { nLayer: p.layers, nHead: p.heads, dModel: p.dModel, contextLength: p.context };
  const vocabSize = p.tokenizer === 'bpe' && p.start === 'scratch' ? p.bpeVocab : shipped ? CORPORA[shipped].charVocab : Math.max(1, pastedVocab);
  return { ...shape, vocabSize, mlpRatio: 4, dropout: 0, seed: p.seed };
}

export function paramCount(p: TrainingLabParams, pastedVocab: number): number {
  return countParams(configFromParams(p, pastedVocab));
}

/**
 * Everything a run's trainer was built from — all params but the learning rate (which `continue`
 * sets) and the chart's own. A diverged run can be continued only while this is unchanged.
 */
export function trainerSignature(p: TrainingLabParams, pasted: string): string {
  return JSON.stringify({ ...p, lr: null, logScale: null, smoothing: null, pasted: p.corpus === 'pasted' ? pasted : '' });
}

/** The learning rate `continue` offers: the reader's, if lowered below the diverged peak, else a tenth of that peak. */
export function continueLearningRate(current: number, divergedPeak: number): number {
  return current < divergedPeak ? current : divergedPeak / 10;
}

/** A learning rate as the lab shows it: three significant digits, no trailing zeros (0.1, 0.0003, 2.5e-7). */
export function formatLearningRate(lr: number): string {
  return String(Number(lr.toPrecision(3)));
}
