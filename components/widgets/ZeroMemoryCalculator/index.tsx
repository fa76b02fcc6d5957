'use client';
// What chapters render for <ZeroMemoryCalculator />: a static placeholder until the calculator
// nears the viewport, then the widget's code.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import { STRINGS } from './strings';

const ZeroMemoryCalculator = lazy(() => import('./ZeroMemoryCalculator'));

export default function ZeroMemoryCalculatorLazy() {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.presetNames['zero-paper']} minHeight="34rem" />}>
      <ZeroMemoryCalculator />
    </LazyWidget>
  );
}
