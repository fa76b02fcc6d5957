'use client';
// What chapters render for <DPOLab />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { DPOLabProps } from './DPOLab';
import { STRINGS } from './strings';

const DPOLab = lazy(() => import('./DPOLab'));

export default function DPOLabLazy(props: DPOLabProps) {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="48rem" />}>
      <DPOLab {...props} />
    </LazyWidget>
  );
}
