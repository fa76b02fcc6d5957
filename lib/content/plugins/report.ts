// What the plugins of one compile learn about a chapter and what they found wrong.
import type { ContentError } from '../errors';
import type { Heading } from '../types';

export interface CompileReport {
  file: string;
  errors: ContentError[];
  warnings: string[];
  headings: Heading[];
  citedIds: string[];
  componentNames: Set<string>;
  displayMathCount: number;
  mermaidCount: number;
}

export function newReport(file: string): CompileReport {
  return { file, errors: [], warnings: [], headings: [], citedIds: [], componentNames: new Set(), displayMathCount: 0, mermaidCount: 0 };
}
