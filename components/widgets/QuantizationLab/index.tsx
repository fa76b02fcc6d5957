'use client';
// What chapters render for <QuantizationLab />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import { CHECKPOINTS } from './params';
import type { QuantizationLabProps } from './QuantizationLab';
import { STRINGS } from './strings';

const QuantizationLab = lazy(() => import('./QuantizationLab'));

export default function QuantizationLabLazy(props: QuantizationLabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const checkpoint = props.checkpoint ?? (locale === 'zh' ? 'zh-tang-poetry' : 'en-shakespeare');
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(CHECKPOINTS[checkpoint].params)} minHeight="46rem" />}>
      <QuantizationLab {...props} />
    </LazyWidget>
  );
}
