// What chapters render for <SamplingLab />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import type { SamplingLabProps } from './SamplingLab';
import { STRINGS } from './strings';

export default function SamplingLabLazy({ locale, ...props }: SamplingLabProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  const checkpoint = props.checkpoint ?? (locale === 'zh' ? 'zh-tang-poetry' : 'en-shakespeare');
  return (
    <LazyWidget name="SamplingLab" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(checkpoint)} minHeight="44rem" />} />
  );
}
