'use client';
// What chapters render for <EmergencePlot />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import { STRINGS } from './strings';

const EmergencePlot = lazy(() => import('./EmergencePlot'));

export default function EmergencePlotLazy() {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="40rem" />}>
      <EmergencePlot />
    </LazyWidget>
  );
}
