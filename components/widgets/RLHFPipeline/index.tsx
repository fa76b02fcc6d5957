'use client';
// What chapters render for <RLHFPipeline />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { RLHFPipelineProps } from './RLHFPipeline';
import { STRINGS } from './strings';

const RLHFPipeline = lazy(() => import('./RLHFPipeline'));

export default function RLHFPipelineLazy(props: RLHFPipelineProps) {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="34rem" />}>
      <RLHFPipeline {...props} />
    </LazyWidget>
  );
}
