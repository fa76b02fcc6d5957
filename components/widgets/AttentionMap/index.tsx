'use client';
// What chapters render for <AttentionMap />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { AttentionMapProps } from './AttentionMap';
import { STRINGS } from './strings';

const AttentionMap = lazy(() => import('./AttentionMap'));

export default function AttentionMapLazy(props: AttentionMapProps) {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.checkpoints[props.checkpoint ?? 'en-shakespeare']} minHeight="36rem" />}>
      <AttentionMap {...props} />
    </LazyWidget>
  );
}
