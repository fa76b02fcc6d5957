'use client';
// What chapters render for <ScalingCalculator />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import { STRINGS } from './strings';

const ScalingCalculator = lazy(() => import('./ScalingCalculator'));

export default function ScalingCalculatorLazy() {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="44rem" />}>
      <ScalingCalculator />
    </LazyWidget>
  );
}
