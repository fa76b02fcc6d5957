'use client';
// What chapters render for <TokenizerPlayground />: a static placeholder until it nears the
// viewport, then the widget's code (and, inside it, the BPE worker).
import { lazy } from 'react';
import { useLocale } from '@/components/ui/useLocale';
import { LazyWidget, WidgetPlaceholder } from '@/components/widgets/shared/LazyWidget';
import type { TokenizerPlaygroundProps } from './TokenizerPlayground';
import { STRINGS } from './strings';

const TokenizerPlayground = lazy(() => import('./TokenizerPlayground'));

export default function TokenizerPlaygroundLazy(props: TokenizerPlaygroundProps) {
  const t = STRINGS[useLocale()];
  return (
    <LazyWidget placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.corpora[props.corpus ?? 'tiny-shakespeare']} minHeight="36rem" />}>
      <TokenizerPlayground {...props} />
    </LazyWidget>
  );
}
