// Widgets that presenter mode (/{locale}/present/{slug}) can show, by URL slug. Server-safe list.
export const PRESENTABLE_WIDGETS = ['training-lab', 'zero-memory', 'tokenizer', 'positions', 'attention', 'scaling-sweep'] as const;
export type PresentableWidget = (typeof PRESENTABLE_WIDGETS)[number];

/** Where each widget lives: its chapter (slug) and MDX tag. "Back to the chapter" goes there. */
export const PRESENTER_HOME: Partial<Record<PresentableWidget, { chapter: string; tag: string }>> = {
  'training-lab': { chapter: 'training', tag: 'TrainingLab' },
  'zero-memory': { chapter: 'training', tag: 'ZeroMemoryCalculator' },
  tokenizer: { chapter: 'transformer', tag: 'TokenizerPlayground' },
  positions: { chapter: 'transformer', tag: 'PositionalEncoding' },
  attention: { chapter: 'transformer', tag: 'AttentionMap' },
  'scaling-sweep': { chapter: 'scale', tag: 'LiveScalingSweep' },
};

/**
 * Where "Back to the chapter" leads from a presenter URL, carrying the widget's current params
 * (they are mirrored into the query) so what the class set up is what the reader finds again.
 * An unknown widget leads to the locale's table of contents.
 */
export function chapterHrefFromPresenter(pathname: string, search: string): string {
  const match = /^\/(zh|en)\/present\/([^/]+)\/?$/.exec(pathname);
  if (!match) return '/';
  const [, locale, slug] = match;
  const chapter = PRESENTER_HOME[slug as PresentableWidget]?.chapter;
  return chapter ? `/${locale}/${chapter}/${search}#w-${slug}` : `/${locale}/`;
}
