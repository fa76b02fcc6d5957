// Supervised fine-tuning (SFT): (instruction, response) pairs laid out with a chat template,
// trained with next-token cross-entropy on the response tokens only — the prompt is context,
// not something the model should learn to write (InstructGPT; TRL's completion-only loss).
import * as tf from '@tensorflow/tfjs';
import type { ForwardOptions, GPT } from '../model/gpt';
import type { Rng } from '../sample/rng';
import type { Tokenizer } from '../tokenizer/types';
import { type MaskedBatch, targetLogProbs } from './logprobs';

/**
 * Text = user + prompt + assistant + response + end. The markers must be in the tokenizer's
 * vocabulary (a character-level model knows only its corpus's characters).
 */
export interface ChatTemplate {
  /** Opens the instruction. */
  user: string;
  /** Closes the instruction and opens the response (part of the prompt: the model is not trained to write it). */
  assistant: string;
  /** Closes the response (trained: the model learns to stop). */
  end: string;
}

/**
 * For the zh-tang-poetry character model (全唐詩 vocabulary, traditional characters; it has no
 * `：`, so a space follows the marker): "題 春曉\n詩 春眠不覺曉，處處聞啼鳥。\n夜來風雨聲，花落知多少。\n\n".
 * 題 ("title") opens the request, 詩 ("poem") the answer; the blank line that ends every poem
 * of the corpus ends the answer.
 */
export const TANG_TEMPLATE: ChatTemplate = { user: '題 ', assistant: '\n詩 ', end: '\n\n' };

/** For the English character model: "USER: …\nPOET: …\n\n" (tiny-shakespeare has no Q or Z, so not "Q:/A:"). */
export const ENGLISH_TEMPLATE: ChatTemplate = { user: 'USER: ', assistant: '\nPOET: ', end: '\n\n' };

export interface InstructionPair {
  prompt: string;
  response: string;
}

/** A formatted example: token ids of the whole text, the first `promptLength` of which are prompt. */
export interface FormattedExample {
  ids: number[];
  promptLength: number;
}

/**
 * Lay out one pair with the template. Prompt and response are encoded separately and joined, so
 * the boundary between them is exact for any tokenizer (a BPE merge never straddles it).
 */
export function formatExample(template: ChatTemplate, tokenizer: Tokenizer, pair: InstructionPair): FormattedExample {
  const encode = (part: string, text: string) => {
    try {
      return tokenizer.encode(text);
    } catch (e) {
      throw new Error(`chat template: the ${part} cannot be encoded — ${(e as Error).message}`);
    }
  };
  const prompt = encode('prompt', template.user + pair.prompt + template.assistant);
  const response = encode('response', pair.response + template.end);
  return { ids: [...prompt, ...response], promptLength: prompt.length };
}

/**
 * Batch formatted examples for a model of context T: inputs[b, t] = ids[t], targets[b, t] =
 * ids[t + 1], mask[b, t] = 1 iff target t + 1 is a response token. Shorter examples are padded
 * (id 0, mask 0; padding sits after the text, so causal attention never lets it change the text's
 * logits). An example longer than T + 1 tokens is an error naming it.
 */
export function sftBatch(examples: FormattedExample[], T: number): MaskedBatch {
  const B = examples.length;
  const inputs = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  const mask = new Float32Array(B * T);
  examples.forEach(({ ids, promptLength }, b) => {
    if (ids.length > T + 1) throw new Error(`SFT example ${b} has ${ids.length} tokens; contextLength ${T} fits at most ${T + 1}`);
    if (promptLength < 1 || promptLength >= ids.length) throw new Error(`SFT example ${b}: prompt length ${promptLength} leaves no response in ${ids.length} tokens`);
    for (let t = 0; t + 1 < ids.length; t++) {
      inputs[b * T + t] = ids[t];
      targets[b * T + t] = ids[t + 1];
      mask[b * T + t] = t + 1 >= promptLength ? 1 : 0;
    }
  });
  return {
    inputs: tf.tensor2d(inputs, [B, T], 'int32'),
    targets: tf.tensor2d(targets, [B, T], 'int32'),
    mask: tf.tensor2d(mask, [B, T]),
  };
}

/** Mean cross-entropy (nats) over the response tokens only: −Σ mask·log p(target) / Σ mask. */
export function maskedLoss(model: GPT, batch: MaskedBatch, opts: Pick<ForwardOptions, 'training' | 'rng'> = {}): tf.Scalar {
  return tf.tidy(() => {
    const { logits } = model.forward(batch.inputs, opts);
    const logp = targetLogProbs(logits, batch.targets); // [B, T]
    return tf.div(tf.neg(tf.sum(tf.mul(logp, batch.mask))), tf.maximum(tf.sum(batch.mask), 1)) as tf.Scalar;
  });
}

/** B examples drawn uniformly (with replacement) by the seeded rng. */
export function sampleExamples<T>(examples: T[], B: number, rng: Rng): T[] {
  return Array.from({ length: B }, () => examples[rng.int(examples.length)]);
}
