// What chapters render for <AttentionMap />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { AttentionMapProps } from './AttentionMap';
import { STRINGS } from './strings';

export default function AttentionMapLazy({ locale, ...props }: AttentionMapProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  return (
    <LazyWidget name="AttentionMap" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.checkpoints[props.checkpoint ?? 'en-shakespeare']} minHeight="36rem" />} />
  );
}
