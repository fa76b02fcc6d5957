// Widgets that presenter mode (/{locale}/present/{slug}) can show, by URL slug, with where each
// lives: its chapter (slug) and MDX tag. "Back to the chapter" goes there. Server-safe.
export const PRESENTER_HOME = {
  'training-lab': { chapter: 'training', tag: 'TrainingLab' },
  'zero-memory': { chapter: 'training', tag: 'ZeroMemoryCalculator' },
  tokenizer: { chapter: 'transformer', tag: 'TokenizerPlayground' },
  positions: { chapter: 'transformer', tag: 'PositionalEncoding' },
  attention: { chapter: 'transformer', tag: 'AttentionMap' },
  sampling: { chapter: 'inference', tag: 'SamplingLab' },
  quantization: { chapter: 'inference', tag: 'QuantizationLab' },
  'scaling-calculator': { chapter: 'scale', tag: 'ScalingCalculator' },
  emergence: { chapter: 'scale', tag: 'EmergencePlot' },
  'kv-cache': { chapter: 'inference', tag: 'KVCacheRace' },
  'lora-lab': { chapter: 'peft', tag: 'LoRALab' },
  'rlhf-pipeline': { chapter: 'alignment', tag: 'RLHFPipeline' },
  'sft-lab': { chapter: 'alignment', tag: 'SFTLab' },
  'dpo-lab': { chapter: 'alignment', tag: 'DPOLab' },
  'scaling-sweep': { chapter: 'scale', tag: 'LiveScalingSweep' },
  'kv-memory': { chapter: 'inference', tag: 'KVMemoryCalculator' },
} as const satisfies Record<string, { chapter: string; tag: string }>;

export type PresentableWidget = keyof typeof PRESENTER_HOME;
export const PRESENTABLE_WIDGETS = Object.keys(PRESENTER_HOME) as PresentableWidget[];

/**
 * Where "Back to the chapter" leads from a presenter URL, carrying the widget's current params
 * (they are mirrored into the query) so what the class set up is what the reader finds again,
 * at the widget's anchor (components/mdx/registry.tsx). An unknown widget leads to the contents.
 */
export function chapterHrefFromPresenter(pathname: string, search: string): string {
  const match = /^\/(zh|en)\/present\/([^/]+)\/?$/.exec(pathname);
  if (!match) return '/';
  const [, locale, slug] = match;
  const chapter = (PRESENTER_HOME as Partial<Record<string, { chapter: string }>>)[slug]?.chapter;
  return chapter ? `/${locale}/${chapter}/${search}#w-${slug}` : `/${locale}/`;
}
