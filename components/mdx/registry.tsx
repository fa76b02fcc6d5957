// The one place MDX tags come from. A chapter imports nothing: every capitalised tag it uses must
// be a key of the map below, or the build fails naming the tag and the file (lib/content checks
// against KNOWN_COMPONENTS).
import type { ComponentType, ReactNode } from 'react';
import { STRINGS } from '@/components/site/strings';
import type { Locale, Source } from '@/lib/content/types';
import { Callout, type CalloutType } from './Callout';
import { Cite } from './Cite';
import { Figure } from './Figure';
import { Mermaid } from './Mermaid';
import { TeachingBox } from './TeachingBox';
import TrainingLabLazy from '@/components/widgets/TrainingLab';
import AttentionMapShipped from '@/components/widgets/AttentionMap/shipped';
import PositionalEncodingShipped from '@/components/widgets/PositionalEncoding/shipped';
import TokenizerPlaygroundLazy from '@/components/widgets/TokenizerPlayground';
import ZeroMemoryCalculatorLazy from '@/components/widgets/ZeroMemoryCalculator';
import { PRESENTER_HOME } from '@/components/widgets/present/widgets';
import SamplingLabLazy from '@/components/widgets/SamplingLab';
import QuantizationLabLazy from '@/components/widgets/QuantizationLab';
import ScalingCalculatorLazy from '@/components/widgets/ScalingCalculator';
import EmergencePlotLazy from '@/components/widgets/EmergencePlot';
import KVCacheRaceLazy from '@/components/widgets/KVCacheRace';
import LoRALabLazy from '@/components/widgets/LoRALab';
import LiveScalingSweepLazy from '@/components/widgets/LiveScalingSweep';

/**
 * Interactive widgets, by the tag name chapters use. Each is a 'use client' component loaded
 * lazily behind a static placeholder, e.g.
 *   TrainingLab: lazy(() => import('@/components/widgets/TrainingLab/TrainingLab')),
 */
export const widgets: Record<string, ComponentType<never>> = {
  // A small client wrapper: static placeholder first, the lab's code only near the viewport.
  TrainingLab: TrainingLabLazy as ComponentType<never>,
  ZeroMemoryCalculator: ZeroMemoryCalculatorLazy as ComponentType<never>,
  TokenizerPlayground: TokenizerPlaygroundLazy as ComponentType<never>,
  PositionalEncoding: PositionalEncodingShipped as ComponentType<never>,
  AttentionMap: AttentionMapShipped as ComponentType<never>,
  SamplingLab: SamplingLabLazy as ComponentType<never>,
  QuantizationLab: QuantizationLabLazy as ComponentType<never>,
  ScalingCalculator: ScalingCalculatorLazy as ComponentType<never>,
  EmergencePlot: EmergencePlotLazy as ComponentType<never>,
  KVCacheRace: KVCacheRaceLazy as ComponentType<never>,
  LoRALab: LoRALabLazy as ComponentType<never>,
  LiveScalingSweep: LiveScalingSweepLazy as ComponentType<never>,
};

/**
 * Each presentable widget sits in an anchor (#w-<slug>) so presenter mode's "Back to the
 * chapter" returns the class to the widget itself, not to the top of a long chapter.
 */
function anchored(components: Record<string, ComponentType<never>>): Record<string, ComponentType<never>> {
  const slugByTag = new Map<string, string>(Object.entries(PRESENTER_HOME).map(([slug, home]) => [home.tag, slug]));
  return Object.fromEntries(
    Object.entries(components).map(([tag, Widget]) => {
      const slug = slugByTag.get(tag);
      if (!slug) return [tag, Widget];
      const Inner = Widget as ComponentType<Record<string, unknown>>;
      const Anchored = (props: Record<string, unknown>) => (
        <div id={`w-${slug}`} className="widget-anchor">
          <Inner {...props} />
        </div>
      );
      Anchored.displayName = `Anchored(${tag})`;
      return [tag, Anchored as ComponentType<never>];
    }),
  );
}

interface ChapterContext {
  locale: Locale;
  sources: Source[];
}

type Children = { children: ReactNode };

/** The components a chapter's MDX renders with, bound to its locale and sources. */
export function mdxComponents({ locale, sources }: ChapterContext) {
  const t = STRINGS[locale];
  return {
    Callout: ({ type, title, children }: Children & { type?: CalloutType; title?: string }) => (
      <Callout type={type} title={title} defaultTitle={t.callout[type ?? 'note']}>
        {children}
      </Callout>
    ),
    Figure,
    Cite: ({ id }: { id: string }) => <Cite id={id} sources={sources} label={t.citeLabel} />,
    Goals: ({ children }: Children) => <TeachingBox kind="goals" title={t.goals}>{children}</TeachingBox>,
    Recap: ({ children }: Children) => <TeachingBox kind="recap" title={t.recap}>{children}</TeachingBox>,
    Exercises: ({ children }: Children) => <TeachingBox kind="exercises" title={t.exercises}>{children}</TeachingBox>,
    // ```mermaid fences arrive as <Mermaid source="…" /> (lib/content/plugins/remark-mermaid.ts).
    Mermaid: ({ source }: { source: string }) => <Mermaid source={source} errorLabel={t.diagramError} />,
    ...anchored(widgets),
  };
}

/** Every tag name a chapter may use. */
export const KNOWN_COMPONENTS: readonly string[] = Object.keys(mdxComponents({ locale: 'en', sources: [] }));
