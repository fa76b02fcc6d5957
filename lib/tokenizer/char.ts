// Character-level tokenizer: one id per Unicode code point seen in the training text, sorted by
// code point so the same text always gives the same vocabulary.
import type { Tokenizer, TokenizerJSON } from './types';

export class CharTokenizer implements Tokenizer {
  readonly kind = 'char' as const;
  private readonly chars: string[];
  private readonly ids: Map<string, number>;

  constructor(chars: string[]) {
    const ids = new Map<string, number>();
    chars.forEach((c, i) => {
      if (typeof c !== 'string' || [...c].length !== 1) {
        throw new Error(`char tokenizer: entry ${i} (${JSON.stringify(c)}) is not a single character`);
      }
      if (ids.has(c)) throw new Error(`char tokenizer: character ${JSON.stringify(c)} appears twice (ids ${ids.get(c)} and ${i})`);
      ids.set(c, i);
    });
    if (chars.length === 0) throw new Error('char tokenizer: the vocabulary is empty');
    this.chars = chars.slice();
    this.ids = ids;
  }

  /** The vocabulary of every distinct code point in `text`, in code-point order. */
  static fromText(text: string): CharTokenizer {
    const set = new Set(text); // iterates code points, not UTF-16 units
    return new CharTokenizer([...set].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  get vocabSize(): number {
    return this.chars.length;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    let position = 0;
    for (const c of text) {
      const id = this.ids.get(c);
      if (id === undefined) {
        throw new Error(`char tokenizer: character ${JSON.stringify(c)} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}) at position ${position} is not in the vocabulary`);
      }
      out.push(id);
      position++;
    }
    return out;
  }

  decode(ids: number[]): string {
    return ids.map((id) => this.tokenText(id)).join('');
  }

  tokenText(id: number): string {
    const c = this.chars[id];
    if (c === undefined) throw new Error(`char tokenizer: id ${id} is outside the vocabulary (0…${this.chars.length - 1})`);
    return c;
  }

  toJSON(): TokenizerJSON {
    return { kind: 'char', chars: this.chars.slice() };
  }
}
