// Messages of the `alignment` feature: SFTLab and DPOLab (issue 6). Plain structured-cloneable data.
// Both labs start from a shipped checkpoint and a shipped dataset (content/datasets, served at
// /datasets/), laid out with the template that fits the checkpoint's vocabulary.

/** `tang`: 題 … \n詩 … (zh-tang-poetry); `english`: USER: … \nPOET: … (en-shakespeare). */
export type TemplateName = 'tang' | 'english';

export interface AlignmentSource {
  /** A shipped checkpoint's folder URL (…/checkpoints/zh-tang-poetry/). */
  checkpointUrl: string;
  /** A JSON-lines dataset URL: {prompt, response} rows for SFT, {prompt, chosen, rejected} for DPO. */
  datasetUrl: string;
  template: TemplateName;
}

export interface SftRequest {
  steps: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Count the loss on response tokens only (true) or on every token of the text (false). */
  maskPrompt: boolean;
  /** Titles asked before and after training. */
  questions: string[];
  /** Longest answer, in tokens (an answer stops earlier at the template's end marker). */
  answerTokens: number;
  /** Answer loss on the held-out rows every this many steps, at step 0 and at the end (0 = never). */
  evalEvery: number;
}

export interface DpoRequest {
  steps: number;
  batchSize: number;
  learningRate: number;
  beta: number;
  seed: number;
  /** How many pairs (the dataset's first) the lab shows with their four log-probabilities. */
  shownPairs: number;
  /** How many answers are sampled before and after to measure the preferred property. */
  samples: number;
  answerTokens: number;
}

export type AlignmentCommand =
  /** One dataset row laid out by the template, with the library's loss mask. */
  | { type: 'alignment/template'; source: AlignmentSource; index: number; maskPrompt: boolean }
  | { type: 'alignment/sft'; runId: number; source: AlignmentSource; sft: SftRequest; startPaused?: boolean }
  | { type: 'alignment/dpo'; runId: number; source: AlignmentSource; dpo: DpoRequest; startPaused?: boolean }
  /** Change β of the DPO run in progress (from its next step). */
  | { type: 'alignment/set-beta'; beta: number };

export interface AnswerMessage {
  prompt: string;
  text: string;
  /** Whether the answer has the taught form (see data.ts `hasTaughtForm`). */
  formOk: boolean;
}

export interface DpoStepMetrics {
  step: number;
  loss: number;
  margin: number;
  accuracy: number;
  kl: number;
  chosenReward: number;
  rejectedReward: number;
  gradNorm: number;
  beta: number;
  msPerStep: number;
}

export interface ShownPair {
  prompt: string;
  chosen: string;
  rejected: string;
  /** Sequence log-probabilities (nats, summed over the response tokens). */
  refChosen: number;
  refRejected: number;
  policyChosen: number;
  policyRejected: number;
}

export type AlignmentEvent =
  | {
      type: 'alignment/template';
      index: number;
      count: number;
      /** The example's tokens as text, in order (prompt first). */
      tokens: string[];
      /** The first `promptLength` tokens are the prompt (user marker, title, assistant marker). */
      promptLength: number;
      /** Tokens that count in the loss: Σ mask of the library's sftBatch (targets = tokens 1…n−1). */
      lossTokens: number;
      /** Per token: 1 if it is a loss target, 0 if not (token 0 is never a target). */
      inLoss: number[];
      params: number;
    }
  | { type: 'alignment/answers'; runId: number; phase: 'before' | 'after'; step: number; answers: AnswerMessage[]; formShare: number }
  /** loss: what training counts (answer only, or the whole text when unmasked); responseLoss: the answer's share either way. */
  | { type: 'alignment/sft-step'; runId: number; step: number; loss: number; responseLoss: number; msPerStep: number; tokensPerSec: number }
  /** Mean answer loss (nats/token) on the dataset's held-out rows, which training never sees. */
  | { type: 'alignment/sft-eval'; runId: number; step: number; evalLoss: number; heldOut: number }
  | { type: 'alignment/dpo-step'; runId: number; metrics: DpoStepMetrics }
  | { type: 'alignment/dpo-pairs'; runId: number; step: number; pairs: ShownPair[] }
  | {
      type: 'alignment/property';
      runId: number;
      phase: 'before' | 'after';
      step: number;
      samples: string[];
      /** Clauses (text between the punctuation marks) with the preferred length, over all clauses. */
      matched: number;
      total: number;
      share: number;
    }
  | { type: 'alignment/beta'; runId: number; beta: number };

export const ALIGNMENT_COMMANDS: readonly AlignmentCommand['type'][] = ['alignment/template', 'alignment/sft', 'alignment/dpo', 'alignment/set-beta'];
