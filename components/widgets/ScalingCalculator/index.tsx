// What chapters render for <ScalingCalculator />: a static placeholder until it nears the viewport.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import { STRINGS } from './strings';

export default function ScalingCalculatorLazy({ locale }: { locale: UiLocale }) {
  const t = STRINGS[locale];
  return (
    <LazyWidget name="ScalingCalculator" props={{}} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.placeholderFacts} minHeight="44rem" />} />
  );
}
