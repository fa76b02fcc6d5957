// Server side of <RLHFPipeline />: reads the first record of the chapter's shipped datasets at
// build time, so each stage card shows real data with no request. Renders the lazy wrapper.
import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import RLHFPipelineLazy from './index';
import type { ExampleRecords } from './params';

const DATASETS = {
  zh: { sft: 'tang-sft.jsonl', preference: 'tang-preference.jsonl' },
  en: { sft: 'english-sft.jsonl', preference: 'english-preference.jsonl' },
} as const;

function firstRecord(file: string): unknown {
  const text = readFileSync(path.join(process.cwd(), 'content', 'datasets', file), 'utf8');
  return JSON.parse(text.slice(0, text.indexOf('\n')));
}

export function exampleRecords(language: 'zh' | 'en'): ExampleRecords {
  const files = DATASETS[language];
  return {
    sftFile: `content/datasets/${files.sft}`,
    preferenceFile: `content/datasets/${files.preference}`,
    sft: firstRecord(files.sft) as ExampleRecords['sft'],
    preference: firstRecord(files.preference) as ExampleRecords['preference'],
  };
}

/** `language` picks the datasets (default: the chapter's locale). */
export default function RLHFPipelineShipped({ locale, language }: { locale: 'zh' | 'en'; language?: 'zh' | 'en' }) {
  return <RLHFPipelineLazy locale={locale} examples={exampleRecords(language ?? locale)} />;
}
