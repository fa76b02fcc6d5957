// What chapters render for <QuantizationLab />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import { CHECKPOINTS } from './params';
import type { QuantizationLabProps } from './QuantizationLab';
import { STRINGS } from './strings';

export default function QuantizationLabLazy({ locale, ...props }: QuantizationLabProps & { locale: UiLocale }) {
  const t = STRINGS[locale];
  const checkpoint = props.checkpoint ?? (locale === 'zh' ? 'zh-tang-poetry' : 'en-shakespeare');
  return (
    <LazyWidget name="QuantizationLab" props={props} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts(CHECKPOINTS[checkpoint].params)} minHeight="46rem" />} />
  );
}
