// What chapters render for <LiveScalingSweep />: a server-rendered placeholder (title, what it
// does, the quick sweep's N range) until the widget nears the viewport; then the widget's code,
// and only inside it the engine's worker and tfjs.
import type { UiLocale } from '@/components/ui/useLocale';
import { compactNumber } from '@/components/ui/log-axis';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import { modelCost, sweepPlan } from '@/lib/engine/features/sweep/plan';
import { STRINGS } from './strings';
import { SWEEP_CORPORA, type SweepCorpus } from './params';
import type { LiveScalingSweepProps } from './LiveScalingSweep';

export default function LiveScalingSweepLazy({ locale, ...props }: LiveScalingSweepProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  const corpus: SweepCorpus = props.corpus ?? 'tiny-shakespeare';
  const vocab = SWEEP_CORPORA[corpus].charVocab;
  const plan = sweepPlan('tokens', 'quick', vocab);
  const range = `${compactNumber(modelCost(plan, 0, vocab).nonEmbeddingParams)}–${compactNumber(modelCost(plan, plan.models.length - 1, vocab).nonEmbeddingParams)}`;
  return <LazyWidget name="LiveScalingSweep" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(range)} minHeight="52rem" />} />;
}
