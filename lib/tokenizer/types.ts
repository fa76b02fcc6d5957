// What every tokenizer offers the model, the trainer, checkpoints and widgets.

/** Serialised form stored in a checkpoint's model.json under `tokenizer`. */
export type TokenizerJSON =
  | { kind: 'char'; chars: string[] } // id i ↔ chars[i]; unknown characters are refused at encode time
  | { kind: 'bpe'; merges: [number, number][] }; // byte-level: ids 0–255 are bytes, merge i makes id 256 + i

export interface Tokenizer {
  readonly kind: TokenizerJSON['kind'];
  readonly vocabSize: number;
  encode(text: string): number[];
  decode(ids: number[]): string;
  /** How one token reads on screen (a widget shows it; BPE tokens may be partial UTF-8). */
  tokenText(id: number): string;
  toJSON(): TokenizerJSON;
}
