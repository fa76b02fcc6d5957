'use client';
// What chapters render for <LiveScalingSweep />: a static placeholder (title, what it does, the
// five models' size range) until the widget nears the viewport; then the widget's code, and only
// inside it the engine's worker and tfjs.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { compactNumber } from '@/components/ui/log-axis';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import { modelCost, sweepPlan } from '@/lib/engine/features/sweep/plan';
import { STRINGS } from './strings';
import { SWEEP_CORPORA, type SweepCorpus } from './params';
import type { LiveScalingSweepProps } from './LiveScalingSweep';

const LiveScalingSweep = lazy(() => import('./LiveScalingSweep'));

export default function LiveScalingSweepLazy(props: LiveScalingSweepProps) {
  const t = STRINGS[useLocale()];
  const corpus: SweepCorpus = props.corpus ?? 'tiny-shakespeare';
  const vocab = SWEEP_CORPORA[corpus].charVocab;
  const plan = sweepPlan('tokens', 'quick', vocab);
  const range = `${compactNumber(modelCost(plan, 0, vocab).nonEmbeddingParams)}–${compactNumber(modelCost(plan, plan.models.length - 1, vocab).nonEmbeddingParams)}`;
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(range)} minHeight="52rem" />}>
      <LiveScalingSweep {...props} />
    </LazyWidget>
  );
}
