'use client';
// What chapters render for <PositionalEncoding />: a static placeholder until it nears the viewport.
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { PositionalEncodingProps } from './PositionalEncoding';
import { STRINGS } from './strings';

const PositionalEncoding = lazy(() => import('./PositionalEncoding'));

export default function PositionalEncodingLazy(props: PositionalEncodingProps) {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.formula} minHeight="40rem" />}>
      <PositionalEncoding {...props} />
    </LazyWidget>
  );
}
