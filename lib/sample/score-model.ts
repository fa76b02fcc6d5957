// The bridge from a GPT to the model-independent ScoreNext callback that decode() and
// beamSearch() drive: each prefix's last contextLength ids go through one forward pass, and the
// last position's logits come back. Prefixes of equal length (every beam at a step) share one
// batched forward.
import * as tf from '@tensorflow/tfjs';
import type { GPT } from '../model/gpt';
import type { ScoreNext } from './stop';

export function modelScorer(model: GPT): ScoreNext {
  const { vocabSize, contextLength } = model.config;
  return async (prefixes) => {
    const windows = prefixes.map((p, i) => {
      if (p.length === 0) throw new Error(`modelScorer: prefix ${i} is empty (the model needs at least one token)`);
      for (const id of p) if (!Number.isInteger(id) || id < 0 || id >= vocabSize) throw new Error(`modelScorer: prefix ${i} holds ${id}, not an id in 0…${vocabSize - 1}`);
      return p.slice(-contextLength);
    });
    const out: Float32Array[] = new Array(prefixes.length);
    const byLength = new Map<number, number[]>();
    windows.forEach((w, i) => byLength.set(w.length, [...(byLength.get(w.length) ?? []), i]));
    for (const [T, rows] of byLength) {
      const last = tf.tidy(() => {
        const ids = tf.tensor2d(rows.flatMap((i) => windows[i]), [rows.length, T], 'int32'); // [B, T]
        const { logits } = model.forward(ids); // [B, T, V]
        return logits.slice([0, T - 1, 0], [rows.length, 1, vocabSize]).reshape([rows.length, vocabSize]); // [B, V]
      });
      const values = (await last.data()) as Float32Array;
      last.dispose();
      rows.forEach((i, b) => (out[i] = values.slice(b * vocabSize, (b + 1) * vocabSize)));
    }
    return out;
  };
}
