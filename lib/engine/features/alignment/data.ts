// The alignment labs' data: JSON-lines datasets, the chat template for each checkpoint, and the
// two things the labs measure in generated text — whether an answer has the taught form (SFT)
// and how many of its clauses have the preferred length (DPO). Pure functions; no tfjs.
import { ENGLISH_TEMPLATE, TANG_TEMPLATE, type ChatTemplate, type InstructionPair } from '../../../train/sft';
import type { PreferencePair } from '../../../train/dpo';
import { countClauses, type ClauseCount } from '../../../text/clauses';
import { BadInputError } from '../../protocol';
import type { TemplateName } from './protocol';

export const TEMPLATES: Record<TemplateName, ChatTemplate> = { tang: TANG_TEMPLATE, english: ENGLISH_TEMPLATE };

/** Rows of a JSON-lines file, each checked to have the string fields `keys`; errors name the line. */
export function parseJsonl<K extends string>(text: string, keys: readonly K[], name: string): Record<K, string>[] {
  const rows: Record<K, string>[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (e) {
      throw new BadInputError(`${name} line ${i + 1} is not JSON: ${(e as Error).message}`);
    }
    for (const key of keys) {
      if (typeof (row as Record<string, unknown>)?.[key] !== 'string') throw new BadInputError(`${name} line ${i + 1} has no text field "${key}"`);
    }
    rows.push(row as Record<K, string>);
  });
  if (rows.length === 0) throw new BadInputError(`${name} has no rows`);
  return rows;
}

export const parseSft = (text: string, name: string): InstructionPair[] => parseJsonl(text, ['prompt', 'response'] as const, name);
export const parsePreferences = (text: string, name: string): PreferencePair[] => parseJsonl(text, ['prompt', 'chosen', 'rejected'] as const, name);

/** The generated answer up to the template's end marker, and whether the model emitted it. */
export function cutAnswer(text: string, template: ChatTemplate): { answer: string; stopped: boolean } {
  const end = text.indexOf(template.end);
  return end < 0 ? { answer: text, stopped: false } : { answer: text.slice(0, end), stopped: true };
}

const FIVE_LINE = /^[^，。？！\s]{5}，[^，。？！\s]{5}[。？！]$/u;

/**
 * The form each SFT set teaches. tang: exactly a five-character quatrain (two lines of
 * five，five。) and then stop. english: exactly two non-empty lines (a couplet) and then stop.
 */
export function hasTaughtForm(text: string, name: TemplateName): boolean {
  const { answer, stopped } = cutAnswer(text, TEMPLATES[name]);
  if (!stopped) return false;
  const lines = answer.split('\n');
  if (lines.length !== 2) return false;
  return name === 'tang' ? lines.every((l) => FIVE_LINE.test(l)) : lines.every((l) => l.trim().length > 0 && l.length <= 40);
}

/**
 * DPOLab's measured property (the Tang preference set's one difference): clauses of exactly five
 * Chinese characters, against all closed clauses in the answers (the counter LoRALab's 七言 share
 * uses too: lib/text/clauses.ts).
 */
export function clauseLengths(text: string, template: ChatTemplate): ClauseCount {
  return countClauses(cutAnswer(text, template).answer, 5);
}
