'use client';
// What chapters render for <SFTLab />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { SFTLabProps } from './SFTLab';
import { STRINGS } from './strings';

const SFTLab = lazy(() => import('./SFTLab'));

export default function SFTLabLazy(props: SFTLabProps) {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(t.models[props.checkpoint ?? 'en-shakespeare'])} minHeight="44rem" />}>
      <SFTLab {...props} />
    </LazyWidget>
  );
}
