// What chapters render for <KVMemoryCalculator />: a static placeholder with the chapter's worked
// numbers until the calculator nears the viewport, then the widget's code.
import type { UiLocale } from '@/components/ui/useLocale';
import { LazyWidget } from '@/components/widgets/shared/LazyWidget';
import { WidgetPlaceholder } from '@/components/widgets/shared/WidgetPlaceholder';
import { PLACEHOLDER } from './strings';

export default function KVMemoryCalculatorLazy({ locale }: { locale: UiLocale }) {
  const t = PLACEHOLDER[locale];
  return <LazyWidget name="KVMemoryCalculator" props={{}} placeholder={<WidgetPlaceholder title={t.title} subtitle={t.subtitle} facts={t.facts} minHeight="40rem" />} />;
}
