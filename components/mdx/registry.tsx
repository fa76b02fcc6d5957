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
import RLHFPipelineShipped from '@/components/widgets/RLHFPipeline/shipped';
import SFTLabLazy from '@/components/widgets/SFTLab';
import DPOLabLazy from '@/components/widgets/DPOLab';
import { PRESENTER_HOME } from '@/components/widgets/present/widgets';
import SamplingLabLazy from '@/components/widgets/SamplingLab';
import QuantizationLabLazy from '@/components/widgets/QuantizationLab';
import ScalingCalculatorLazy from '@/components/widgets/ScalingCalculator';
import EmergencePlotLazy from '@/components/widgets/EmergencePlot';
import KVCacheRaceLazy from '@/components/widgets/KVCacheRace';
import LoRALabLazy from '@/components/widgets/LoRALab';
import LiveScalingSweepLazy from '@/components/widgets/LiveScalingSweep';
import KVMemoryCalculatorLazy from '@/components/widgets/KVMemoryCalculator';

/**
 * Interactive widgets, by the tag name chapters use. Each entry is the widget's index.tsx: a
 * server component that renders a static placeholder and hands the widget's name and props to
 * the one client LazyWidget, which loads the widget's code near the viewport
 * (components/widgets/shared/chapter-widgets.ts). Keeping these wrappers on the server keeps
 * every widget's strings out of the chapter's first-load JS.
 */
type ChapterWidget = ComponentType<Record<string, unknown> & { locale: Locale }>;
export const widgets: Record<string, ChapterWidget> = {
  TrainingLab: TrainingLabLazy as ChapterWidget,
  ZeroMemoryCalculator: ZeroMemoryCalculatorLazy as ChapterWidget,
  TokenizerPlayground: TokenizerPlaygroundLazy as ChapterWidget,
  PositionalEncoding: PositionalEncodingShipped as ChapterWidget,
  AttentionMap: AttentionMapShipped as ChapterWidget,
  SamplingLab: SamplingLabLazy as ChapterWidget,
  QuantizationLab: QuantizationLabLazy as ChapterWidget,
  ScalingCalculator: ScalingCalculatorLazy as ChapterWidget,
  EmergencePlot: EmergencePlotLazy as ChapterWidget,
  KVCacheRace: KVCacheRaceLazy as ChapterWidget,
  LoRALab: LoRALabLazy as ChapterWidget,
  RLHFPipeline: RLHFPipelineShipped as ChapterWidget,
  SFTLab: SFTLabLazy as ChapterWidget,
  DPOLab: DPOLabLazy as ChapterWidget,
  LiveScalingSweep: LiveScalingSweepLazy as ChapterWidget,
  KVMemoryCalculator: KVMemoryCalculatorLazy as ChapterWidget,
};

const SLUG_BY_TAG = new Map<string, string>(Object.entries(PRESENTER_HOME).map(([slug, home]) => [home.tag, slug]));

/**
 * The widgets bound to the chapter's locale. Each presentable one sits in an anchor (#w-<slug>)
 * so presenter mode's "Back to the chapter" returns the class to the widget itself, not to the
 * top of a long chapter.
 */
function chapterWidgets(locale: Locale): Record<string, ComponentType<Record<string, unknown>>> {
  return Object.fromEntries(
    Object.entries(widgets).map(([tag, Widget]) => {
      const slug = SLUG_BY_TAG.get(tag);
      const Bound = (props: Record<string, unknown>) =>
        slug ? (
          <div id={`w-${slug}`} className="widget-anchor">
            <Widget {...props} locale={locale} />
          </div>
        ) : (
          <Widget {...props} locale={locale} />
        );
      Bound.displayName = `Chapter(${tag})`;
      return [tag, Bound];
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
    ...chapterWidgets(locale),
  };
}

/** Every tag name a chapter may use. */
export const KNOWN_COMPONENTS: readonly string[] = Object.keys(mdxComponents({ locale: 'en', sources: [] }));
