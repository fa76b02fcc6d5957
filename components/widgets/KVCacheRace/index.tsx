'use client';
// What chapters render for <KVCacheRace />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { KVCacheRaceProps } from './KVCacheRace';
import { PLACEHOLDER } from './strings';

const KVCacheRace = lazy(() => import('./KVCacheRace'));

export default function KVCacheRaceLazy(props: KVCacheRaceProps) {
  const t = PLACEHOLDER[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.facts} minHeight="40rem" />}>
      <KVCacheRace {...props} />
    </LazyWidget>
  );
}
