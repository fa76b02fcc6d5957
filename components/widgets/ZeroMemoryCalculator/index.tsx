// What chapters render for <ZeroMemoryCalculator />: a static placeholder until the calculator
// nears the viewport, then the widget's code.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import { STRINGS } from './strings';

export default function ZeroMemoryCalculatorLazy({ locale }: { locale: UiLocale }) {
  const t = STRINGS[locale];
  return (
    <LazyWidget name="ZeroMemoryCalculator" props={{}} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.presetNames['zero-paper']} minHeight="34rem" />} />
  );
}
