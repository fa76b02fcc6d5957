// The engine's `attention` command: every layer's and head's attention probabilities for a
// text, from the model the engine holds or from a checkpoint fetched by URL (cached by the
// engine, and kept apart from the trained model so looking never replaces what the reader trained).
import * as tf from '@tensorflow/tfjs';
import type { LoadedCheckpoint } from '../model/checkpoint-web';
import type { GPT } from '../model/gpt';
import { encodeKnownChars, type Tokenizer } from '../tokenizer';
import { BadInputError } from './protocol';

export interface AttentionMaps {
  tokens: string[];
  nHead: number;
  /** Per layer: probabilities [nHead, T, T] row-major; row = query position, column = key. */
  layers: Float32Array[];
}


/** Attention of `model` on `text` (its last contextLength tokens). Disposes every tensor it makes. */
export async function attentionMaps(model: GPT, tokenizer: Tokenizer, text: string): Promise<AttentionMaps> {
  const ids = encodeKnownChars(tokenizer, text).slice(-model.config.contextLength);
  if (ids.length === 0) throw new BadInputError('the text has no token this model knows: type something in its language');
  const input = tf.tensor2d([ids], [1, ids.length], 'int32'); // [1, T]
  const { logits, attention } = model.forward(input, { returnAttention: true });
  input.dispose();
  logits.dispose();
  try {
    // Each layer's probabilities: [1, nHead, T, T] → flat [nHead·T·T].
    const layers = await Promise.all(attention!.map(async (a) => new Float32Array(await a.data())));
    return { tokens: ids.map((id) => tokenizer.tokenText(id)), nHead: model.config.nHead, layers };
  } finally {
    attention!.forEach((a) => a.dispose());
  }
}

/** Run the command against a checkpoint URL or the engine's current model. */
export async function handleAttention(
  cmd: { text: string; checkpointUrl?: string },
  checkpoint: (url: string) => Promise<LoadedCheckpoint>,
  current: { model: GPT; tokenizer: Tokenizer } | null,
): Promise<AttentionMaps> {
  const source = cmd.checkpointUrl ? await checkpoint(cmd.checkpointUrl) : current;
  if (!source) throw new BadInputError('no model yet: train or load one first, or give a checkpoint URL');
  return attentionMaps(source.model, source.tokenizer, cmd.text);
}
