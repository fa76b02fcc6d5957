// Messages of the `lora` feature (LoRALab, issue 6): fine-tune a shipped checkpoint on a new text
// with a LoRA adapter and, side by side, with full fine-tuning; switch the adapter off / on /
// merged; look at ΔW = (α/r)·A·B and its singular values; save and load the adapter file.
// Plain structured-cloneable data (the page imports this file; it must not pull in tfjs).
import type { LoraTarget } from '../../../model/lora-shapes';
import type { CorpusSource, StepMetricsMessage } from '../../protocol';

/** One seeded sample (the same request before and after shows what training changed). */
export interface LoraSampleRequest {
  prompt: string;
  tokens: number;
  temperature: number;
  seed: number;
  /**
   * Also count clauses of `length` Chinese characters over `samples` samples of the same request
   * with seeds seed, seed + 1, … (the first is the one shown): the zh base's 七言 share.
   */
  clauses?: { length: number; samples: number };
}

export interface LoraAdapterSettings {
  r: number;
  alpha: number;
  dropout: number;
  targets: LoraTarget[];
  /** Seed of A's initial values. */
  seed: number;
}

export interface LoraTrainSettings {
  steps: number;
  batchSize: number;
  /** Peak learning rate of the adapter (LoRA usually wants a larger one than full fine-tuning). */
  learningRate: number;
  /** Peak learning rate of the full fine-tuning run beside it. */
  fullLearningRate: number;
  warmupSteps: number;
  /** Seed of the batch order (both runs see the same batches) and of dropout. */
  seed: number;
  /** Validation loss every this many steps (and at the last). */
  evalEvery: number;
}

/** What the LoRA side computes now: the base alone, base + adapter, or the adapter folded into W. */
export type LoraMode = 'off' | 'on' | 'merged';

export type LoraCommand =
  /** Load a shipped checkpoint (as the frozen base) and the fine-tuning text; answers `lora/opened` then `lora/state`. */
  | { type: 'lora/open'; checkpointUrl: string; corpus: CorpusSource; sample: LoraSampleRequest }
  /** Train a fresh adapter (and, if `full`, a full fine-tuning copy in lockstep on the same batches). */
  | { type: 'lora/train'; runId: number; adapter: LoraAdapterSettings; train: LoraTrainSettings; full: boolean; sample: LoraSampleRequest; startPaused?: boolean }
  /** Switch the adapter off, on, or merged into the base weights (unmerging when leaving `merged`). */
  | { type: 'lora/mode'; mode: LoraMode; sample: LoraSampleRequest }
  /** ΔW of one covered linear (e.g. "h.0.attn.c_attn") and its singular values. */
  | { type: 'lora/delta'; linear: string }
  /** The adapter as adapter.json + adapter.bin (DESIGN.md), naming the base checkpoint's hash. */
  | { type: 'lora/save' }
  /** An adapter file pair; refused (bad-input) when it was trained on another base. */
  | { type: 'lora/load'; adapterJson: string; adapterBin: ArrayBuffer; sample: LoraSampleRequest };

/** Clauses (closed by ，。！？；) with exactly `length` Chinese characters, over `samples` seeded samples. */
export interface LoraClauseShare {
  length: number;
  samples: number;
  matched: number;
  total: number;
  /** matched / total (0 when no clause was closed). */
  share: number;
}

export interface LoraSample {
  prompt: string;
  text: string;
  /** Present when the request asked for `clauses`. */
  clauses?: LoraClauseShare;
}

export interface LoraAdapterInfo {
  r: number;
  alpha: number;
  dropout: number;
  targets: LoraTarget[];
  /** Exact count of the adapter's variables (A and B of every covered linear). */
  trainableParams: number;
  /** Covered linears with their [in, out] shapes. */
  linears: { name: string; nIn: number; nOut: number }[];
  source: 'trained' | 'loaded';
}

export type LoraEvent =
  | {
      type: 'lora/opened';
      checkpointUrl: string;
      /** SHA-256 of the base's weights.bin: what an adapter file names. */
      baseHash: string;
      model: { params: number; vocabSize: number; nLayer: number; nHead: number; dModel: number; mlpRatio: number; contextLength: number };
      corpus: { name: string; characters: number; droppedCharacters: number; trainTokens: number; valTokens: number };
      /** The base model before any fine-tuning: validation loss on the new text and a sample. */
      before: { valLoss: number; sample: LoraSample };
    }
  /** Measured once both trainers have stepped: trainable scalars and Adam's bytes (m and v). */
  | { type: 'lora/budget'; runId: number; lora: { trainableParams: number; optimizerBytes: number }; full: { trainableParams: number; optimizerBytes: number } | null }
  | { type: 'lora/metrics'; runId: number; run: 'lora' | 'full'; metrics: StepMetricsMessage }
  | { type: 'lora/done'; runId: number; reason: 'finished' | 'stopped'; steps: number }
  /** After open, training, a mode switch or a load: what the LoRA side computes now. */
  | {
      type: 'lora/state';
      mode: LoraMode;
      adapter: LoraAdapterInfo | null;
      /** Validation loss (fixed windows of the new text) of the LoRA side in this mode. */
      valLoss: number;
      sample: LoraSample;
      /** The full fine-tuning copy after its run (null before one). */
      full: { valLoss: number; sample: LoraSample } | null;
      /** Time the switch itself took (setAdapter, merge or unmerge), ms; null after open or training. */
      switchMs: number | null;
    }
  /** ΔW = (α/r)·A·B, [rows = in, cols = out] row-major, and its singular values (descending). */
  | { type: 'lora/delta'; linear: string; rows: number; cols: number; r: number; values: Float32Array; singularValues: number[] }
  | { type: 'lora/adapter'; adapterJson: string; adapterBin: ArrayBuffer; baseHash: string };

export const LORA_COMMANDS: readonly LoraCommand['type'][] = ['lora/open', 'lora/train', 'lora/mode', 'lora/delta', 'lora/save', 'lora/load'];
