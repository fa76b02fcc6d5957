'use client';
// What chapters render for <SamplingLab />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { SamplingLabProps } from './SamplingLab';
import { STRINGS } from './strings';

const SamplingLab = lazy(() => import('./SamplingLab'));

export default function SamplingLabLazy(props: SamplingLabProps) {
  const locale = useLocale();
  const t = STRINGS[locale];
  const checkpoint = props.checkpoint ?? (locale === 'zh' ? 'zh-tang-poetry' : 'en-shakespeare');
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(checkpoint)} minHeight="44rem" />}>
      <SamplingLab {...props} />
    </LazyWidget>
  );
}
